// Zips read as a stream (issue 19, cases 4–7): bytes counted as produced, CRC and size checked, caps, two
// entries of one name both reported, and entries written as made on Unix with their times, read back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { RECORD_SIZE_RULE, serializeRecord } from '../../src/record/index.js';
import type { ImportFile } from '../../src/shared/messages.js';
import { importFilesFromZip, type ZipRefusal } from '../../src/transfer/zip-import.js';
import { bytesSource, readZip, readZipStream, ZIP_LIMITS } from '../../src/transfer/zip-read.js';
import { createZipWriter } from '../../src/transfer/zip-write.js';
import { makeDeps, sampleRecord } from '../background/fakes.js';
import { bombZip, declareEntries, declareSize, zipOf } from './zip-hostile.js';
import { readDirectory } from '../../src/transfer/zip-directory.js';

const record = (i: number, body = '') => serializeRecord(sampleRecord({ title: `Record ${i}`, originalUrl: `https://example.com/${i}`, webUrl: `https://example.com/${i}`, body }));

function written(files: Array<{ name: string; text: string; modified?: Date }>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = createZipWriter((chunk) => chunks.push(chunk));
  for (const file of files) writer.add(file.name, file.text, file.modified);
  writer.finish();
  return new Uint8Array(Buffer.concat(chunks));
}

async function filesOf(zip: Uint8Array): Promise<{ files: ImportFile[]; rejected: ZipRefusal[] }> {
  const out = { files: [] as ImportFile[], rejected: [] as ZipRefusal[] };
  await importFilesFromZip('in.zip', bytesSource(zip), { onFile: (f) => out.files.push(f), onRejected: (r) => out.rejected.push(r) });
  return out;
}

describe('an entry that is not what its headers say', () => {
  it('a deflated entry that declares less than its real size is refused, not imported cut', async () => {
    const full = record(1, 'A body of some length. '.repeat(400));
    const zip = declareSize(zipSync({ 'a.md': strToU8(full), 'b.md': strToU8(record(2)) }), 'a.md', 3000);
    const contents = await readZip(zip);
    expect(contents.records.map((r) => r.name)).toEqual(['b.md']);
    expect(contents.skipped).toEqual([{ name: 'a.md', reason: expect.stringMatching(/holds more than its header declares \(3,000 bytes\)/) }]);
  });

  it('a stored entry whose data does not match its CRC is refused', async () => {
    const zip = zipSync({ 'a.md': strToU8(record(1)) }, { level: 0 });
    zip[Buffer.from(zip).indexOf('Record 1')] = 'r'.charCodeAt(0);
    const contents = await readZip(zip);
    expect(contents.records).toEqual([]);
    expect(contents.skipped[0]!.reason).toMatch(/does not match its checksum/);
  });
});

describe('many small entries', () => {
  it('2,000 records handed over in one chunk (as a browser stream may) are all read', async () => {
    const zip = zipSync(Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`r${i}.md`, strToU8(record(i))])));
    const records: string[] = [];
    await readZipStream(bytesSource(zip, zip.length), { onRecord: (entry) => records.push(entry.name), onSkipped: () => undefined });
    expect(records).toHaveLength(2_000);
  });
});

describe('cancel', () => {
  it('stops the read between chunks; what was read is kept, the rest is not inflated', async () => {
    const zip = zipSync(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`r${i}.md`, strToU8(record(i, 'x'.repeat(1000)))])), { level: 0 });
    const records: string[] = [];
    let chunks = 0;
    const result = await readZipStream(bytesSource(zip, 16 * 1024), {
      cancelled: () => ++chunks > 3, onRecord: (entry) => records.push(entry.name), onSkipped: () => undefined,
    });
    expect(result.cancelled).toBe(true);
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(300);
  });
});

describe('two different records under one name', () => {
  it('one is imported, the other is named in the report: never vanished', async () => {
    const zip = zipOf([{ name: 'same.md', text: record(1) }, { name: 'same.md', text: record(2) }]);
    const { files, rejected } = await filesOf(zip);
    expect(files.map((f) => f.text)).toEqual([record(1)]);
    expect(rejected).toEqual([{ file: 'in.zip/same.md', action: 'rejected', reason: expect.stringMatching(/second entry named "same.md".*only the first was imported/) }]);
  });
});

describe('caps: bytes counted as produced, not as declared', () => {
  it('a bomb that says 1 KB and holds 16 MB is stopped at what it declared; the valid record beside it is kept', async () => {
    const zip = bombZip(record(1), 16);
    expect(zip.length).toBeLessThan(1024 * 1024);
    const contents = await readZip(zip);
    expect(contents.records.map((r) => r.name)).toEqual(['a.md']);
    expect(contents.skipped).toEqual([{ name: 'bomb.md', reason: expect.stringMatching(/holds more than its header declares/) }]);
  });

  it(`an entry declared over the size contract is refused before it is inflated, with the contract's words`, async () => {
    const zip = declareSize(zipSync({ 'a.md': strToU8(record(1)), 'big.md': strToU8('x') }), 'big.md', 15 * 1024 * 1024);
    const contents = await readZip(zip);
    expect(contents.records.map((r) => r.name)).toEqual(['a.md']);
    expect(contents.skipped).toEqual([{ name: 'big.md', reason: `is 15.0 MB; ${RECORD_SIZE_RULE}` }]);
  });

  it(`entries declaring more than ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB in all are refused whole, before anything is inflated`, async () => {
    let zip = zipSync(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`r${i}.md`, strToU8(record(i))])));
    for (let i = 0; i < 40; i++) zip = declareSize(zip, `r${i}.md`, 8 * 1024 * 1024);
    await expect(readZip(zip)).rejects.toThrow(/expands to 320 MB of records; Lede reads at most 256 MB from one zip/);
  });

  it(`a zip of more than ${ZIP_LIMITS.entries.toLocaleString('en')} entries is refused from its directory alone`, async () => {
    const zip = zipSync(Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`r${i}.md`, strToU8(record(i))])));
    const source = { size: zip.length, slice: async (a: number, b: number) => zip.subarray(a, b) };
    await expect(readDirectory(source, 3)).rejects.toThrow(/holds more than 3 entries; Lede reads at most 3/);
    expect(await readDirectory(source, 4)).toHaveLength(4);
    // A directory whose count disagrees with its entries is damaged, not read as far as the count says.
    await expect(readZip(declareEntries(zip, 2))).rejects.toThrow(/damaged directory/);
  });

  it('reads a zip of more than 65,535 entries, as Lede\'s export of a large library writes it (the count keeps its low 16 bits)', async () => {
    const zip = written(Array.from({ length: 70_000 }, (_, i) => ({ name: `n${i}.md`, text: `x${i}` })));
    const source = { size: zip.length, slice: async (a: number, b: number) => zip.subarray(a, b) };
    const entries = await readDirectory(source, ZIP_LIMITS.entries);
    expect(entries).toHaveLength(70_000);
    expect(entries[69_999]!.name).toBe('n69999.md');
  }, 60_000);
});

describe('entries as made on Unix, with their times', () => {
  const modified = new Date('2025-03-04T05:06:07Z');
  const zip = written([{ name: 'ünï cödé ✓.md', text: record(1), modified }, { name: 'b.md', text: record(2, 'x'.repeat(20_000)), modified }]);

  it('says version made by Unix, mode 0644, the UTF-8 flag, and the time in UTC (0x5455)', () => {
    const view = new DataView(zip.buffer, zip.byteOffset);
    const central = Buffer.from(zip).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(view.getUint16(central + 4, true) >> 8).toBe(3);
    expect(view.getUint16(central + 8, true) & 0x800).toBe(0x800);
    expect((view.getUint32(central + 38, true) >>> 16) & 0o777).toBe(0o644);
  });

  it('the time is read back, so the newer-wins rule can act on a zip', async () => {
    const contents = await readZip(zip);
    expect(contents.records.map((r) => r.modified)).toEqual([modified.toISOString(), modified.toISOString()]);
    const deps = makeDeps();
    const handlers = createHandlers(deps);
    const first = await handlers['library/import']({ files: [{ name: 'old.md', text: record(1), changedAt: '2024-01-01T00:00:00.000Z' }] }, {});
    expect(first.entries[0]!.action).toBe('imported');
    const edited = written([{ name: 'a.md', text: record(1, 'Edited since.'), modified }]);
    const { files } = await filesOf(edited);
    expect(files[0]!.changedAt).toBe(modified.toISOString());
    const again = await handlers['library/import']({ files }, {});
    expect(again.entries[0]!.action).toBe('updated');
  });

  const unzip = spawnSync('unzip', ['-v'], { encoding: 'utf8' });
  it.skipIf(unzip.status !== 0)('Info-ZIP\'s unzip lists the non-ASCII names right', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lede-zip-')), 'out.zip');
    writeFileSync(path, zip);
    const listed = spawnSync('unzip', ['-Z', '-l', path], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    expect(listed.stdout).toContain('ünï cödé ✓.md');
    expect(listed.stdout).toMatch(/-rw-r--r--.*unx/);
  });
});
