// bench:save — save → library row in a library of 10,000 records: the store's versioned save (revision
// checked inside the transaction) and the whole library/save handler, beside the save before issue 17
// (bench/save-before.ts) in the same run, over fake IndexedDB in Node. Saves alternate between the two,
// each an edit of a record at the revision it was opened at. Median of RUNS saves each.
import 'fake-indexeddb/auto';
import { createHandlers } from '../src/background/handlers.ts';
import { LibraryStore } from '../src/background/store/index.ts';
import { makeDeps, sampleRecord } from '../test/background/fakes.ts';
import { SaveBefore } from './save-before.ts';
import { median } from './lib.mjs';

const N = Number(process.env.RECORDS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 300);
const popup = { id: 'lede@bench', url: 'chrome-extension://bench/popup/popup.html' };

const record = (i, title = `Story ${i}`) => sampleRecord({
  originalUrl: `https://n${i % 80}.example/a/${i}`, webUrl: `https://n${i % 80}.example/a/${i}`, title,
  topics: ['AI', `Topic ${i % 13}`], body: `A body of a few lines for record ${i}.\n\nAnd a second paragraph.`,
});

async function seed(store) {
  for (let start = 0; start < N; start += 500) {
    const items = [];
    for (let i = start; i < Math.min(N, start + 500); i++) items.push({ id: `https://n${i % 80}.example/a/${i}`, incoming: { record: record(i) } });
    await store.importRecords(items);
  }
}

async function main() {
  const stamp = `${process.pid}-${Date.now()}`;
  const seeding = performance.now();
  const deps = makeDeps();
  const handlers = createHandlers(deps);
  const after = new LibraryStore(`bench-after-${stamp}`);
  const beforeStore = new LibraryStore(`bench-before-${stamp}`);
  await Promise.all([seed(after), seed(beforeStore), seed(deps.store)]);
  beforeStore.close();
  const before = new SaveBefore(`bench-before-${stamp}`);
  const seeded = performance.now() - seeding;

  const times = { before: [], store: [], handler: [] };
  for (let run = 0; run < RUNS; run++) {
    const i = (run * 37) % N;
    const title = `Edited ${run}`;
    let started = performance.now();
    await before.save(record(i, title));
    times.before.push(performance.now() - started);

    const opened = await after.get(`https://n${i % 80}.example/a/${i}`);
    started = performance.now();
    const saved = await after.save(record(i, title), 'popup', { previousId: opened.id, revision: opened.revision });
    times.store.push(performance.now() - started);
    if (!saved.ok) throw new Error('the versioned save was refused');

    const shown = await deps.store.get(`https://n${i % 80}.example/a/${i}`);
    started = performance.now();
    const answer = await handlers['library/save']({ record: record(i, title), previousId: shown.id, revision: shown.revision }, popup);
    times.handler.push(performance.now() - started);
    if (!answer.ok) throw new Error('library/save was refused');
  }
  const row = (name, values) => `| ${name} | ${median(values).toFixed(2)} ms | ${Math.min(...values).toFixed(2)} ms | ${Math.max(...values).toFixed(2)} ms |`;
  console.log(`bench:save — ${N.toLocaleString('en')} records (seeded in ${(seeded / 1000).toFixed(1)} s), ${RUNS} saves each, fake-indexeddb on Node ${process.version}`);
  console.log('| save → library row | median | min | max |\n| --- | --- | --- | --- |');
  console.log(row('before issue 17: store.save, no revision (peer)', times.before));
  console.log(row('now: store.save at the revision opened', times.store));
  console.log(row('now: library/save handler (validation, settings, sync queue, badge)', times.handler));
  console.log(`ratio (store now / before): ${(median(times.store) / median(times.before)).toFixed(2)}`);
  before.close();
  after.close();
}

await main();
