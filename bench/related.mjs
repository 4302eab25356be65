// bench:related — paste → related entry filled, in real Chromium, for ~1 MB pages served locally, through the
// extension as shipped (the background fetches, its offscreen document parses and reads); beside it, in the
// same run, metascraper fetching and parsing the same address in Node; and the parse choice (the engine over
// the browser's DOMParser, what the offscreen document runs, vs over linkedom, what the CLI runs) timed in one
// page. Warm: median of RUNS (default 20) after one warm-up, the document open. Cold: COLD pastes (default 5),
// each after the document was closed, as the first paste after 60 s idle is: Add clicked at once, and Add
// clicked PAUSE ms after the paste (whose input event already starts the document). Timed from the click. The pages' lead images are on
// hosts this machine cannot reach, so their header read fails at once: not counted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import createMetascraper from 'metascraper';
import metascraperDate from 'metascraper-date';
import metascraperDescription from 'metascraper-description';
import metascraperImage from 'metascraper-image';
import metascraperPublisher from 'metascraper-publisher';
import metascraperTitle from 'metascraper-title';
import metascraperUrl from 'metascraper-url';
import { chromiumPath, median } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 20);
const COLD = Number(process.env.COLD ?? 5);
/** A person's pause between pasting an address and pressing Add, for the second cold figure. */
const PAUSE = 250;
const corpus = join(process.env.LEDE_SHARED ?? resolve(root, '../shared'), 'corpus/dev');
const pages = process.argv.filter((arg) => arg.endsWith('.html'));
if (!pages.length) pages.push('rdb-wikipedia-2.html', 'rdb-guardian-1.html', 'rdb-yahoo-3.html');
const metascraper = createMetascraper([metascraperDate(), metascraperDescription(), metascraperPublisher(),
  metascraperTitle(), metascraperUrl(), metascraperImage()]);

const ms = (value) => `${value.toFixed(0)} ms`;

async function times(fn) {
  await fn(); // warm-up
  const out = [];
  for (let run = 0; run < RUNS; run++) out.push(await fn());
  return out;
}

async function main() {
  if (!chromiumPath) throw new Error('Chromium not found: install Debian\'s chromium (see .ci/run).');
  execFileSync(process.execPath, [join(root, 'build/build.mjs'), '--test'], { cwd: root, stdio: 'ignore' });
  const parseBundle = (await esbuild.build({ entryPoints: [join(root, 'bench/related-parse.ts')], bundle: true, write: false,
    format: 'iife', minify: true, target: 'chrome121', logLevel: 'error' })).outputFiles[0].text;

  const files = Object.fromEntries(pages.map((name) => [`/page/${name}`, readFileSync(join(corpus, name))]));
  const server = createServer((req, res) => {
    const body = req.url === '/article.html' ? '<!doctype html><title>Reader</title><h1>An article</h1><p>Text.</p>'
      : req.url === '/host.html' ? '<!doctype html><title>host</title>' : files[req.url];
    // One request per connection: a reader that stops early (Lede at </head>) must not leave a half-read socket to reuse.
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
    res.end(body ?? '');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;

  const profile = mkdtempSync(join(tmpdir(), 'lede-bench-related-'));
  const extensionDir = join(root, 'dist/chrome-test');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-first-run',
      '--disable-sync', '--disable-background-networking', '--disable-component-update',
      // No network here: other hosts (the pages' lead images on their CDNs) fail at once rather than after a DNS wait.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const extensionId = new URL(worker.url()).host;
    const article = await context.newPage();
    await article.goto(`${origin}/article.html`);
    const tabId = await worker.evaluate(async (url) => (await globalThis.chrome.tabs.query({})).find((t) => t.url === url)?.id, `${origin}/article.html`);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html?tabId=${tabId}`);
    await popup.waitForFunction(() => document.body.dataset.state === 'editing', undefined, { timeout: 30_000 });
    const host = await context.newPage();
    await host.goto(`${origin}/host.html`);
    await host.addScriptTag({ content: parseBundle });

    await popup.bringToFront();
    console.log(`bench:related — Chromium ${context.browser()?.version() ?? ''}, Node ${process.version}, median of ${RUNS} (after a warm-up)\n`);
    const rows = [];
    for (const name of pages) {
      const url = `${origin}/page/${name}`;
      const size = files[`/page/${name}`].length;
      // Paste → filled: from the Add click to the entry shown read, in the popup (the background fetches and
      // decodes, the offscreen document parses and runs the engine, the background tries the lead image's
      // header); the entry is removed after.
      // `pause`: ms between the paste (the input event, which starts the offscreen document) and the Add click.
      const paste = (pause = 0) => popup.evaluate(async ({ address, pause }) => {
        const input = document.getElementById('related-url');
        input.value = address;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
        const start = performance.now();
        document.getElementById('related-add').click();
        // A MutationObserver, not polling: timers and animation frames are throttled in a tab not in front.
        await new Promise((done) => {
          const list = document.getElementById('related');
          const settled = () => {
            const row = list.querySelector('.related-entry');
            return row && !row.classList.contains('busy');
          };
          const observer = new MutationObserver(() => { if (settled()) { observer.disconnect(); done(); } });
          observer.observe(list, { childList: true, subtree: true, attributes: true });
        });
        const elapsed = performance.now() - start;
        if (document.querySelector('#related .related-entry.failed')) throw new Error(document.querySelector('#related .related-status')?.textContent ?? 'failed');
        document.querySelector('#related .remove-related').click();
        return elapsed;
      }, { address: url, pause });
      const closeDocument = () => worker.evaluate(async () => {
        await globalThis.__ledeOffscreen.close();
        const open = await globalThis.chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
        if (open.length) throw new Error('the offscreen document is still open');
      });
      const cold = [];
      const paced = [];
      for (let run = 0; run < COLD; run++) {
        await closeDocument();
        cold.push(await paste());
        // The popup starts the document at most once per 2 s of typing.
        await new Promise((resolve) => setTimeout(resolve, 2_100));
        await closeDocument();
        paced.push(await paste(PAUSE));
      }
      const lede = await times(() => paste());
      const title = await popup.evaluate(async (address) => {
        const answer = await chrome.runtime.sendMessage({ lede: 1, type: 'related/fetch', payload: { url: address } });
        return answer.ok ? answer.entry.title : `(${answer.message})`;
      }, url);
      // The peer, as its users run it: fetch the address in Node, then metascraper over the text.
      const peer = await times(async () => {
        const start = performance.now();
        const response = await fetch(url);
        const html = await response.text();
        await metascraper({ html, url: response.url });
        return performance.now() - start;
      });
      // The parse choice, in one page of the same browser, on the whole page's text.
      const html = files[`/page/${name}`].toString('utf8');
      const parse = await host.evaluate(({ text, address, runs }) => {
        const run = (fn) => { fn(text, address); const out = []; for (let i = 0; i < runs; i++) { const s = performance.now(); fn(text, address); out.push(performance.now() - s); } return out; };
        return { dom: run(globalThis.__bench.withDomParser), linkedom: run(globalThis.__bench.withLinkedom) };
      }, { text: html, address: url, runs: RUNS });
      rows.push({ name, size, title, lede: median(lede), min: Math.min(...lede), max: Math.max(...lede), peer: median(peer),
        cold: median(cold), coldMax: Math.max(...cold), paced: median(paced), dom: median(parse.dom), linkedom: median(parse.linkedom) });
    }
    console.log(`| page | size | Lede warm: paste → entry filled | Lede cold (document closed; median of ${COLD}) | Lede cold, Add ${PAUSE} ms after the paste | metascraper: fetch + parse (Node) | Lede / peer (warm, cold) | engine over DOMParser (in page) | engine over linkedom (in page) |`);
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) {
      console.log(`| ${r.name} | ${(r.size / 1024).toFixed(0)} KB | ${ms(r.lede)} (min ${ms(r.min)}, max ${ms(r.max)}) | ${ms(r.cold)} (max ${ms(r.coldMax)}) | ${ms(r.paced)} | ${ms(r.peer)} | ${(r.lede / r.peer).toFixed(2)}, ${(r.cold / r.peer).toFixed(2)} | ${ms(r.dom)} | ${ms(r.linkedom)} |`);
    }
    for (const r of rows) console.log(`  ${r.name}: "${r.title}"`);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
