// Folder sync with 10,000 records in real Chromium, against the origin private file system (the same
// FileSystemDirectoryHandle API as a folder the person picks): the first full sync, an incremental sync after
// one edit (files written must be exactly 1), a full pass with nothing changed (files written must be 0).
//
// Peer, in the same browser and run: a naive sync that writes every record's file on every change (what a
// one-file-per-record export on each save does). It writes the very texts Lede wrote, into its own folder:
// it is given them, so its time leaves out making them (the format's writer), and is a lower bound.
// Times are from the message that starts the work to the status that says it is done (polled every 10 ms).
//
// The folder is watched (a FileSystemObserver in the offscreen document's worker): a full pass with nothing
// changed asks no file's stamp while the watch is unbroken. The same pass is measured again with the watch's
// word forgotten before each run (the fallback after a browser restart, a lost event or an hour), which asks
// every file's stamp, beside the browser's own floor for that.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { seedLibraryInPage } from './seed.mjs';
import { chromiumPath, median } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 5);
/** The peer writes every file each time: 10,000 files take minutes on a busy machine, so once by default. */
const PEER_RUNS = Number(process.env.PEER_RUNS ?? 1);
const N = Number(process.env.RECORDS ?? 10_000);

const secs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function main() {
  if (!chromiumPath) throw new Error('Chromium not found: install Debian\'s chromium (see .ci/run).');
  if (!process.env.LEDE_SKIP_TEST_BUILD) execFileSync(process.execPath, [join(root, 'build/build.mjs'), '--test'], { cwd: root, stdio: 'ignore' });
  const extensionDir = process.env.LEDE_EXTENSION_DIR ?? join(root, 'dist/chrome-test');
  const profile = mkdtempSync(join(tmpdir(), 'lede-bench-sync-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const origin = `chrome-extension://${new URL(worker.url()).host}`;
    const page = await context.newPage();
    await page.goto(`${origin}/pages/options/options.html`);
    // The page's own helpers: send a message, wait for sync to settle, list a folder's files.
    await page.evaluate(() => {
      window.benchSend = (type, payload) => chrome.runtime.sendMessage({ lede: 1, type, payload });
      window.benchSettled = async () => {
        for (;;) {
          const status = await window.benchSend('sync/status', {});
          if (status.state !== 'syncing' && status.pending === 0) return status;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      // Between measurements: the watcher reports Lede's own writes a moment later; they are looked at before the next.
      window.benchQuiet = async () => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        return window.benchSettled();
      };
      window.benchStamps = async (name) => {
        const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
        const out = {};
        for await (const entry of dir.values()) out[entry.name] = (await entry.getFile()).lastModified;
        return out;
      };
    });

    // The library first, with sync off (the records are 'restored' as they were saved: no sync work queued).
    await page.evaluate(seedLibraryInPage, N);

    // The options page's own "Choose a folder…", with the picker handing it an OPFS folder; timed from the click.
    await page.evaluate(() => {
      window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('bench-sync', { create: true });
    });
    const first = await page.evaluate(async () => {
      const started = performance.now();
      document.getElementById('options-sync-choose').click();
      for (;;) {
        const status = await window.benchSend('sync/status', {});
        if (status.mode === 'folder') break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const status = await window.benchSettled();
      return { ms: performance.now() - started, status };
    });
    const files = Object.keys(await page.evaluate(() => window.benchStamps('bench-sync'))).length;
    if (files !== N || first.status.lastRun.written !== N) throw new Error(`first sync wrote ${first.status.lastRun.written}, folder holds ${files}, expected ${N}`);
    // A first sync is not watched (it writes every file); the watch begins as it ends, and the next full pass
    // (the alarm's, a few minutes later) asks every stamp under it, after which the watch vouches.
    const firstWatched = await page.evaluate(async () => {
      const started = performance.now();
      await window.benchSend('sync/run', { full: true });
      const status = await window.benchSettled();
      return { ms: performance.now() - started, status };
    });
    // A build without the watcher (LEDE_EXTENSION_DIR) is measured too, for comparison: every pass asks every stamp.
    const watching = firstWatched.status.watching === true;
    if (!watching) console.log('The folder is NOT watched in this build: every pass asks every stamp.');
    if (firstWatched.status.lastRun.written !== 0 || firstWatched.status.lastRun.statted !== N) {
      throw new Error(`the pass after the first sync wrote ${firstWatched.status.lastRun.written} and asked ${firstWatched.status.lastRun.statted} stamps`);
    }

    const incremental = [];
    const incrementalWritten = [];
    for (let run = 0; run < RUNS; run++) {
      await page.evaluate(() => window.benchQuiet());
      const before = await page.evaluate(() => window.benchStamps('bench-sync'));
      const result = await page.evaluate(async (i) => {
        const id = `https://n${i % 80}.example/a/${i}`;
        const stored = await window.benchSend('library/get', { id });
        const started = performance.now();
        await window.benchSend('library/save', { record: { ...stored.record, quality: (stored.record.quality + 1) % 100 }, previousId: id, revision: stored.revision });
        const status = await window.benchSettled();
        return { ms: performance.now() - started, written: status.lastRun.written };
      }, 17 + run * 101);
      const after = await page.evaluate(() => window.benchStamps('bench-sync'));
      const changedOnDisk = Object.keys(after).filter((name) => after[name] !== before[name]).length;
      if (changedOnDisk !== 1 || result.written !== 1) throw new Error(`one edit changed ${changedOnDisk} files on disk (status: ${result.written} written)`);
      incremental.push(result.ms);
      incrementalWritten.push(changedOnDisk);
    }

    /** Full passes with nothing changed; `forget`: the watch's word forgotten first, so every stamp is asked. */
    const passes = async (forget) => {
      const times = [];
      const statted = [];
      for (let run = 0; run < RUNS; run++) {
        await page.evaluate(() => window.benchQuiet());
        // What a gap does: sync's note of the watch generation its last every-stamp pass began under, forgotten.
        if (forget) {
          await page.evaluate(() => new Promise((resolve, reject) => {
            const open = indexedDB.open('lede-sync');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('meta', 'readwrite');
              tx.objectStore('meta').put(null, 'watched');
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }));
        }
        const before = await page.evaluate(() => window.benchStamps('bench-sync'));
        const result = await page.evaluate(async () => {
          const started = performance.now();
          await window.benchSend('sync/run', { full: true });
          const status = await window.benchSettled();
          return { ms: performance.now() - started, status };
        });
        const after = await page.evaluate(() => window.benchStamps('bench-sync'));
        const changedOnDisk = Object.keys(after).filter((name) => after[name] !== before[name]).length;
        if (changedOnDisk !== 0 || result.status.lastRun.written !== 0) throw new Error(`a pass with nothing changed wrote ${changedOnDisk} files`);
        const expected = forget || !watching ? N : 0;
        if (result.status.lastRun.statted !== expected) throw new Error(`a pass ${forget ? 'without' : 'with'} the watcher asked ${result.status.lastRun.statted} stamps, expected ${expected}: ${JSON.stringify(result.status)}`);
        times.push(result.ms);
        statted.push(result.status.lastRun.statted);
      }
      return { times, statted };
    };
    const unchanged = await passes(false);
    const fallback = await passes(true);
    // Left as the watcher found it: its word stands again after a pass that asked every stamp.

    // The browser's own floor for a pass that looks at every file: list the folder, ask each file's stamp (32 at once).
    const floor = [];
    for (let run = 0; run < RUNS; run++) {
      floor.push(await page.evaluate(async () => {
        const started = performance.now();
        const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-sync');
        const handles = [];
        for await (const entry of dir.values()) handles.push(entry);
        let next = 0;
        await Promise.all(Array.from({ length: 32 }, async () => {
          while (next < handles.length) await handles[next++].getFile();
        }));
        return performance.now() - started;
      }));
    }

    // The peer: every file written again on every change, the texts Lede wrote, into its own folder.
    const peer = await page.evaluate(async (runs) => {
      const source = await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-sync');
      const texts = [];
      for await (const entry of source.values()) texts.push([entry.name, await (await entry.getFile()).text()]);
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-peer', { create: true });
      const times = [];
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        for (const [name, text] of texts) {
          const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
          await writable.write(text);
          await writable.close();
        }
        times.push(performance.now() - started);
      }
      return { times, files: texts.length };
    }, PEER_RUNS);

    const peerMs = median(peer.times);
    const inc = median(incremental);
    const none = median(unchanged.times);
    const unwatched = median(fallback.times);
    console.log(`Folder sync, ${N.toLocaleString('en')} records, Chromium ${context.browser()?.version() ?? ''} (OPFS), ${new Date().toISOString().slice(0, 10)}, median of ${RUNS} (peer: of ${peer.times.length})\n`);
    console.log('| measurement | Lede | files written | naive peer (writes every file) | peer / Lede |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(`| first full sync | ${secs(first.ms)} | ${files.toLocaleString('en')} (an empty folder) | ${secs(peerMs)} | ${(peerMs / first.ms).toFixed(2)} |`);
    console.log(`| incremental, after one edit | ${secs(inc)} (target ≤ 0.5 s: ${inc <= 500 ? 'met' : 'missed'}) | ${incrementalWritten.join(', ')} (exactly 1 each run) | ${secs(peerMs)} (${peer.files.toLocaleString('en')} files) | ${(peerMs / inc).toFixed(0)} |`);
    console.log(`| full pass, nothing changed, ${watching ? 'folder watched (0 stamps asked)' : 'NOT WATCHED in this build'} | ${secs(none)} (target ≤ 1 s: ${none <= 1000 ? 'met' : 'missed'}) | 0 | ${secs(peerMs)} (${peer.files.toLocaleString('en')} files) | ${(peerMs / none).toFixed(0)} |`);
    console.log(`| full pass, nothing changed, watch not trusted (${N.toLocaleString('en')} stamps asked) | ${secs(unwatched)} | 0 | ${secs(peerMs)} | ${(peerMs / unwatched).toFixed(0)} |`);
    console.log(`| floor: the browser listing the folder and each file's stamp, no Lede code | ${secs(median(floor))} | 0 | | |`);
    console.log(`\nthe full pass after the first sync (the watch begun, every stamp asked once): ${secs(firstWatched.ms)}, 0 written`);
    console.log(`incremental runs: ${incremental.map(secs).join(', ')}; watched no-change runs: ${unchanged.times.map(secs).join(', ')}; unwatched: ${fallback.times.map(secs).join(', ')}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
