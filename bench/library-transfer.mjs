// bench:library, records in and out: the library page's zip export, JSON backup and import of N records,
// with the page's peak JS heap, beside a peer in the same run: a whole-library zip built at once (zipSync).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const fflateDir = dirname(dirname(createRequire(import.meta.url).resolve('fflate')));

/** Starts sampling the page's JS heap every 20 ms; returns a function that stops and gives the peak in MB. */
async function heapSampler(page) {
  await page.evaluate(() => {
    window.__ledePeak = performance.memory.usedJSHeapSize;
    window.__ledeSampler = setInterval(() => {
      window.__ledePeak = Math.max(window.__ledePeak, performance.memory.usedJSHeapSize);
    }, 20);
  });
  return async () => page.evaluate(() => {
    clearInterval(window.__ledeSampler);
    return Math.max(window.__ledePeak, performance.memory.usedJSHeapSize) / 1024 / 1024;
  });
}

async function collectGarbage(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/** Clicks a button that ends in a download; returns seconds, the saved file and the page's peak heap. */
async function timedDownload(page, selector, dir) {
  await collectGarbage(page);
  const stop = await heapSampler(page);
  const started = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.click(selector)]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const seconds = (Date.now() - started) / 1000;
  return { seconds, path, peakMb: await stop(), bytes: statSync(path).size };
}

export async function measureTransfer({ context, origin, n, chromiumPath, extensionDir }) {
  const dir = mkdtempSync(join(tmpdir(), 'lede-bench-transfer-'));
  const page = await context.newPage();
  await page.goto(`${origin}/pages/library/library.html`);
  await page.waitForSelector('#records .record');
  const zip = await timedDownload(page, '#export-zip', dir);
  const backup = await timedDownload(page, '#export-backup', dir);

  // The peer: every record fetched, then one zipSync of them all (two copies of the library at once).
  // fflate's own UMD build, evaluated in the page through the driver (the same library Lede streams with).
  await page.evaluate(readFileSync(join(fflateDir, 'umd/index.js'), 'utf8'));
  await collectGarbage(page);
  const stopPeer = await heapSampler(page);
  const peerSeconds = await page.evaluate(async () => {
    const started = performance.now();
    const files = {};
    const encoder = new TextEncoder();
    for (let offset = 0; ; offset += 200) {
      const slice = await globalThis.chrome.runtime.sendMessage({ lede: 1, type: 'library/files', payload: { exportId: 'peer', offset, limit: 200 } });
      for (const file of slice.files) files[file.name] = encoder.encode(file.text);
      if (offset + 200 >= slice.total) break;
    }
    const blob = new Blob([self.fflate.zipSync(files)]);
    window.__ledePeerBlob = blob;
    return (performance.now() - started) / 1000;
  }).catch((error) => ({ error: error.message }));
  const peerPeak = await stopPeer();
  await page.close();

  // Import: the zip into an empty library in a fresh profile, from the page's file picker, to the report.
  const profile = mkdtempSync(join(tmpdir(), 'lede-bench-import-'));
  const fresh = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--enable-precise-memory-info',
      '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
  });
  let imported;
  try {
    const worker = fresh.serviceWorkers()[0] ?? await fresh.waitForEvent('serviceworker', { timeout: 15_000 });
    const freshOrigin = `chrome-extension://${new URL(worker.url()).host}`;
    const target = await fresh.newPage();
    await target.goto(`${freshOrigin}/pages/library/library.html`);
    await target.waitForSelector('#empty:not([hidden])');
    await collectGarbage(target);
    const stop = await heapSampler(target);
    const started = Date.now();
    await target.setInputFiles('#import-files', zip.path);
    await target.waitForSelector('#import-report:not([hidden])', { timeout: 600_000 });
    const seconds = (Date.now() - started) / 1000;
    const summary = await target.textContent('#import-summary');
    if (!summary.includes(`Imported ${n},`)) throw new Error(`import report: ${summary}`);
    imported = { seconds, peakMb: await stop(), summary };
  } finally {
    await fresh.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const backupText = readFileSync(backup.path, 'utf8');
  if (JSON.parse(backupText).records.length !== n) throw new Error('the backup does not hold every record');
  rmSync(dir, { recursive: true, force: true });
  return { zip, backup, imported, peer: { seconds: peerSeconds, peakMb: peerPeak } };
}

export function printTransfer(n, result) {
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const { zip, backup, imported, peer } = result;
  console.log(`  records in and out, ${n.toLocaleString('en')} records, from the library page (one run each)`);
  console.log(`    export .zip (click → file saved)         ${zip.seconds.toFixed(2).padStart(6)} s   file ${mb(zip.bytes)}, page heap peak ${zip.peakMb.toFixed(0)} MB   (target ≤ 3 s)`);
  console.log(`    backup .json                             ${backup.seconds.toFixed(2).padStart(6)} s   file ${mb(backup.bytes)}, page heap peak ${backup.peakMb.toFixed(0)} MB`);
  console.log(`    import that .zip into an empty library   ${imported.seconds.toFixed(2).padStart(6)} s   page heap peak ${imported.peakMb.toFixed(0)} MB   (target ≤ 10 s)`);
  if (typeof peer.seconds === 'number') {
    console.log(`    peer: every record fetched, one zipSync   ${peer.seconds.toFixed(2).padStart(6)} s   page heap peak ${peer.peakMb.toFixed(0)} MB`);
    console.log(`    ratios: export / peer ${(zip.seconds / peer.seconds).toFixed(2)} (time), ${(zip.peakMb / peer.peakMb).toFixed(2)} (peak heap)`);
  } else {
    console.log(`    peer could not run: ${peer.seconds.error}`);
  }
}
