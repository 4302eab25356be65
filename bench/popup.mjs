// Popup speed in real Chromium: opening the popup to a filled form on a large corpus page, beside a peer, and bundle sizes.
//
// Popup: the real toolbar popup, opened with chrome.action.openPopup() while the article is the active tab,
// timed from the popup document's navigation start to its `lede:editing` User Timing mark (popup.ts sets one
// per state; "editing" is the filled form). Also timed the same way: popup.html opened as a tab (?tabId=N),
// which adds the new tab's about:blank → extension-process swap, and the browser's own delay from the
// openPopup() call to the popup's navigation start (nothing of Lede's runs then). Peer: @mozilla/readability
// 0.6 injected into the same tab and run over a clone of the document (what a Readability-based clipper
// spends), timed from the driver. Median of RUNS each. Each toolbar popup also reports its layout shifts
// (PerformanceObserver 'layout-shift', buffered) up to the filled form and in the SETTLE_MS after it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumPath, median } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 20);
/** How long each toolbar popup stays open after its form filled, to catch late layout shifts. */
const SETTLE_MS = 500;
const corpus = join(process.env.LEDE_SHARED ?? resolve(root, '../shared'), 'corpus/dev');
const pageFile = process.argv.find((arg) => arg.endsWith('.html')) ?? 'rdb-yahoo-3.html';

/** Bundles and their targets in KB (minified, as shipped in dist/chrome). */
const BUNDLES = [
  { file: 'content/extract.js', what: 'injected on click', targetKb: 20 },
  { file: 'content/article.js', what: 'injected when a field is missing', targetKb: null },
  { file: 'content/readability.js', what: 'injected when the excerpt is missing', targetKb: null },
  { file: 'popup/early.js', what: 'popup, first script', targetKb: null },
  { file: 'popup/popup.js', what: 'popup', targetKb: 60 },
  { file: 'pages/library/library.js', what: 'library page', targetKb: null },
  { file: 'background.js', what: 'background', targetKb: null },
];

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

/** A reference extension whose popup is an empty page that marks itself filled at once: the browser's floor. */
function writeEmptyExtension(dir) {
  mkdirSync(join(dir, 'popup'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'Empty popup (bench reference)', version: '1.0',
    action: { default_popup: 'popup/popup.html' }, background: { service_worker: 'worker.js' },
  }));
  writeFileSync(join(dir, 'worker.js'), '');
  writeFileSync(join(dir, 'popup/popup.html'), '<!doctype html><html><head><meta charset="utf-8"><script src="mark.js"></script></head><body></body></html>');
  writeFileSync(join(dir, 'popup/mark.js'), "performance.mark('lede:editing');");
  writeFileSync(join(dir, 'options.html'), '<!doctype html><title>probe</title>');
}

/**
 * Opens an extension's real toolbar popup RUNS + 1 times (the first warms up) with chrome.action.openPopup()
 * from its worker, watching from one of its pages (`probe`) through extension.getViews. Returns, per run,
 * navigation start → the `lede:editing` mark, → DOMContentLoaded, and the browser's openPopup() → navigation start.
 */
async function timeToolbarPopup(worker, probe) {
  const filled = [];
  const shell = [];
  const browserDelay = [];
  const shiftBefore = [];
  const shiftAfter = [];
  const script = [];
  const read = [];
  for (let run = 0; run <= RUNS; run++) {
    const calledAt = await worker.evaluate(() => {
      const at = performance.timeOrigin + performance.now();
      void globalThis.chrome.action.openPopup();
      return at;
    });
    const seen = await probe.evaluate(async (settleMs) => {
      const end = Date.now() + 30_000;
      while (Date.now() < end) {
        const [popup] = globalThis.chrome.extension.getViews({ type: 'popup' });
        const mark = popup?.performance.getEntriesByName('lede:editing')[0] ?? popup?.performance.getEntriesByName('lede:message')[0];
        if (popup && mark) {
          // Layout shifts of the popup (buffered since it opened), watched for a further SETTLE_MS after the form filled.
          const shifts = [];
          const observer = new popup.PerformanceObserver((list) => {
            for (const entry of list.getEntries()) shifts.push({ value: entry.value, at: entry.startTime, input: entry.hadRecentInput });
          });
          try {
            observer.observe({ type: 'layout-shift', buffered: true });
          } catch {
            shifts.push({ value: NaN, at: 0, input: false });
          }
          await new Promise((resolve) => setTimeout(resolve, settleMs));
          observer.disconnect();
          const sum = (list) => list.filter((s) => !s.input).reduce((total, s) => total + s.value, 0);
          const seen = { state: mark.name, filled: mark.startTime, origin: popup.performance.timeOrigin,
            shell: popup.performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN,
            script: popup.performance.getEntriesByName('lede:loading')[0]?.startTime ?? NaN,
            read: popup.performance.getEntriesByName('lede:read')[0]?.startTime ?? NaN,
            message: popup.document.getElementById('message')?.textContent ?? '',
            shiftBefore: sum(shifts.filter((s) => s.at <= mark.startTime)), shiftAfter: sum(shifts.filter((s) => s.at > mark.startTime)) };
          popup.close();
          return seen;
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return null;
    }, SETTLE_MS);
    if (!seen) throw new Error('the toolbar popup did not fill within 30 s');
    if (seen.state !== 'lede:editing') throw new Error(`the popup could not read the page: ${seen.message}`);
    await new Promise((resolve) => setTimeout(resolve, 250)); // let the popup close before the next
    if (run > 0) {
      filled.push(seen.filled);
      shell.push(seen.shell);
      browserDelay.push(seen.origin - calledAt);
      script.push(seen.script);
      read.push(seen.read);
      shiftBefore.push(seen.shiftBefore);
      shiftAfter.push(seen.shiftAfter);
    }
  }
  return { filled, shell, browserDelay, shiftBefore, shiftAfter, script, read };
}

async function main() {
  if (!chromiumPath) throw new Error('Chromium not found: install Debian\'s chromium (see .ci/run).');
  if (!existsSync(join(corpus, pageFile))) throw new Error(`corpus page ${join(corpus, pageFile)} not found`);
  // The test build: the same bundles, plus host access to 127.0.0.1, so a popup opened by openPopup() (no user
  // click, so no activeTab) or as a tab can read the page.
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
  const emptyDir = join(profile, 'empty-extension');
  writeEmptyExtension(emptyDir);
  const context = await chromium.launchPersistentContext(join(profile, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir},${emptyDir}`, `--load-extension=${extensionDir},${emptyDir}`,
      '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  try {
    // Both extensions' workers: Lede's is the one whose manifest names Lede.
    const deadline = Date.now() + 15_000;
    while (context.serviceWorkers().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const workers = context.serviceWorkers();
    const names = await Promise.all(workers.map((w) => w.evaluate(() => globalThis.chrome.runtime.getManifest().name)));
    const worker = workers[names.findIndex((name) => !name.startsWith('Empty popup'))];
    const emptyWorker = workers[names.findIndex((name) => name.startsWith('Empty popup'))];
    if (!worker || !emptyWorker) throw new Error(`expected Lede and the empty reference extension, found: ${names.join(', ')}`);
    const extensionId = new URL(worker.url()).host;

    // Extension pages to watch each toolbar popup from (extension.getViews), then the article in front.
    const probe = await context.newPage();
    await probe.goto(`chrome-extension://${extensionId}/pages/options/options.html`);
    const emptyProbe = await context.newPage();
    await emptyProbe.goto(`chrome-extension://${new URL(emptyWorker.url()).host}/options.html`);
    const article = await context.newPage();
    await article.goto(pageUrl, { waitUntil: 'load' });
    await article.bringToFront();
    const tabId = await worker.evaluate(async (url) =>
      (await globalThis.chrome.tabs.query({})).find((tab) => tab.url === url)?.id, pageUrl);
    if (tabId === undefined) throw new Error('could not find the article tab');

    const lede = await timeToolbarPopup(worker, probe);
    const empty = await timeToolbarPopup(emptyWorker, emptyProbe);

    // The same popup page opened as a tab, as tests and the library's "open in tab" do.
    const tabTimes = [];
    const popupUrl = `chrome-extension://${extensionId}/popup/popup.html?tabId=${tabId}`;
    for (let run = 0; run <= RUNS; run++) {
      const popup = await context.newPage();
      await popup.goto(popupUrl);
      await popup.waitForFunction(() => performance.getEntriesByName('lede:editing').length > 0, undefined, { timeout: 30_000 });
      const filled = await popup.evaluate(() => performance.getEntriesByName('lede:editing')[0].startTime);
      await popup.close();
      if (run > 0) tabTimes.push(filled);
    }
    await article.bringToFront();

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

    const popupMedian = median(lede.filled);
    const emptyMedian = median(empty.filled);
    const peerMedian = median(peerTimes);
    const range = (values) => `(min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))})`;
    console.log(`\nPopup on ${pageFile} (${(html.length / 1024).toFixed(0)} KB), Chromium ${context.browser()?.version() ?? ''}, median of ${RUNS}:`);
    console.log(`  toolbar popup: navigation start → filled form   ${ms(popupMedian).padStart(10)}   ${range(lede.filled)}; target ≤ 150 ms: ${popupMedian <= 150 ? 'met' : 'NOT met'}`);
    console.log(`    of which the popup page itself (→ DOMContentLoaded) ${ms(median(lede.shell))}; the page is read meanwhile (early.js)`);
    if (lede.read.every(Number.isFinite)) {
      const gaps = lede.filled.map((at, i) => at - Math.max(lede.read[i], lede.script[i]));
      console.log(`    popup.js starts ${ms(median(lede.script))}; the page read answers ${ms(median(lede.read))}; then the form is built in ${ms(median(gaps))} (median of each)`);
    }
    const shift = (values) => `median ${median(values).toFixed(4)}, max ${Math.max(...values).toFixed(4)}`;
    console.log(`    layout shift of the first screen (CLS-style sum, no input): up to the filled form ${shift(lede.shiftBefore)}; in the ${SETTLE_MS} ms after it ${shift(lede.shiftAfter)}${Math.max(...lede.shiftAfter) === 0 ? ' (none)' : ''}`);
    console.log(`  reference: an empty popup, same browser and run  ${ms(emptyMedian).padStart(10)}   ${range(empty.filled)}; Lede adds ${ms(popupMedian - emptyMedian)} (ratio ${(popupMedian / emptyMedian).toFixed(2)})`);
    console.log(`  not counted: the browser's own openPopup() → popup navigation start, ${ms(median(lede.browserDelay))} for Lede, ${ms(median(empty.browserDelay))} for the empty popup`);
    console.log(`  popup.html opened as a tab: navigation start → filled form ${ms(median(tabTimes))}   ${range(tabTimes)} (adds a new tab's switch to the extension process)`);
    console.log(`  peer: Readability 0.6 injected + parse          ${ms(peerMedian).padStart(10)}   ${range(peerTimes)}; ratio toolbar popup / peer ${(popupMedian / peerMedian).toFixed(2)}`);
    console.log(`  context: the page's own load (→ load end)       ${ms(median(loadTimes)).padStart(10)}`);
    console.log(`  lede metadata stage (content/extract.js) in the page: ${ms(median(extractTimes))} median (target ≤ 5 ms); Readability parse in the page: ${ms(median(peerInPage))}; ratio ${(median(extractTimes) / median(peerInPage)).toFixed(2)}`);
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
