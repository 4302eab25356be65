// Extraction benchmark (not a test): Lede beside metascraper, Defuddle and Readability over the corpus.
//
// Every extractor reads every page in the same process and run, page by page in turn, so machine
// load falls on all of them alike. Time per page includes parsing the HTML. Accuracy uses the
// shared scorer's own rules (imported from ../shared/corpus/score.mjs, not copied).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { extractors } from './peers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '../shared/corpus');
if (!existsSync(join(corpus, 'score.mjs'))) {
  console.error(`bench:extract needs the shared corpus at ${corpus}`);
  process.exit(2);
}
const { scorePage } = await import(pathToFileURL(join(corpus, 'score.mjs')).href);
const dir = join(corpus, process.env.SPLIT ?? 'dev');
const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));

const FIELDS = ['title', 'date', 'provider', 'domain', 'excerpt'];
const stats = Object.fromEntries(Object.keys(extractors).map((name) => [name,
  { times: [], errors: 0, ...Object.fromEntries(FIELDS.map((f) => [f, { ok: 0, n: 0 }])) }]));

const originalConsole = { warn: console.warn, error: console.error, log: console.log };
const mute = () => { console.warn = console.error = console.log = () => {}; };
const unmute = () => Object.assign(console, originalConsole);

const pages = labels.map((label) => ({ label, html: readFileSync(join(dir, label.file), 'utf8') }));
// One untimed warm-up call each: module loading and JIT do not land on the first page.
mute();
for (const run of Object.values(extractors)) await run(pages[0].html, pages[0].label.url).catch(() => {});
unmute();

for (const { label, html } of pages) {
  for (const [name, run] of Object.entries(extractors)) {
    const s = stats[name];
    let out = null;
    mute();
    const t0 = performance.now();
    try {
      out = await run(html, label.url);
    } catch {
      s.errors++;
    }
    s.times.push(performance.now() - t0);
    unmute();
    const { res } = scorePage(label, out);
    for (const f of FIELDS) {
      if (res[f] === null) continue;
      s[f].n++;
      if (res[f]) s[f].ok++;
    }
  }
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};
const rows = Object.entries(stats).map(([name, s]) =>
  `| ${name} | ${FIELDS.map((f) => (s[f].ok / s[f].n).toFixed(2)).join(' | ')} | ${quantile(s.times, 0.5).toFixed(1)} ms | ${quantile(s.times, 0.95).toFixed(1)} ms | ${s.errors} |`);
console.log(`Corpus: ${labels.length} pages (${dir}), Node ${process.version}, one process, pages interleaved.\n`);
console.log('| extractor | title | date | provider | domain | excerpt | median time | p95 time | errors |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
const ledeMedian = quantile(stats.lede.times, 0.5);
const slower = Object.entries(stats).filter(([n, s]) => n !== 'lede' && quantile(s.times, 0.5) <= ledeMedian).map(([n]) => n);
console.log(slower.length ? `\nLede is not the fastest: ${slower.join(', ')} had a lower median.` : '\nLede had the lowest median time per page.');
