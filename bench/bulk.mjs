// Many pages at once in real Chromium (issue 21): 30 open tabs saved with Save all tabs beside the same 30 saved one
// by one through the popup (the path a person takes without it), and 1,000 addresses of a bookmarks file brought in on
// the library page and filled from a local server, beside a peer that only fetches and parses the same pages.
//
// Pages are made on request by a server on 127.0.0.1 that is also the browser's HTTP proxy, so each page is read at
// its own host name (`http://siteN.bench.example/story/M`). Peak memory: the resident memory of every process of the
// browser (its profile in the command line), sampled every 100 ms while the fill runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath, median } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TABS = Number(process.env.TABS ?? 30);
const URLS = Number(process.env.URLS ?? 1_000);
const HOSTS = Number(process.env.HOSTS ?? 250);

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** A small article of its own at each address; `asked` counts every page served. */
function startServer() {
  let asked = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url.startsWith('http') ? req.url : `http://${req.headers.host}${req.url}`);
    const n = Number(/(\d+)$/.exec(url.pathname)?.[1] ?? -1);
    if (!url.hostname.endsWith('.bench.example') || n < 0) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    asked++;
    const site = url.hostname.split('.')[0];
    const title = `Story ${n} of ${site}`;
    const paragraph = `What happened in story ${n} on ${site}, told at the length a real standfirst runs to, and then some more. `;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html><html lang="en"><head>
<title>${title} | ${site}</title><meta property="og:title" content="${title}"><meta property="og:site_name" content="${site} Gazette">
<meta name="description" content="What happened in story ${n}."><meta property="article:published_time" content="2024-05-${String(1 + (n % 28)).padStart(2, '0')}T08:30:00Z">
<link rel="canonical" href="${url.href}"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><h1>${title}</h1>${Array.from({ length: 12 }, () => `<p>${paragraph.repeat(3)}</p>`).join('\n')}</article>
<footer>© ${site}</footer></body></html>`);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, port: server.address().port, asked: () => asked })));
}

/** Resident memory of every process whose command line names the profile (the browser, its renderers, its worker). */
function browserMemory(profile) {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

function bookmarks(n, hosts) {
  const links = Array.from({ length: n }, (_, i) => `<DT><A HREF="http://site${i % hosts}.bench.example/fill/${i}" ADD_DATE="${1700000000 + i}">http://site${i % hosts}.bench.example/fill/${i}</A>`);
  return `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${links.join('\n')}\n</DL>\n`;
}

async function main() {
  if (!chromiumPath) throw new Error('Chromium not found: install Debian\'s chromium (see .ci/run).');
  execFileSync(process.execPath, [join(root, 'build/build.mjs'), '--test'], { cwd: root, stdio: 'ignore' });
  const extensionDir = join(root, 'dist/chrome-test');
  const { server, port, asked } = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'lede-bench-bulk-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update',
      `--proxy-server=http://127.0.0.1:${port}`],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const origin = `chrome-extension://${new URL(worker.url()).host}`;
    const probe = await context.newPage();
    await probe.goto(`${origin}/pages/options/options.html`);
    const ask = (type, payload) => probe.evaluate(async ([type, payload]) => {
      const answer = await globalThis.chrome.runtime.sendMessage({ lede: 1, type, payload });
      if (answer?.ledeError) throw new Error(answer.ledeError);
      return answer;
    }, [type, payload]);
    const tabIdOf = (url) => probe.evaluate(async (url) => (await globalThis.chrome.tabs.query({})).find((t) => t.url === url)?.id, url);
    const openTabs = async (prefix) => {
      const pages = [];
      for (let i = 0; i < TABS; i++) {
        const page = await context.newPage();
        const url = `http://${prefix}${i}.bench.example/story/${i}`;
        await page.goto(url);
        pages.push({ page, url, tabId: await tabIdOf(url) });
      }
      return pages;
    };

    // 30 single saves through the popup: popup.html for the tab, its filled form, Save, saved.
    const singles = await openTabs('single');
    const each = [];
    const singleStarted = performance.now();
    for (const { tabId } of singles) {
      const started = performance.now();
      const popup = await context.newPage();
      await popup.goto(`${origin}/popup/popup.html?tabId=${tabId}`);
      await popup.waitForFunction(() => document.body.dataset.state === 'editing', undefined, { timeout: 60_000 });
      await popup.click('#save');
      await popup.waitForFunction(() => document.body.dataset.state === 'saved', undefined, { timeout: 60_000 });
      await popup.close();
      each.push(performance.now() - started);
    }
    const singleTook = performance.now() - singleStarted;
    for (const { page } of singles) await page.close();

    // The same number of other tabs, saved at once: the message the popup's All tabs… sends, then the queue's progress.
    const batchTabs = await openTabs('batch');
    const tabsStarted = performance.now();
    const queued = await ask('bulk/tabs', { tabId: batchTabs[0].tabId, tabIds: batchTabs.map((t) => t.tabId), choices: { topics: ['bench'] } });
    let tabsBatch;
    for (;;) {
      tabsBatch = (await ask('bulk/status', {})).find((b) => b.id === queued.batch);
      if (tabsBatch && tabsBatch.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const tabsTook = performance.now() - tabsStarted;
    if (tabsBatch.done !== TABS || tabsBatch.failed.length) throw new Error(`Save all tabs: ${JSON.stringify(tabsBatch)}`);
    for (const { page } of batchTabs) await page.close();

    // 1,000 addresses of a bookmarks file brought on the library page, each record filled from its page.
    const library = await context.newPage();
    await library.goto(`${origin}/pages/library/library.html`);
    await library.evaluate((text) => {
      const input = document.getElementById('bring-files');
      const files = new DataTransfer();
      files.items.add(new File([text], 'bookmarks.html', { type: 'text/html' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, bookmarks(URLS, HOSTS));
    await library.waitForFunction((n) => document.getElementById('bring-dialog').open && document.getElementById('bring-summary').textContent.includes(String(n)), URLS, { timeout: 60_000 });
    const memoryBefore = browserMemory(profile);
    let peak = memoryBefore;
    const sampler = setInterval(() => { peak = Math.max(peak, browserMemory(profile)); }, 100);
    const servedBefore = asked();
    const fillStarted = performance.now();
    await library.click('#bring-go');
    let fill;
    for (;;) {
      fill = (await ask('bulk/status', {})).find((b) => b.kind === 'bring');
      if (fill && fill.total === URLS && fill.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const fillTook = performance.now() - fillStarted;
    clearInterval(sampler);
    const fillServed = asked() - servedBefore;
    if (fill.done !== URLS) throw new Error(`the fill ended with ${fill.done} of ${URLS} done: ${JSON.stringify(fill.failed.slice(0, 5))}`);
    const filled = await ask('library/list', { text: 'story 999 of', limit: 5 });
    if (URLS >= 1000 && !filled.records.some((r) => r.record.title.startsWith('Story 999 of'))) throw new Error('the records were not filled from their pages');

    // Peer: the same number of pages (other addresses) fetched 4 at once and parsed with DOMParser, nothing kept.
    const peerTook = await library.evaluate(async ([n, hosts]) => {
      const started = performance.now();
      let next = 0;
      const lane = async () => {
        while (next < n) {
          const i = next++;
          const html = await (await fetch(`http://site${i % hosts}.bench.example/peer/${i}`, { credentials: 'omit' })).text();
          const doc = new DOMParser().parseFromString(html, 'text/html');
          if (!doc.querySelector('h1')) throw new Error('the peer read no page');
        }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
      return performance.now() - started;
    }, [URLS, HOSTS]);

    console.log(`\nMany pages at once, Chromium ${context.browser()?.version() ?? ''} (pages served by a local server):`);
    console.log(`  ${TABS} open tabs saved`);
    console.log(`    Save all tabs (bulk/tabs → every tab saved)          ${s(tabsTook).padStart(9)}`);
    console.log(`    ${TABS} single saves through the popup, one after another ${s(singleTook).padStart(9)}   (each: median ${s(median(each))}, max ${s(Math.max(...each))})`);
    console.log(`    ratio: Save all tabs / single saves                   ${(tabsTook / singleTook).toFixed(2)}`);
    console.log(`  ${URLS.toLocaleString('en')} addresses of a bookmarks file on ${HOSTS} sites, brought and filled (4 at once, 1 per site, 1 s apart per site)`);
    console.log(`    Bring → every record filled                          ${s(fillTook).padStart(9)}   ${(URLS / (fillTook / 1000)).toFixed(1)} pages/s, ${fillServed} pages asked`);
    console.log(`    browser's memory (every process)                     ${mb(memoryBefore)} before, ${mb(peak)} at the peak`);
    console.log(`    peer: fetch + DOMParser, 4 at once, nothing kept      ${s(peerTook).padStart(9)}   ${(URLS / (peerTook / 1000)).toFixed(1)} pages/s`);
    console.log(`    ratio: fill / peer                                    ${(fillTook / peerTook).toFixed(2)}`);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`\nbench:bulk failed: ${error.message}`);
  process.exitCode = 1;
});
