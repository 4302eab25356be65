// bench:hostile, fetched pages (issue 19): each hostile page beside a plain page of the same size, read by
// the built CLI (`lede extract`, `lede related`: wall time and peak RSS from /usr/bin/time) and added as a
// related entry in Chromium through the test build (the background fetches, the offscreen document parses:
// time of the `related/fetch` answer, and the peak RSS of the browser's processes during it above what they
// held before). Redirect chains are timed in Node with src/related's own fetch (bundled here) and in the
// browser. Median of RUNS (default 3). Targets: under 1 s for any input under 2 MB, at most 50 MB per MB.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumPath, median } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS) || 3;
const PROSE = '<p>A sentence of running prose, long enough to be taken for the opening of an article here.</p>';
const page = (title, head, body) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
/** `unit` repeated until the page is `bytes` long. */
const fill = (unit, bytes) => unit.repeat(Math.max(1, Math.round(bytes / unit.length)));
const latin1 = (text) => Buffer.from(text, 'latin1');

/** Each hostile page and its plain peer of the same size: built here, never committed. */
export function pagePairs() {
  const deepDivs = page('Deep divs', '', `${'<div>'.repeat(100_000)}${PROSE}${'</div>'.repeat(100_000)}`);
  const inline = page('Unclosed inline', '', `${'<b><i>x'.repeat(122_000)}${PROSE}`);
  const deepLd = page('Deep JSON-LD', `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Deep JSON-LD","keywords":${'['.repeat(5_000)}"x"${']'.repeat(5_000)}}</script>`, PROSE);
  const plainLd = page('Plain JSON-LD', `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Plain JSON-LD","keywords":[${fill('"topic",', 9_900).slice(0, -1)}]}</script>`, PROSE);
  const cafe = 'Caf\u00e9 cr\u00e8me au port, les lampes du quai ont \u00e9t\u00e9 rallum\u00e9es. ';
  const undeclared = Buffer.concat([latin1('<!doctype html><html><head><title>Caf\u00e9 cr\u00e8me</title></head><body>'), latin1(fill(`<p>${cafe}</p>`, 1_000_000)), latin1('</body></html>')]);
  const declared = Buffer.from(page('Caf\u00e9 cr\u00e8me', '', fill(`<p>${cafe}</p>`, 1_000_000)), 'utf8');
  const start = '<!doctype html><html><head><!-- ';
  const cut = Buffer.from(`${start}${'x'.repeat(1024 - start.length - ' --><meta charset="ut'.length)} --><meta charset="utf-8"><title>Cut meta</title></head><body>${fill(`<p>${cafe}</p>`, 1_000_000)}</body></html>`, 'utf8');
  return [
    { name: '100,000 nested <div>s', hostile: deepDivs, plain: page('Plain divs', '', fill(`<div>${PROSE}</div>`, deepDivs.length)) },
    { name: 'unclosed inline tags', hostile: inline, plain: page('Closed inline', '', fill('<b><i>x</i></b>', inline.length)) },
    { name: 'JSON-LD 5,000 deep', hostile: deepLd, plain: plainLd },
    { name: 'Latin-1, no charset said', hostile: undeclared, plain: declared },
    { name: '<meta charset> cut at byte 1,024', hostile: cut, plain: declared },
  ].map((pair) => ({ ...pair, hostile: Buffer.from(pair.hostile), plain: Buffer.from(pair.plain) }));
}

const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
const mb = (bytes) => bytes / (1024 * 1024);

/** One CLI run: wall time, and the peak RSS /usr/bin/time saw (KB). */
function cli(args) {
  const start = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'dist/cli/lede.js'), ...args], { encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`lede ${args.join(' ')}: ${run.stderr}`);
  const kb = Number(run.stderr.trim().split('\n').at(-1));
  return { ms: elapsed, rss: kb * 1024 };
}

function medianRun(fn) {
  const runs = Array.from({ length: RUNS }, fn);
  return { ms: median(runs.map((r) => r.ms)), rss: median(runs.map((r) => r.rss)) };
}

async function nodeRows(pairs, dir) {
  writeFileSync(join(dir, 'tiny.html'), page('Tiny', '', PROSE));
  const base = medianRun(() => cli(['extract', '--url', 'https://news.example.com/a', join(dir, 'tiny.html')]));
  console.log(`\n### In Node: the built CLI, wall time (start-up included: ${ms(base.ms)} for a 300-byte page) and peak RSS above that page's ${(base.rss / 2 ** 20).toFixed(0)} MB\n`);
  console.log('| page | size | command | hostile | plain | hostile − start-up | plain − start-up | hostile / plain | hostile MB per MB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const pair of pairs) {
    writeFileSync(join(dir, 'hostile.html'), pair.hostile);
    writeFileSync(join(dir, 'plain.html'), pair.plain);
    for (const command of ['extract', 'related']) {
      const h = medianRun(() => cli([command, '--url', 'https://news.example.com/a', join(dir, 'hostile.html')]));
      const p = medianRun(() => cli([command, '--url', 'https://news.example.com/a', join(dir, 'plain.html')]));
      const perMb = mb(Math.max(0, h.rss - base.rss)) / mb(pair.hostile.length);
      const work = (r) => Math.max(0, r.ms - base.ms);
      console.log(`| ${pair.name} | ${(pair.hostile.length / 1024).toFixed(0)} KB | ${command} | ${ms(h.ms)}, ${(mb(h.rss)).toFixed(0)} MB | ${ms(p.ms)}, ${(mb(p.rss)).toFixed(0)} MB | ${ms(work(h))} | ${ms(work(p))} | ${(h.ms / p.ms).toFixed(2)} | ${perMb.toFixed(0)} |`);
    }
  }
}

/** The same reads in this process through the built library (dist/lib): no start-up, median of RUNS after a warm-up. */
async function inProcessRows(pairs) {
  const lib = await import(join(root, 'dist/lib/index.js'));
  const time = (fn) => {
    fn();
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      fn();
      runs.push(performance.now() - start);
    }
    return median(runs);
  };
  console.log('\n### In Node, in process (dist/lib: extractFromHtml, relatedFromHtml), no start-up\n');
  console.log('| page | size | extract hostile | extract plain | ratio | related hostile | related plain | ratio |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  // As `lede related` reads them: UTF-8 when the bytes are, else windows-1252.
  const text = (bytes) => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  };
  for (const pair of pairs) {
    const [h, p] = [text(pair.hostile), text(pair.plain)];
    const url = 'https://news.example.com/a';
    const eh = time(() => lib.extractFromHtml(h, url));
    const ep = time(() => lib.extractFromHtml(p, url));
    const rh = time(() => lib.relatedFromHtml(h, url));
    const rp = time(() => lib.relatedFromHtml(p, url));
    console.log(`| ${pair.name} | ${(pair.hostile.length / 1024).toFixed(0)} KB | ${ms(eh)} | ${ms(ep)} | ${(eh / ep).toFixed(2)} | ${ms(rh)} | ${ms(rp)} | ${(rh / rp).toFixed(2)} |`);
  }
}

/** src/related/fetch-page.ts bundled for Node, so the chain is followed by the very code the extension runs. */
async function fetchPageModule() {
  const out = await esbuild.build({ entryPoints: [join(root, 'src/related/fetch-page.ts')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/** Sum of the resident memory of every process whose command line names `marker` (the browser's profile). */
function browserRss(marker) {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch { /* gone */ }
  }
  return total;
}

async function browserRows(pairs, origin, files) {
  if (!chromiumPath) {
    console.log('\n(Chromium not found: the browser half is skipped.)');
    return;
  }
  execFileSync(process.execPath, [join(root, 'build/build.mjs'), '--test'], { cwd: root, stdio: 'ignore' });
  const profile = mkdtempSync(join(tmpdir(), 'lede-bench-hostile-'));
  const extensionDir = join(root, 'dist/chrome-test');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-first-run',
      '--disable-sync', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const extensionId = new URL(worker.url()).host;
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/pages/library/library.html`);
    const read = async (path) => {
      const before = browserRss(profile);
      let peak = before;
      const sampler = setInterval(() => { peak = Math.max(peak, browserRss(profile)); }, 25);
      const answer = await popup.evaluate(async (url) => {
        const start = performance.now();
        const result = await chrome.runtime.sendMessage({ lede: 1, type: 'related/fetch', payload: { url } });
        return { ms: performance.now() - start, ok: result.ok, title: result.ok ? result.entry.title : result.message };
      }, `${origin}${path}`);
      clearInterval(sampler);
      peak = Math.max(peak, browserRss(profile));
      if (!answer.ok) throw new Error(`${path}: ${answer.title}`);
      return { ms: answer.ms, rss: peak - before };
    };
    const medianOf = async (path) => {
      await read(path); // warm-up: the offscreen document open
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await read(path));
      return { ms: median(runs.map((r) => r.ms)), rss: Math.max(...runs.map((r) => r.rss)) };
    };
    console.log(`\n### In Chromium ${context.browser()?.version() ?? ''}: added as a related entry (fetch, offscreen parse, engine), the browser's peak RSS above what it held before\n`);
    console.log('| page | size | hostile | plain | hostile / plain | hostile MB per MB |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [i, pair] of pairs.entries()) {
      const h = await medianOf(`/hostile/${i}`);
      const p = await medianOf(`/plain/${i}`);
      console.log(`| ${pair.name} | ${(pair.hostile.length / 1024).toFixed(0)} KB | ${ms(h.ms)}, +${mb(h.rss).toFixed(0)} MB | ${ms(p.ms)}, +${mb(p.rss).toFixed(0)} MB | ${(h.ms / p.ms).toFixed(2)} | ${(mb(h.rss) / mb(pair.hostile.length)).toFixed(0)} |`);
    }
    const chain = await medianOf('/chain/10');
    const direct = await medianOf('/chain/0');
    console.log(`| 10 redirects, then a plain page | ${(files.chainEnd.length / 1024).toFixed(0)} KB | ${ms(chain.ms)} | ${ms(direct.ms)} (no redirect) | ${(chain.ms / direct.ms).toFixed(2)} | – |`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function runHostilePages() {
  const pairs = pagePairs();
  const chainEnd = Buffer.from(page('End of the chain', '', fill(PROSE, 50_000)));
  const server = createServer((req, res) => {
    const [, kind, n] = (req.url ?? '').split('/');
    const chain = kind === 'chain' ? Number(n) : -1;
    if (chain > 0) return res.writeHead(302, { location: `/chain/${chain - 1}`, connection: 'close' }).end();
    const body = chain === 0 ? chainEnd : pairs[Number(n)]?.[kind];
    // No charset in the header: the page's own bytes (and <meta>) decide, as the cases need.
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html', 'cache-control': 'no-store', connection: 'close' });
    return res.end(body ?? '');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const dir = mkdtempSync(join(tmpdir(), 'lede-bench-pages-'));
  try {
    console.log(`\n## Fetched pages (issue 19), Node ${process.version}, median of ${RUNS}`);
    await inProcessRows(pairs);
    await nodeRows(pairs, dir);
    const { fetchPage } = await fetchPageModule();
    const fetchTimes = async (path) => {
      const runs = [];
      for (let i = 0; i <= RUNS; i++) {
        const start = performance.now();
        const got = await fetchPage(`${origin}${path}`, { fetch: (u, init) => fetch(u, init) });
        if (!got.ok) throw new Error(`${path}: ${got.reason}`);
        if (i) runs.push(performance.now() - start);
      }
      return median(runs);
    };
    const chain = await fetchTimes('/chain/10');
    const direct = await fetchTimes('/chain/0');
    console.log(`\nNode, src/related's fetchPage: 10 redirects then the page ${ms(chain)}, the page alone ${ms(direct)} (ratio ${(chain / direct).toFixed(2)}).`);
    await browserRows(pairs, origin, { chainEnd });
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runHostilePages();
