// Extraction benchmark (not a test): Lede beside metascraper, Defuddle and Readability over both dev
// splits of the corpus (SPLIT=dev or SPLIT=trafilatura-dev for one).
//
// Every extractor reads every page in the same process and run, page by page in turn, so machine
// load falls on all of them alike. Time per page includes parsing the HTML. Accuracy uses the
// shared scorer's own rules (imported from ../shared/corpus/score.mjs, not copied). Pages are read
// as `lede extract` reads a saved page: UTF-8 when valid, else by their BOM or <meta charset>, else
// windows-1252.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { decodeHtml } from '../dist/lib/index.js';
import { extractors } from './peers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '../shared/corpus');
if (!existsSync(join(corpus, 'score.mjs'))) {
  console.error(`bench:extract needs the shared corpus at ${corpus}`);
  process.exit(2);
}
const { scorePage } = await import(pathToFileURL(join(corpus, 'score.mjs')).href);
const splits = process.env.SPLIT ? [process.env.SPLIT] : ['dev', 'trafilatura-dev'];
const FIELDS = ['title', 'date', 'provider', 'domain', 'excerpt'];

const originalConsole = { warn: console.warn, error: console.error, log: console.log };
const mute = () => { console.warn = console.error = console.log = () => {}; };
const unmute = () => Object.assign(console, originalConsole);

function pageText(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const decoded = decodeHtml(bytes, null);
    if (!decoded.ok) return new TextDecoder('utf-8').decode(bytes);
    return decoded.source === 'default' ? new TextDecoder('windows-1252').decode(bytes) : decoded.text;
  }
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const score = (s, f) => (s[f].n ? (s[f].ok / s[f].n).toFixed(2) : '—');

async function runSplit(split) {
  const dir = join(corpus, split);
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));
  const stats = Object.fromEntries(Object.keys(extractors).map((name) => [name,
    { times: [], errors: 0, ...Object.fromEntries(FIELDS.map((f) => [f, { ok: 0, n: 0 }])) }]));
  const pages = labels.map((label) => ({ label, html: pageText(readFileSync(join(dir, label.file))) }));
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
  console.log(`\nCorpus: ${labels.length} pages (${dir}), Node ${process.version}, one process, pages interleaved.\n`);
  console.log('| extractor | title | date | provider | domain | excerpt | median time | mean time | p95 time | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [name, s] of Object.entries(stats)) {
    console.log(`| ${name} | ${FIELDS.map((f) => score(s, f)).join(' | ')} | ${quantile(s.times, 0.5).toFixed(1)} ms | ${mean(s.times).toFixed(1)} ms | ${quantile(s.times, 0.95).toFixed(1)} ms | ${s.errors} |`);
  }
  const lede = stats.lede.times;
  const meta = stats.metascraper.times;
  console.log(`\nmetascraper / Lede, time per page: median ${(quantile(meta, 0.5) / quantile(lede, 0.5)).toFixed(2)}×, mean ${(mean(meta) / mean(lede)).toFixed(2)}× (above 1: Lede faster).`);
  const ahead = Object.entries(stats).filter(([n, s]) => n !== 'lede' && ['title', 'date'].some((f) => s[f].n && s[f].ok > stats.lede[f].ok)).map(([n]) => n);
  console.log(ahead.length ? `Ahead of Lede on title or date: ${ahead.join(', ')}.` : 'Every peer behind Lede on title and date.');
}

for (const split of splits) await runSplit(split);
