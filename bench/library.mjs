// The library with 10,000 records in real Chromium: the library page's first rows (worker stopped, as
// after 30 s idle, and running), a search, and the background's answers, beside a peer in the same run.
//
// Peer: what a library without an index does, run in an extension page of the same browser on the very
// same IndexedDB: read every record (getAll), sort newest first, take 50; and for a search, read every
// record and filter. Lede's figures are the same questions asked of its background (runtime messages).
// Median of RUNS each; N records (default 10,000) are saved first through the background's own restore path.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { measureTransfer, printTransfer } from './library-transfer.mjs';
import { seedLibraryInPage } from './seed.mjs';
import { chromiumPath, median } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS_DEFAULT = Number(process.env.RUNS ?? 10);
/** One size or several, comma-separated, each in a fresh profile of the same run: `RECORDS=10000,100000`. */
const SIZES = String(process.env.RECORDS ?? 10_000).split(',').map(Number);
/** Runs at the sizes past 10,000 (each cold run reloads the whole library): `RUNS_LARGE`, else RUNS. */
const RUNS_LARGE = Number(process.env.RUNS_LARGE ?? RUNS_DEFAULT);

const ms = (value) => `${value.toFixed(1)} ms`;
const range = (values) => `(min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))})`;

async function main() {
  if (!chromiumPath) throw new Error('Chromium not found: install Debian\'s chromium (see .ci/run).');
  execFileSync(process.execPath, [join(root, 'build/build.mjs'), '--test'], { cwd: root, stdio: 'ignore' });
  for (const n of SIZES) await measure(n, n > 10_000 ? RUNS_LARGE : RUNS_DEFAULT);
}

async function measure(N, RUNS) {
  const extensionDir = join(root, 'dist/chrome-test');
  const profile = mkdtempSync(join(tmpdir(), 'lede-bench-library-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update',
      '--enable-precise-memory-info'],
  });
  try {
    // In every page: the moment the library list first holds 50 rows.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelectorAll('#records .record').length >= 50) {
          window.__ledeRows = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    });
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const origin = `chrome-extension://${new URL(worker.url()).host}`;
    const probe = await context.newPage();
    await probe.goto(`${origin}/pages/options/options.html`);

    const seeding = performance.now();
    await probe.evaluate(seedLibraryInPage, N);
    const seeded = performance.now() - seeding;

    const cdp = await context.newCDPSession(probe);
    await cdp.send('ServiceWorker.enable');
    const stopWorker = async () => {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    const ask = (type, payload) => probe.evaluate(async ([type, payload]) => {
      const started = performance.now();
      const answer = await globalThis.chrome.runtime.sendMessage({ lede: 1, type, payload });
      if (answer?.ledeError) throw new Error(answer.ledeError);
      return { took: performance.now() - started, total: answer.total, first: answer.records?.[0]?.record.title };
    }, [type, payload]);

    /** Opens the library page and returns navigation start → 50 rows shown, then searches in it. */
    const openLibrary = async (query) => {
      const page = await context.newPage();
      await page.goto(`${origin}/pages/library/library.html`);
      await page.waitForFunction(() => window.__ledeRows !== undefined, undefined, { timeout: 120_000 });
      const rows = await page.evaluate(() => window.__ledeRows);
      // Typing a search: the input event to the list showing its results (debounce included).
      const search = await page.evaluate(async (query) => {
        const list = document.getElementById('records');
        const input = document.getElementById('search');
        const started = performance.now();
        const done = new Promise((resolve) => new MutationObserver((_, observer) => {
          if (list.querySelectorAll('.record').length === 1) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        }).observe(list, { childList: true }));
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return done;
      }, query);
      await page.close();
      return { rows, search };
    };

    const QUERY = `story ${N - 1} politics`.replace('politics', ['AI', 'Chips', 'Energy', 'Politics', 'Health', 'Climate', 'Markets'][(N - 1) % 7].toLowerCase());
    const cold = { page: [], search: [], list: [] };
    const warm = { page: [], search: [], list: [], searchAnswer: [] };
    for (let run = 0; run <= RUNS; run++) {
      await stopWorker();
      const coldList = await ask('library/list', { limit: 50 });
      if (coldList.total !== N) throw new Error(`the library lists ${coldList.total} records, expected ${N}`);
      await stopWorker();
      const coldPage = await openLibrary(QUERY);
      const warmPage = await openLibrary(QUERY);
      const warmList = await ask('library/list', { limit: 50 });
      const warmSearch = await ask('library/list', { text: QUERY, limit: 50 });
      if (warmSearch.total !== 1) throw new Error(`searching "${QUERY}" found ${warmSearch.total} records, expected 1`);
      if (run === 0) continue; // warms the caches
      cold.list.push(coldList.took);
      cold.page.push(coldPage.rows);
      cold.search.push(coldPage.search);
      warm.page.push(warmPage.rows);
      warm.search.push(warmPage.search);
      warm.list.push(warmList.took);
      warm.searchAnswer.push(warmSearch.took);
    }

    // The peer, on the same database from an extension page: no index, every record read each time.
    const peer = await probe.evaluate(async ([runs, query]) => {
      const open = () => new Promise((ok, fail) => {
        const request = indexedDB.open('lede');
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
      const all = (db) => new Promise((ok, fail) => {
        const request = db.transaction('records').objectStore('records').getAll();
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
      const words = query.toLowerCase().split(/\s+/);
      const list = [];
      const search = [];
      for (let run = 0; run <= runs; run++) {
        let started = performance.now();
        let db = await open();
        const newest = (await all(db)).sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1)).slice(0, 50);
        db.close();
        const listed = performance.now() - started;
        started = performance.now();
        db = await open();
        const found = (await all(db)).filter((row) => {
          const text = [row.record.title, row.record.excerpt, row.record.provider.name, ...row.record.topics].join(' ').toLowerCase();
          return words.every((word) => text.includes(word));
        });
        db.close();
        const searched = performance.now() - started;
        if (newest.length !== 50 || found.length !== 1) throw new Error('the peer read the library wrongly');
        if (run > 0) {
          list.push(listed);
          search.push(searched);
        }
      }
      return { list, search };
    }, [RUNS, QUERY]);

    // Save → library row: an edit saved at the revision it was opened at, through the background (one
    // message each way, the revision checked in the row's transaction), beside the peer: the save as it was
    // before issue 17, one read-write transaction (get the row, put it back changed, no check), from the page.
    const saves = { lede: [], get: [] };
    for (let run = 0; run <= RUNS * 3; run++) {
      const id = `https://n${(run * 7) % 80}.example/a/${run * 7}`;
      const opened = await probe.evaluate((id) => globalThis.chrome.runtime.sendMessage({ lede: 1, type: 'library/get', payload: { id } }), id);
      const got = await ask('library/get', { id });
      const saved = await ask('library/save', { record: { ...opened.record, quality: (opened.record.quality + 1) % 100 }, previousId: id, revision: opened.revision });
      if (run > 0) {
        saves.lede.push(saved.took);
        saves.get.push(got.took);
      }
    }
    const peerSave = await probe.evaluate(async (runs) => {
      const db = await new Promise((ok, fail) => {
        const request = indexedDB.open('lede');
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
      const took = [];
      for (let run = 0; run <= runs; run++) {
        const id = `https://n${(run * 11 + 3) % 80}.example/a/${run * 11 + 3}`;
        const started = performance.now();
        await new Promise((ok, fail) => {
          const tx = db.transaction('records', 'readwrite');
          const store = tx.objectStore('records');
          const request = store.get(id);
          request.onsuccess = () => {
            const row = request.result;
            store.put({ ...row, record: { ...row.record, quality: (row.record.quality + 1) % 100 }, updatedAt: new Date().toISOString() });
          };
          tx.oncomplete = ok;
          tx.onerror = () => fail(tx.error);
        });
        if (run > 0) took.push(performance.now() - started);
      }
      db.close();
      return took;
    }, RUNS * 3);

    const transfer = process.env.SKIP_TRANSFER ? null
      : await measureTransfer({ context, origin, n: N, chromiumPath, extensionDir });

    console.log(`\nLibrary of ${N.toLocaleString('en')} records (seeded in ${(seeded / 1000).toFixed(1)} s), Chromium ${context.browser()?.version() ?? ''}, median of ${RUNS}:`);
    console.log('  library page, navigation start → first 50 rows shown');
    console.log(`    worker stopped (as after 30 s idle)   ${ms(median(cold.page)).padStart(10)}   ${range(cold.page)}`);
    console.log(`    worker running                        ${ms(median(warm.page)).padStart(10)}   ${range(warm.page)}`);
    console.log(`  search typed → its one result shown (120 ms debounce included), "${QUERY}"`);
    console.log(`    right after opening, worker was stopped ${ms(median(cold.search)).padStart(8)}   ${range(cold.search)}`);
    console.log(`    worker running                        ${ms(median(warm.search)).padStart(10)}   ${range(warm.search)}`);
    console.log('  the background\'s answer, asked from an extension page (round trip)');
    console.log(`    first 50, worker stopped              ${ms(median(cold.list)).padStart(10)}   ${range(cold.list)}`);
    console.log(`    first 50, worker running              ${ms(median(warm.list)).padStart(10)}   ${range(warm.list)}`);
    console.log(`    search, worker running                ${ms(median(warm.searchAnswer)).padStart(10)}   ${range(warm.searchAnswer)}`);
    console.log('  peer: no index, every record read from the same IndexedDB each time (getAll)');
    console.log(`    newest 50                             ${ms(median(peer.list)).padStart(10)}   ${range(peer.list)}`);
    console.log(`    search                                ${ms(median(peer.search)).padStart(10)}   ${range(peer.search)}`);
    console.log(`  ratios: first 50 with the worker stopped / peer ${(median(cold.list) / median(peer.list)).toFixed(2)}; ` +
      `running / peer ${(median(warm.list) / median(peer.list)).toFixed(2)}; search / peer ${(median(warm.searchAnswer) / median(peer.search)).toFixed(2)}`);
    console.log(`  save → library row, median of ${saves.lede.length}`);
    console.log(`    library/save at the revision opened (round trip) ${ms(median(saves.lede)).padStart(8)}   ${range(saves.lede)}`);
    console.log(`    of which messaging: library/get round trip ${ms(median(saves.get)).padStart(12)}   ${range(saves.get)}`);
    console.log(`    peer: the save before issue 17, in the page ${ms(median(peerSave)).padStart(11)}   ${range(peerSave)}`);
    console.log(`  ratio: save now (less the messaging) / peer ${((median(saves.lede) - median(saves.get)) / median(peerSave)).toFixed(2)}`);
    if (transfer) printTransfer(N, transfer);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`\nbench:library failed: ${error.message}`);
  process.exitCode = 1;
});
