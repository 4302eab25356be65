// The key ring's cost: opening 10,000 notes under the current key (one try each) beside the same number
// under the oldest of three keys (three tries each, GCM refusing the first two at the tag), in the same run:
// what the options page's "records it opens" count and a change's loop pay for keeping retired keys.
// Run: node --import tsx bench/key-ring.mjs   (fake-indexeddb stands in for the browser's IndexedDB)
import 'fake-indexeddb/auto';
import { KeyStore } from '../src/background/key-store.ts';
import { openWith } from '../src/background/key-ring.ts';
import { PrivateVault } from '../src/background/private-vault.ts';
import { LibraryStore } from '../src/background/store.ts';
import { median } from './lib.mjs';

const N = 10_000;
const keys = new KeyStore('bench-keys');
const vault = new PrivateVault(keys, new LibraryStore('bench-library'));
const made = await vault.create();
await vault.confirm(made.id, true);
const seal = async () => {
  const out = [];
  for (let i = 0; i < N; i++) out.push((await vault.encrypt({ note: `note ${i} `.repeat(20) })).secured);
  return out;
};
const oldest = await seal();
for (let k = 0; k < 2; k++) {
  await vault.changeKey();
  await vault.resume();
}
const current = await seal();
const ring = await keys.ring();

async function timed(values) {
  const times = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    for (const value of values) if (!(await openWith(value, ring, crypto)).result.ok) throw new Error('a note did not open');
    times.push(performance.now() - start);
  }
  return median(times);
}

const one = await timed(current);
const three = await timed(oldest);
console.log(`| ${N.toLocaleString('en')} notes under the current key | ${one.toFixed(0)} ms |`);
console.log(`| ${N.toLocaleString('en')} notes under the oldest of 3 keys | ${three.toFixed(0)} ms |`);
console.log(`| ratio (oldest / current) | ${(three / one).toFixed(2)} |`);
