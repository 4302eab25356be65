// bench:hostile, records and zips: each hostile input imported through the library page's picker in real
// Chromium, beside a plain input of about the same size, in the same run. Reported: the time until the
// import report shows, and the browser's peak memory over its idle level (every process of the browser,
// resident set, sampled every 25 ms), per MB of input. Targets: under 2 MB in under 1 s; ≤ 50 MB per MB.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';

const EXT = new URL('../dist/chrome', import.meta.url).pathname;
const CHROMIUM = process.env.LEDE_CHROMIUM ?? '/usr/lib/chromium/chromium';
const CAP_MS = Number(process.env.CAP_MS) || 120_000;
const { serializeRecord } = await tsImport('../src/record/index.ts', import.meta.url);
const { sampleRecord } = await tsImport('../test/record/fixtures.ts', import.meta.url);
const { bombZip, declareSize, zipOf } = await tsImport('../test/transfer/zip-hostile.ts', import.meta.url);

let serial = 0;
const record = (body = '') => {
  const i = serial++;
  return serializeRecord(sampleRecord({ title: `Record ${i}`, originalUrl: `https://example.com/b/${i}`, webUrl: `https://example.com/b/${i}`, body }));
};
const zipOfRecords = (count, body = '') => zipSync(Object.fromEntries(Array.from({ length: count }, (_, i) => [`r${i}.md`, strToU8(record(body))])), { level: 6 });
/** A zip of ordinary records of about `bytes` bytes (records of ~600 bytes of body, as a library holds). */
const plainZipOf = (bytes) => {
  const body = 'A sentence of the body of an ordinary record. '.repeat(12);
  let count = Math.max(1, Math.round(bytes / 700));
  let zip = zipOfRecords(count, body);
  count = Math.max(1, Math.round(count * bytes / zip.length));
  return zipOfRecords(count, body);
};

/** Every input, built here from its parameters: [hostile, files] beside [plain, files]. */
const CASES = [
  ['bomb: says 1 KB, holds 64 MB', () => ({ 'bomb.zip': bombZip(record(), 64) })],
  ['an entry that declares less than it holds', () => ({ 'cut.zip': declareSize(zipSync({ 'cut.md': strToU8(record('Body. '.repeat(40_000))) }), 'cut.md', 2_000) })],
  ['two records under one name', () => ({ 'dupes.zip': zipOf([{ name: 'same.md', text: record('x'.repeat(100_000)) }, { name: 'same.md', text: record('y'.repeat(100_000)) }]) })],
  ['60 entries declaring 15 MB each', () => {
    let zip = zipOfRecords(60);
    for (let i = 0; i < 60; i++) zip = declareSize(zip, `r${i}.md`, 15 * 1024 * 1024);
    return { 'declared.zip': zip };
  }],
  ['20,000 small entries', () => ({ 'many.zip': zipSync(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`m${i}.md`, strToU8(record())]))) })],
  ['a 70 MB body (.md)', () => ({ 'huge.md': strToU8(record('b'.repeat(70 * 1024 * 1024))) })],
  ['eleven records of 7.5 MB (.md)', () => Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`big${i}.md`, strToU8(record('c'.repeat(7.5 * 1024 * 1024)))]))],
];

/** Resident memory of the browser and all its children, in MB. */
function treeRss(rootPid) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  let total = 0;
  const inTree = (pid) => { for (let p = pid; p > 1; p = parents.get(p) ?? 0) if (p === rootPid) return true; return false; };
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) / 1024;
    } catch { /* gone */ }
  }
  return total;
}

function browserPid(profile) {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes(profile) && !cmd.includes('--type=')) return Number(name);
    } catch { /* gone */ }
  }
  throw new Error('browser process not found');
}

/** One input in a fresh profile: seconds to the report, peak MB over idle, and the report's summary. */
async function runOne(files) {
  const dir = mkdtempSync(join(tmpdir(), 'lede-bench-hostile-'));
  const profile = join(dir, 'profile');
  const paths = Object.entries(files).map(([name, bytes]) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  });
  const inputMb = Object.values(files).reduce((n, b) => n + b.length, 0) / 1024 / 1024;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: [`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const sw = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(sw.url()).host}/pages/library/library.html`);
    await page.waitForSelector('#empty:not([hidden])');
    const pid = browserPid(profile);
    await page.waitForTimeout(300);
    const idle = treeRss(pid);
    let peak = idle;
    const sampler = setInterval(() => { peak = Math.max(peak, treeRss(pid)); }, 25);
    const started = performance.now();
    await page.setInputFiles('#import-files', paths);
    const finished = await page.waitForSelector('#import-report:not([hidden])', { timeout: CAP_MS }).then(() => true, () => false);
    const ms = finished ? performance.now() - started : Infinity;
    clearInterval(sampler);
    peak = Math.max(peak, treeRss(pid));
    const summary = finished ? (await page.textContent('#import-summary')) ?? '' : `no report after ${CAP_MS / 1000} s; the status line says: ${await page.textContent('#status')}`;
    return { ms, inputMb, extraMb: peak - idle, summary };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const show = (r) => !Number.isFinite(r.ms) ? `> ${CAP_MS / 1000} s | ${r.extraMb.toFixed(0)} MB` : `${r.ms < 1000 ? `${r.ms.toFixed(0)} ms` : `${(r.ms / 1000).toFixed(1)} s`} | ${r.extraMb.toFixed(0)} MB (${(r.extraMb / Math.max(r.inputMb, 0.001)).toFixed(0)} MB/MB)`;

export async function runRecordCases() {
  console.log(`\nRecords and zips, imported through the library page in Chromium (${EXT}); one fresh profile per input.\n`);
  console.log('| input | size | hostile: time \\| peak over idle (per MB) | plain of the same size: time \\| peak (per MB) | time hostile / plain | report |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, build] of CASES) {
    const files = build();
    const bytes = Object.values(files).reduce((n, b) => n + b.length, 0);
    const hostile = await runOne(files);
    const plain = name.endsWith('(.md)') && !name.startsWith('a 70')
      ? hostile
      : await runOne(name.endsWith('(.md)') ? Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}.md`, strToU8(record('p'.repeat(Math.floor(bytes / 10) - 600)))])) : { 'plain.zip': plainZipOf(bytes) });
    const size = bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(`| ${name} | ${size} | ${show(hostile)} | ${show(plain)} | ${(hostile.ms / plain.ms).toFixed(2)} | ${hostile.summary.replace(/\|/g, '/')} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runRecordCases();
