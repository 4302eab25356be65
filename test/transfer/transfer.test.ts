// Records in and out: the import rule, zips from elsewhere, backups, byte-for-byte round trips and the merge rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { serializeRecord, type LedeRecord } from '../../src/record/index.js';
import type { ImportFile } from '../../src/shared/messages.js';
import { BACKUP_VERSION, backupHead, backupRecordJson, BACKUP_END, backupSettings, readBackup } from '../../src/transfer/backup.js';
import { mergeDecision } from '../../src/transfer/merge.js';
import { readRecordFile } from '../../src/transfer/read-file.js';
import { readZip } from '../../src/transfer/zip-read.js';
import { createZipWriter } from '../../src/transfer/zip-write.js';
import { makeDeps, sampleRecord } from '../background/fakes.js';
import { propertyRuns } from '../property-runs.js';
import { sharedDir, sharedOrSkipNote } from '../shared.js';

/** Another tool's record: its own key order, unknown keys at every depth, a long excerpt, quoting of its own. */
const OTHER_TOOL = `---
title: 'Written elsewhere'
x-tool: {id: 42, tags: [a, b]}
originalUrl: "https://other.example/story"
excerpt: "${'Long standfirst. '.repeat(15).trim()}"
category: research
provider:
  domain: other.example
  name: Other
  x-provider-note: kept
related:
  - webUrl: "https://other.example/r"
    title: Related
    x-related: {deep: {deeper: [1, 2]}}
    images:
      - url: "https://other.example/i.png"
        x-image: yes
secured: "${Buffer.from('ciphertext we cannot read').toString('base64')};${Buffer.alloc(16, 7).toString('base64')}"
---
Body kept.
`;

function handlersWithStore() {
  const deps = makeDeps();
  return { deps, handlers: createHandlers(deps) };
}

async function exportAll(handlers: ReturnType<typeof createHandlers>, exportId = 'e1') {
  const files: Array<{ name: string; text: string; savedAt: string; updatedAt: string }> = [];
  for (let offset = 0; ;) {
    const slice = await handlers['library/files']({ exportId, offset, limit: 100 }, {});
    files.push(...slice.files);
    offset += slice.files.length;
    if (offset >= slice.total || slice.files.length === 0) break;
  }
  return files;
}

describe('one file in', () => {
  it.runIf(sharedOrSkipNote('the seed record round trip'))('the seed record imports and exports byte for byte', async () => {
    const text = readFileSync(join(sharedDir, 'fixtures', 'seed-record.md'), 'utf8');
    const { handlers } = handlersWithStore();
    const { entries } = await handlers['library/import']({ files: [{ name: 'seed-record.md', text }] }, {});
    expect(entries).toEqual([expect.objectContaining({ action: 'imported' })]);
    const [file] = await exportAll(handlers);
    expect(file!.text).toBe(text);
  });

  it('another tool\'s record exports byte for byte until it is edited', async () => {
    const { handlers } = handlersWithStore();
    const { entries } = await handlers['library/import']({ files: [{ name: 'other.md', text: OTHER_TOOL }] }, {});
    expect(entries[0]).toMatchObject({ action: 'imported', warnings: [expect.stringMatching(/^other\.md:\d+: excerpt: warning: is \d+ characters/)] });
    expect((await exportAll(handlers))[0]!.text).toBe(OTHER_TOOL);
    // An edit: now Lede writes the record, unknown keys kept.
    const stored = (await handlers['library/list']({}, {})).records[0]!;
    await handlers['library/save']({ record: { ...stored.record, title: 'Edited' }, previousId: stored.id, revision: stored.revision }, {});
    const edited = (await exportAll(handlers, 'e2'))[0]!;
    expect(edited.text).toBe(serializeRecord({ ...stored.record, title: 'Edited' }));
    expect(edited.text).toContain('x-related:');
    expect(edited.name).toBe(stored.fileName); // the name stays across the title edit
  });

  it('a rejected file reports file:line: key: message and changes nothing; the rest go on', async () => {
    const { handlers } = handlersWithStore();
    const good = serializeRecord(sampleRecord());
    const { entries } = await handlers['library/import']({ files: [
      { name: 'bad.md', text: good.replace('quality: 15', 'quality: high') },
      { name: 'good.md', text: good },
      { name: 'nokey.md', text: '---\ntitle: No address\n---\n\n' },
    ] }, {});
    expect(entries.map((e) => e.action)).toEqual(['rejected', 'imported', 'rejected']);
    expect(entries[0]!.problems).toEqual([expect.stringMatching(/^bad\.md:\d+: quality: must be a whole number from 0 to 100, not "high"$/)]);
    expect(entries[2]!.reason).toMatch(/^nokey\.md: originalUrl: needs an http\(s\) address/);
    expect((await handlers['library/list']({}, {})).total).toBe(1);
  });

  it('refuses what the writer cannot write', () => {
    const result = readRecordFile('clash.md', serializeRecord(sampleRecord()).replace('category: news', `deep: ${'['.repeat(40)}1${']'.repeat(40)}\ncategory: news`));
    expect(result.ok).toBe(false);
  });
});

describe('file names', () => {
  it('a record is named by the settings\' template when first stored, and keeps that name', async () => {
    const { deps, handlers } = handlersWithStore();
    await deps.settings.set({ fileNameTemplate: '{provider} - {title}' });
    await handlers['library/import']({ files: [{ name: 'a.md', text: serializeRecord(sampleRecord({ title: 'CON' })) }] }, {});
    await deps.settings.set({ fileNameTemplate: '{date}-{slug}' });
    expect((await exportAll(handlers)).map((f) => f.name)).toEqual(['Stratechery - CON.md']);
  });
});

describe('the newer copy wins', () => {
  const record = sampleRecord();
  const existing = { record, updatedAt: '2025-01-01T00:00:00.000Z' };
  it.each<[string, Parameters<typeof mergeDecision>[0], string]>([
    ['same content', { record, changedAt: '2020-01-01T00:00:00Z' }, 'unchanged'],
    ['a newer file', { record: { ...record, quality: 90 }, changedAt: '2026-01-01T00:00:00Z' }, 'updated'],
    ['an older file', { record: { ...record, quality: 90 }, changedAt: '2024-01-01T00:00:00Z' }, 'kept'],
    ['a file of unknown date', { record: { ...record, quality: 90 } }, 'kept'],
  ])('%s', (_name, incoming, action) => {
    const decision = mergeDecision(incoming, existing);
    expect(decision.action).toBe(action);
    expect(decision.reason.length).toBeGreaterThan(10);
  });

  it('in the library: a newer file updates, an older one is kept, and the report says why', async () => {
    const { handlers } = handlersWithStore();
    const text = serializeRecord(sampleRecord());
    await handlers['library/import']({ files: [{ name: 'a.md', text, changedAt: '2025-01-01T00:00:00.000Z' }] }, {});
    const newer = serializeRecord(sampleRecord({ quality: 99 }));
    const older = serializeRecord(sampleRecord({ quality: 1 }));
    const { entries } = await handlers['library/import']({ files: [
      { name: 'older.md', text: older, changedAt: '2024-06-01T00:00:00.000Z' },
      { name: 'newer.md', text: newer, changedAt: '2026-06-01T00:00:00.000Z' },
      { name: 'same.md', text: newer },
    ] }, {});
    expect(entries.map((e) => e.action)).toEqual(['kept', 'updated', 'unchanged']);
    expect(entries[0]!.reason).toMatch(/library's copy .* is newer/);
    expect((await handlers['library/list']({}, {})).records[0]!.record.quality).toBe(99);
  });
});

describe('zips', () => {
  it('reads a zip from another tool: nested folders and odd names; skips other files and zip-slip entries', async () => {
    const record = serializeRecord(sampleRecord());
    const zip = zipSync({
      'notes/2024/a record.md': strToU8(record),
      'notes/ünï cödé ✓.MD': strToU8(record.replace('/meta-ai/', '/other/')),
      'notes/image.png': new Uint8Array([1, 2, 3]),
      '../x.md': strToU8(record),
      'notes/../../y.md': strToU8(record),
      '.hidden.md': strToU8(record),
      '__MACOSX/notes/._a.md': strToU8('junk'),
      'empty/': new Uint8Array(),
    });
    const contents = await readZip(zip);
    expect(contents.records.map((r) => r.name)).toEqual(['notes/2024/a record.md', 'notes/ünï cödé ✓.MD']);
    expect(contents.skipped).toEqual(expect.arrayContaining([
      { name: '../x.md', reason: expect.stringMatching(/zip-slip/) },
      { name: 'notes/../../y.md', reason: expect.stringMatching(/zip-slip/) },
      { name: 'notes/image.png', reason: 'not a .md record file' },
    ]));
  });

  it('refuses a truncated zip whole, with a clear message', async () => {
    const zip = zipSync({ 'a.md': strToU8(serializeRecord(sampleRecord())), 'b.md': strToU8('x'.repeat(5000)) });
    await expect(readZip(zip.slice(0, Math.floor(zip.length / 2)))).rejects.toThrow(/is not a readable zip.*nothing was imported/);
  });

  it('the streamed writer makes a zip the reader reads back', async () => {
    const chunks: Uint8Array[] = [];
    let finished = false;
    const writer = createZipWriter((chunk, final) => { chunks.push(chunk); finished ||= final; });
    writer.add('a.md', 'first');
    writer.add('b/ü.md', 'second ✓');
    writer.finish();
    expect(finished).toBe(true);
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
    expect((await readZip(bytes)).records.map((r) => [r.name, new TextDecoder().decode(r.bytes)])).toEqual([['a.md', 'first'], ['b/ü.md', 'second ✓']]);
  });
});

describe('backups', () => {
  it('refuses a backup from a future version, and changes nothing', () => {
    const text = JSON.stringify({ format: 'lede-backup', version: BACKUP_VERSION + 1, records: [] });
    expect(() => readBackup(text)).toThrow(/newer Lede \(backup version 2\).*Nothing was imported/);
  });

  it.each([['not json', '{'], ['another JSON file', '{"a": 1}'], ['a damaged row', '{"format":"lede-backup","version":1,"records":[{"text":1}]}']])(
    'refuses %s with a clear message', (_name, text) => {
      expect(() => readBackup(text)).toThrow(/Lede backup/);
    });

  it('never writes a setting that could hold a key', () => {
    const settings = backupSettings({ defaultQuality: 5, encryptionKey: 'secret', passphrase: 'x' }, ['defaultQuality', 'encryptionKey', 'passphrase']);
    expect(settings).toEqual({ defaultQuality: 5 });
  });

  it('a backup written in pieces reads back with its times and names', () => {
    const rows = [{ text: 'a', savedAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-02T00:00:00.000Z', fileName: 'a.md' },
      { text: 'b', savedAt: '2024-01-03T00:00:00.000Z', updatedAt: '2024-01-04T00:00:00.000Z' }];
    const text = backupHead('2024-02-01T00:00:00.000Z', { defaultQuality: 5 }) + rows.map((r, i) => backupRecordJson(r, i === 0)).join('') + BACKUP_END;
    expect(readBackup(text)).toMatchObject({ version: 1, settings: { defaultQuality: 5 }, records: rows });
  });
});

describe('export → import round trip', () => {
  const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('"', "'", ': ', '#x', '---', 'a\n---\nb', '\r\n', '😀', 'yes', 'null', '010', ' lead', '\u202e', '<b>x</b>', '__proto__'));
  const nonBlank = text.filter((s) => s.trim() !== '');
  const extraKey = text.filter((k) => k.trim() !== '' && !['category', 'title', 'excerpt', 'publishedDateTime', 'originalUrl', 'webUrl',
    'type', 'quality', 'heat', 'published', 'provider', 'topics', 'related', 'secured'].includes(k));
  const record = (i: number) => fc.record({
    title: nonBlank, excerpt: text, category: text, type: text, heat: fc.integer({ min: -1, max: 1000 }),
    topics: fc.uniqueArray(nonBlank, { maxLength: 3 }),
    extra: fc.option(fc.dictionary(extraKey, fc.oneof(text, fc.integer(), fc.array(text, { maxLength: 2 })), { minKeys: 1, maxKeys: 2 }), { nil: undefined }),
  }).map((fields): LedeRecord => {
    const r = sampleRecord({ ...fields, originalUrl: `https://example.com/${i}`, webUrl: `https://example.com/${i}` });
    if (!fields.extra) delete r.extra;
    return r;
  });

  it('a generated library with unknown keys and hostile strings goes out as a zip and comes back equal', async () => {
    const n = propertyRuns(300);
    const records = fc.sample(fc.tuple(...Array.from({ length: n }, (_, i) => record(i))), { numRuns: 1, seed: 9 })[0]!;
    const from = handlersWithStore().handlers;
    const files: ImportFile[] = records.map((r, i) => ({ name: `${i}.md`, text: serializeRecord(r) }));
    const first = await from['library/import']({ files }, {});
    expect(first.entries.filter((e) => e.action !== 'imported')).toEqual([]);

    const chunks: Uint8Array[] = [];
    const writer = createZipWriter((chunk) => chunks.push(chunk));
    for (const file of await exportAll(from)) writer.add(file.name, file.text);
    writer.finish();
    const zip = new Uint8Array(Buffer.concat(chunks));
    const contents = await readZip(zip);
    expect(contents.records).toHaveLength(n);
    expect(new Set(contents.records.map((r) => r.name.toLowerCase())).size).toBe(n);

    const to = handlersWithStore().handlers;
    const back = await to['library/import']({ files: contents.records.map((r) => ({ name: r.name, text: new TextDecoder().decode(r.bytes) })) }, {});
    expect(back.entries.filter((e) => e.action !== 'imported')).toEqual([]);
    // Every record, not a first page: a listing is newest first, and the two libraries saved them at other times.
    const texts = async (h: typeof to, exportId: string) => (await exportAll(h, exportId)).map((file) => file.text).sort();
    expect(await texts(to, 'to')).toEqual(await texts(from, 'from'));
  });
});
