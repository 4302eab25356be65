// bench:sync's helper column: the same library of records synced through Lede's helper (`lede host`, native
// messaging) into a real folder on disk, in the same Chromium and run as the picked-folder (OPFS) figures:
// first sync, an incremental sync after one edit (exactly 1 file written, checked on disk), a full pass with
// nothing changed while the helper watches the folder (0 stamps asked), the same pass with the watch's word
// forgotten (every stamp asked); beside them the helper's own floor: Node listing and stat'ing the folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forgetWatchInPage, median } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const secs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** Each file's mtime, from Node: what changed on disk between two looks. */
function stamps(folder) {
  return Object.fromEntries(readdirSync(folder).filter((n) => n.endsWith('.md')).map((n) => [n, statSync(join(folder, n)).mtimeMs]));
}

/** The floor: list the folder and stat every file, 64 at once, in Node with no Lede code. */
async function nodeFloor(folder) {
  const started = performance.now();
  const names = await readdir(folder);
  let next = 0;
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next < names.length) await stat(join(folder, names[next++]));
  }));
  return performance.now() - started;
}

const settledAfter = (page, work) => page.evaluate(async (what) => {
  const started = performance.now();
  if (what.type) await window.benchSend(what.type, what.payload);
  const status = await window.benchSettled();
  return { ms: performance.now() - started, status };
}, work);

/**
 * Runs the helper column in the bench's browser (its page has benchSend/benchSettled/benchQuiet) and prints it
 * beside `picked`, the picked-folder figures of the same run.
 */
export async function helperColumn({ page, profile, N, RUNS, picked }) {
  const base = mkdtempSync(join(tmpdir(), 'lede-bench-helper-'));
  const folder = join(base, 'bench-helper');
  mkdirSync(folder);
  const configPath = join(base, 'host.json');
  try {
    const id = new URL(page.url()).host;
    // As the person would: `lede host install`, here into the bench profile's NativeMessagingHosts folder.
    execFileSync(process.execPath, [join(root, 'dist/cli/lede.js'), 'host', 'install', '--browser', 'chromium', '--extension-id', id,
      '--folder', folder, '--config', configPath, '--user-data-dir', profile], { stdio: 'ignore' });
    const hello = await page.evaluate(() => window.benchSend('sync/helper', {}));
    if (!hello.running) throw new Error(`the helper does not answer: ${hello.error}`);

    const first = await settledAfter(page, { type: 'sync/choose', payload: { mode: 'helper', folder: 'bench-helper' } });
    const files = Object.keys(stamps(folder)).length;
    if (files !== N || first.status.mode !== 'helper') throw new Error(`the first sync through the helper left ${files} files, expected ${N}`);
    // Watched from the end of the first sync; the pass after it asks every stamp once, under that watch.
    await page.evaluate(() => window.benchQuiet());
    const after = await settledAfter(page, { type: 'sync/run', payload: { full: true } });
    if (after.status.lastRun.statted !== N || !after.status.watching) throw new Error(`the pass after the first sync asked ${after.status.lastRun.statted} stamps (watching: ${after.status.watching})`);

    const incremental = [];
    const written = [];
    for (let run = 0; run < RUNS; run++) {
      await page.evaluate(() => window.benchQuiet());
      const before = stamps(folder);
      const result = await page.evaluate(async (i) => {
        const id = `https://n${i % 80}.example/a/${i}`;
        const stored = await window.benchSend('library/get', { id });
        const started = performance.now();
        await window.benchSend('library/save', { record: { ...stored.record, quality: (stored.record.quality + 3) % 100 }, previousId: id, revision: stored.revision });
        await window.benchSettled();
        return performance.now() - started;
      }, 29 + run * 103);
      const now = stamps(folder);
      const changed = Object.keys(now).filter((name) => now[name] !== before[name]).length;
      if (changed !== 1) throw new Error(`one edit through the helper changed ${changed} files on disk`);
      incremental.push(result);
      written.push(changed);
    }

    const passes = async (forget) => {
      const times = [];
      for (let run = 0; run < RUNS; run++) {
        await page.evaluate(() => window.benchQuiet());
        if (forget) {
          await page.evaluate(forgetWatchInPage);
        }
        const before = stamps(folder);
        const result = await settledAfter(page, { type: 'sync/run', payload: { full: true } });
        const now = stamps(folder);
        const changed = Object.keys(now).filter((name) => now[name] !== before[name]).length;
        const expected = forget ? N : 0;
        if (changed !== 0) throw new Error(`a pass with nothing changed wrote ${changed} files through the helper`);
        if (result.status.lastRun.statted !== expected) throw new Error(`a pass ${forget ? 'without' : 'with'} the helper's watch asked ${result.status.lastRun.statted} stamps, expected ${expected}`);
        times.push(result.ms);
      }
      return times;
    };
    const watched = await passes(false);
    const unwatched = await passes(true);
    const floor = [];
    for (let run = 0; run < RUNS; run++) floor.push(await nodeFloor(folder));

    const inc = median(incremental);
    const none = median(watched);
    const all = median(unwatched);
    const fl = median(floor);
    console.log(`\nThrough Lede's helper (lede host, native messaging), the same ${N.toLocaleString('en')} records into a folder on disk, same run, median of ${RUNS}\n`);
    console.log('| measurement | picked folder (OPFS) | through the helper | target (helper) | files written (helper, on disk) | helper / picked |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    console.log(`| first full sync | ${secs(picked.first)} | ${secs(first.ms)} | ≤ 10 s: ${first.ms <= 10_000 ? 'met' : 'missed'} | ${files.toLocaleString('en')} | ${(first.ms / picked.first).toFixed(2)} |`);
    console.log(`| incremental, after one edit | ${secs(picked.incremental)} | ${secs(inc)} | ≤ 0.1 s: ${inc <= 100 ? 'met' : 'missed'} | ${written.join(', ')} | ${(inc / picked.incremental).toFixed(2)} |`);
    console.log(`| full pass, nothing changed, watched (0 stamps asked) | ${secs(picked.watched)} | ${secs(none)} | ≤ 0.5 s: ${none <= 500 ? 'met' : 'missed'} | 0 | ${(none / picked.watched).toFixed(2)} |`);
    console.log(`| full pass, nothing changed, watch not trusted (${N.toLocaleString('en')} stamps asked) | ${secs(picked.unwatched)} | ${secs(all)} | | 0 | ${(all / picked.unwatched).toFixed(2)} |`);
    console.log(`| floor: listing and each file's stamp, no Lede code | ${secs(picked.floor)} (the browser) | ${secs(fl)} (Node, the helper's own) | | 0 | |`);
    console.log(`\nhelper: the pass after the first sync (every stamp asked once): ${secs(after.ms)}; incremental runs: ${incremental.map(secs).join(', ')}; watched: ${watched.map(secs).join(', ')}; unwatched: ${unwatched.map(secs).join(', ')}; floor: ${floor.map(secs).join(', ')}`);
  } finally {
    await page.evaluate(() => window.benchSend('sync/stop', {})).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  }
}
