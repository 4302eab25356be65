// Hostile-shape benchmark (not a test): pages built to be slow — nested thousands deep, hundreds of
// thousands of elements or tags, 10 MB — read by Lede and by the same peers as bench:extract.
//
// Each (extractor, page) pair runs in a worker thread of its own, stopped after CAP_MS, so one
// peer that never finishes cannot hold up the rest. Time includes parsing the HTML. Each pair runs
// RUNS times and reports its median; a stopped run counts as "> CAP".
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { median } from './lib.mjs';

const CAP_MS = Number(process.env.CAP_MS) || 30_000;
const RUNS = Number(process.env.RUNS) || 3;
const URL_ = 'https://news.example.com/2026/page'; // a real suffix: metascraper refuses .example
const PROSE = '<p>A sentence of running prose, long enough to be taken for the opening of an article here.</p>';

const page = (head, body) => `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const nested = (depth) => `${'<div>'.repeat(depth)}${PROSE}${'</div>'.repeat(depth)}`;

/** Every page built here, from its parameters: nothing site-specific, nothing from the corpus. */
export const SHAPES = {
  'nested 1,000 deep': () => page('<title>Nested page</title>', nested(1_000)),
  'nested 5,000 deep': () => page('<title>Nested page</title>', nested(5_000)),
  'nested 20,000 deep': () => page('<title>Nested page</title>', nested(20_000)),
  '200,000 short paragraphs': () => page('<title>Many paragraphs</title>', '<p>short</p>'.repeat(200_000) + PROSE),
  '100,000 meta tags': () => page(`<title>Many metas</title>${'<meta name="x" content="y">'.repeat(100_000)}`, PROSE),
  '20,000 JSON-LD blocks': () => page(`<title>Many blocks</title>${'<script type="application/ld+json">{"@type":"Thing","name":"x"}</script>'.repeat(20_000)}`, PROSE),
  '10 MB of paragraphs': () => page('<title>Big page</title><meta property="og:description" content="A real description.">',
    '<div class="x"><p>Filler paragraph with words, words and more words.</p></div>'.repeat(130_000)),
};

if (!isMainThread) {
  const { extractors } = await import('./peers.mjs');
  const { name, shape } = workerData;
  const html = SHAPES[shape]();
  const quiet = () => {};
  console.log = console.warn = console.error = quiet;
  const t0 = performance.now();
  let ok = true;
  try {
    await extractors[name](html, URL_);
  } catch {
    ok = false;
  }
  parentPort.postMessage({ ms: performance.now() - t0, ok });
} else {
  const { extractors } = await import('./peers.mjs');
  const names = Object.keys(extractors);
  const runOnce = (name, shape) => new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { name, shape }, resourceLimits: { stackSizeMb: 4 } });
    const timer = setTimeout(() => { void worker.terminate(); resolve({ ms: Infinity, ok: false, capped: true }); }, CAP_MS);
    worker.once('message', (m) => { clearTimeout(timer); void worker.terminate(); resolve(m); });
    worker.once('error', () => { clearTimeout(timer); resolve({ ms: NaN, ok: false }); });
  });
  const show = (r) => (r.capped ? `> ${CAP_MS / 1000} s` : Number.isNaN(r.ms) ? 'crashed' : `${r.ms < 1000 ? r.ms.toFixed(0) + ' ms' : (r.ms / 1000).toFixed(1) + ' s'}${r.ok ? '' : ' (threw)'}`);

  console.log(`Hostile shapes, Node ${process.version}, each pair in its own worker, cap ${CAP_MS / 1000} s, median of ${RUNS}.\n`);
  const peers = names.filter((n) => n !== 'lede');
  console.log(`| page | ${names.join(' | ')} | ${peers.map((n) => `${n} / lede`).join(' | ')} |`);
  console.log(`| --- | ${[...names, ...peers].map(() => '---').join(' | ')} |`);
  for (const shape of Object.keys(SHAPES)) {
    const cells = [];
    const times = {};
    for (const name of names) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await runOnce(name, shape);
        runs.push(r);
        if (r.capped) break; // a capped pair is not run again: it would only be capped again
      }
      const capped = runs.find((r) => r.capped);
      const r = capped ?? { ms: median(runs.map((x) => x.ms)), ok: runs.every((x) => x.ok) };
      times[name] = r.capped ? CAP_MS : r.ms;
      cells.push(show(r));
    }
    const ratios = peers.map((n) => (Number.isNaN(times[n]) ? '–' : `${times[n] === CAP_MS ? '≥ ' : ''}${(times[n] / times.lede).toFixed(1)}`));
    console.log(`| ${shape} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
  }
  // Issue 19's records and zips, imported through the library page in Chromium, beside plain inputs of the same size.
  const { runRecordCases } = await import('./hostile-records.mjs');
  await runRecordCases();
}
