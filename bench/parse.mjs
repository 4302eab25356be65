// bench:parse — records built to be slow to read (test/record/costly-inputs.ts): Lede's parseRecord beside a
// peer in the same run, the yaml library's own checks as the reader used them before (uniqueKeys, every value
// to JS with an alias budget). Each peer case runs in a worker stopped after 30 s. Median of 3.
import { Worker } from 'node:worker_threads';
import { parseRecord } from '../dist/lib/index.js';
import { costlyInputs } from '../test/record/costly-inputs.ts';
import { median } from './lib.mjs';

const inputs = costlyInputs();
const CAP_MS = 30_000;

function lede(text) {
  const times = [];
  let ok;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    ok = parseRecord(text).ok;
    times.push(performance.now() - started);
  }
  return { ms: median(times), ok };
}

const PEER = `
const { parentPort, workerData } = require('node:worker_threads');
const { parseDocument } = require(${JSON.stringify(new URL('../node_modules/yaml/dist/index.js', import.meta.url).pathname)});
const text = workerData;
const end = text.indexOf('\\n---\\n', 4);
const started = performance.now();
const doc = parseDocument(end > 0 ? text.slice(4, end + 1) : text.slice(4), { uniqueKeys: true, schema: 'core' });
let ok = doc.errors.length === 0;
if (ok) { try { doc.toJS({ maxAliasCount: 100 }); } catch { ok = false; } }
parentPort.postMessage({ ms: performance.now() - started, ok });
`;

function peer(text) {
  return new Promise((resolve) => {
    const worker = new Worker(PEER, { eval: true, workerData: text });
    const timer = setTimeout(() => { void worker.terminate(); resolve({ ms: Infinity, ok: null }); }, CAP_MS);
    worker.once('message', (answer) => { clearTimeout(timer); void worker.terminate(); resolve(answer); });
    worker.once('error', (error) => { clearTimeout(timer); resolve({ ms: Infinity, ok: `threw: ${error.message.slice(0, 40)}` }); });
  });
}

const show = (r) => (r.ms === Infinity ? `> ${CAP_MS / 1000} s` : `${r.ms.toFixed(0)} ms`);
console.log(`\nparseRecord on costly inputs, Node ${process.version}, median of 3 (peer: once, capped at ${CAP_MS / 1000} s)`);
console.log('| input | size | lede | verdict | peer: yaml uniqueKeys + toJS | peer / lede |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, text] of Object.entries(inputs)) {
  const a = lede(text);
  const b = await peer(text);
  const ratio = b.ms === Infinity ? `≥ ${(CAP_MS / a.ms).toFixed(0)}` : (b.ms / a.ms).toFixed(1);
  console.log(`| ${name} | ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB | ${show(a)} | ${a.ok ? 'read' : 'refused'} | ${show(b)} | ${ratio} |`);
}
