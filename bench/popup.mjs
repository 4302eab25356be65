// Popup speed in real Chromium: opening the popup to a filled form on a large corpus page, beside a peer, and bundle sizes.
//
// Popup: navigation start of popup.html?tabId=N → body[data-state] becomes "editing" (the form is filled),
// read in the popup itself with performance.now(). Peer: @mozilla/readability 0.6 injected into the same
// tab and run over a clone of the document (what a Readability-based clipper spends), timed from the driver.
// Also shown: the page's own load (navigation start → load event). Median of RUNS each.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 20);
const corpus = join(process.env.LEDE_SHARED ?? resolve(root, '../shared'), 'corpus/dev');
const pageFile = process.argv.find((arg) => arg.endsWith('.html')) ?? 'rdb-yahoo-3.html';
const chromiumPath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

/** Bundles and their targets in KB (minified, as shipped in dist/chrome). */
const BUNDLES = [
  { file: 'content/extract.js', what: 'injected on click', targetKb: 20 },
  { file: 'content/article.js', what: 'injected when a field is missing', targetKb: null },
  { file: 'content/readability.js', what: 'injected when the excerpt is missing', targetKb: null },
  { file: 'popup/popup.js', what: 'popup', targetKb: 60 },
  { file: 'pages/library/library.js', what: 'library page', targetKb: null },
  { file: 'background.js', what: 'background', targetKb: null },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;

function printSizes() {
  console.log('\nBundle sizes (dist/chrome, minified):');
  for (const { file, what, targetKb } of BUNDLES) {
    const path = join(root, 'dist/chrome', file);
    if (!existsSync(path)) {
      console.log(`  ${file.padEnd(26)} missing`);
      continue;
    }
    const bytes = statSync(path).size;
    const kb = bytes / 1024;
    const gz = gzipSync(readFileSync(path)).length / 1024;
    const verdict = targetKb === null ? '' : kb <= targetKb ? `ok (≤ ${targetKb} KB, ${what})` : `OVER the ${targetKb} KB target (${what})`;
    console.log(`  ${file.padEnd(26)} ${kb.toFixed(1).padStart(6)} KB  (gzip ${gz.toFixed(1)} KB)  ${verdict}`);
  }
}

async function main() {
  if (!chromiumPath) throw new Error('Chromium not found: install Debian\'s chromium (see .ci/run).');
  if (!existsSync(join(corpus, pageFile))) throw new Error(`corpus page ${join(corpus, pageFile)} not found`);
  // The test build: the same bundles, plus host access to 127.0.0.1 so a popup opened as a tab can read the page.
  execFileSync(process.execPath, [join(root, 'build/build.mjs'), '--test'], { cwd: root, stdio: 'ignore' });
  const extensionDir = join(root, 'dist/chrome-test');

  const html = readFileSync(join(corpus, pageFile));
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/page.html' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.url === '/page.html' ? html : '');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const pageUrl = `http://127.0.0.1:${server.address().port}/page.html`;

  const profile = mkdtempSync(join(tmpdir(), 'lede-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  try {
    // In every page: note when the popup's body first says the form is filled.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const state = document.body?.dataset.state;
        if (state === 'editing' || state === 'message') {
          window.__ledeReady = { state, at: performance.now() };
          observer.disconnect();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
    });
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const extensionId = new URL(worker.url()).host;

    const article = await context.newPage();
    await article.goto(pageUrl, { waitUntil: 'load' });
    const tabId = await (context.serviceWorkers()[0] ?? worker).evaluate(async (url) =>
      (await globalThis.chrome.tabs.query({})).find((tab) => tab.url === url)?.id, pageUrl);
    if (tabId === undefined) throw new Error('could not find the article tab');
    const popupUrl = `chrome-extension://${extensionId}/popup/popup.html?tabId=${tabId}`;

    const popupTimes = [];
    const shellTimes = [];
    for (let run = 0; run <= RUNS; run++) {
      const popup = await context.newPage();
      await popup.goto(popupUrl);
      await popup.waitForFunction(() => window.__ledeReady, undefined, { timeout: 30_000 });
      const ready = await popup.evaluate(() => ({ ...window.__ledeReady,
        shell: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd }));
      if (ready.state !== 'editing') {
        const message = await popup.evaluate(() => document.getElementById('message')?.textContent ?? '');
        throw new Error(`the popup could not read the page: ${message}`);
      }
      await popup.close();
      if (run > 0) { // run 0 warms the worker and the caches
        popupTimes.push(ready.at);
        shellTimes.push(ready.shell);
      }
    }

    const readability = readFileSync(join(root, 'node_modules/@mozilla/readability/Readability.js'), 'utf8');
    const peerSource = `(() => { const module = {}; ${readability}\n;
      const article = new module.exports(document.cloneNode(true)).parse(); return article ? article.title : null; })()`;
    const peerTimes = [];
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      const title = await article.evaluate(peerSource);
      if (run > 0) peerTimes.push(performance.now() - started);
      if (run === 0 && title === undefined) throw new Error('Readability did not run');
    }

    // Lede's metadata stage on the live page, timed inside the page, beside the same Readability peer.
    const extractSource = readFileSync(join(extensionDir, 'content/extract.js'), 'utf8');
    const extractTimes = [];
    for (let run = 0; run <= RUNS; run++) {
      const took = await article.evaluate(`(() => { const t0 = performance.now(); ${extractSource}
        ;const r = globalThis.__ledeExtraction; if (!r || !r.title) throw new Error('no extraction');
        return performance.now() - t0; })()`);
      if (run > 0) extractTimes.push(took);
    }
    const peerInPage = [];
    for (let run = 0; run <= RUNS; run++) {
      const took = await article.evaluate(`(() => { const module = {}; ${readability}
        ;const t0 = performance.now(); new module.exports(document.cloneNode(true)).parse(); return performance.now() - t0; })()`);
      if (run > 0) peerInPage.push(took);
    }

    const loadTimes = [];
    for (let run = 0; run <= RUNS; run++) {
      await article.reload({ waitUntil: 'load' });
      const load = await article.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
      if (run > 0) loadTimes.push(load);
    }

    const popupMedian = median(popupTimes);
    const peerMedian = median(peerTimes);
    console.log(`\nPopup on ${pageFile} (${(html.length / 1024).toFixed(0)} KB), Chromium ${context.browser()?.version() ?? ''}, median of ${RUNS}:`);
    console.log(`  popup: navigation start → filled form      ${ms(popupMedian).padStart(10)}   (min ${ms(Math.min(...popupTimes))}, max ${ms(Math.max(...popupTimes))})`);
    console.log(`    of which the popup page itself (→ DOMContentLoaded) ${ms(median(shellTimes))}; the rest is reading the page and filling the form`);
    console.log(`  peer: Readability 0.6 injected + parse     ${ms(peerMedian).padStart(10)}   (min ${ms(Math.min(...peerTimes))}, max ${ms(Math.max(...peerTimes))})`);
    console.log(`  context: the page's own load (→ load end)  ${ms(median(loadTimes)).padStart(10)}`);
    console.log(`  lede metadata stage (content/extract.js) in the page: ${ms(median(extractTimes))} median (target ≤ 5 ms); Readability parse in the page: ${ms(median(peerInPage))}; ratio ${(median(extractTimes) / median(peerInPage)).toFixed(2)}`);
    const readingMedian = median(popupTimes.map((at, i) => at - shellTimes[i]));
    console.log(`  ratio popup / Readability peer: ${(popupMedian / peerMedian).toFixed(2)}`);
    console.log(`  ratio of the reading part alone (popup − its page, median ${ms(readingMedian)}) / peer: ${(readingMedian / peerMedian).toFixed(2)}`);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  printSizes();
}

main().catch((error) => {
  printSizes();
  console.error(`\nbench:popup failed: ${error.message}`);
  process.exitCode = 1;
});
