// Answers bounded by bytes (issue 19, case 1), a backup's settings offered as a diff (case 8), and the
// question an interrupted import asks (case 15): which of its files the library holds.
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { ANSWER_CHARS_MAX } from '../../src/background/transfer.js';
import { RECORD_SIZE_RULE, serializeRecord } from '../../src/record/index.js';
import { defaultSettings } from '../../src/shared/settings.js';
import { settingsChanges } from '../../src/transfer/backup.js';
import { readRecordFile, recordDigest } from '../../src/transfer/read-file.js';
import { makeDeps, sampleRecord } from '../background/fakes.js';

const big = (i: number) => serializeRecord(sampleRecord({
  title: `Big ${i}`, originalUrl: `https://example.com/big/${i}`, webUrl: `https://example.com/big/${i}`, body: `${i}`.padEnd(7.5 * 1024 * 1024, 'b'),
}));

describe('eleven records of 7.5 MB', () => {
  it('are listed and exported in answers that each stay under the budget', async () => {
    const handlers = createHandlers(makeDeps());
    for (let i = 0; i < 11; i++) {
      const answer = await handlers['library/import']({ files: [{ name: `${i}.md`, text: big(i) }] }, {});
      expect(answer.entries[0]!.action).toBe('imported');
    }
    const listed: string[] = [];
    for (let offset = 0; listed.length < 11;) {
      const page = await handlers['library/list']({ offset, limit: 50 }, {});
      expect(JSON.stringify(page).length).toBeLessThan(ANSWER_CHARS_MAX + 1024 * 1024);
      expect(page.total).toBe(11);
      expect(page.records.length).toBeGreaterThan(0);
      listed.push(...page.records.map((r) => r.id));
      offset += page.records.length;
    }
    expect(new Set(listed).size).toBe(11);
    const texts: string[] = [];
    for (let offset = 0; texts.length < 11;) {
      const slice = await handlers['library/files']({ exportId: 'x', offset, limit: 200 }, {});
      expect(JSON.stringify(slice).length).toBeLessThan(ANSWER_CHARS_MAX + 1024 * 1024);
      texts.push(...slice.files.map((f) => f.text));
      offset += slice.files.length;
    }
    expect(texts.sort()).toEqual(Array.from({ length: 11 }, (_, i) => big(i)).sort());
  }, 60_000);
});

describe('a backup\'s settings', () => {
  it('are a list of changes for the person to accept, never a silent replacement; a key-like name is never offered', () => {
    const current = { ...defaultSettings };
    const backup = { ...defaultSettings, categories: ['news', 'science'], fileNameTemplate: '{title}', passphrase: 'x' };
    expect(settingsChanges(current, backup, [...Object.keys(defaultSettings), 'passphrase'])).toEqual([
      { name: 'categories', now: defaultSettings.categories, backup: ['news', 'science'] },
      { name: 'fileNameTemplate', now: defaultSettings.fileNameTemplate, backup: '{title}' },
    ]);
    expect(settingsChanges(current, { ...defaultSettings }, Object.keys(defaultSettings))).toEqual([]);
  });
});

describe('after an interrupted import', () => {
  it('the library says which files it holds as they are, by digest', async () => {
    const handlers = createHandlers(makeDeps());
    const stored = serializeRecord(sampleRecord({ originalUrl: 'https://example.com/in', webUrl: 'https://example.com/in' }));
    await handlers['library/import']({ files: [{ name: 'in.md', text: stored }] }, {});
    const item = (text: string) => {
      const read = readRecordFile('x.md', text);
      if (!read.ok) throw new Error('not a record');
      return { id: read.key, digest: recordDigest(read.record) };
    };
    const other = serializeRecord(sampleRecord({ originalUrl: 'https://example.com/out', webUrl: 'https://example.com/out' }));
    const changed = serializeRecord(sampleRecord({ originalUrl: 'https://example.com/in', webUrl: 'https://example.com/in', title: 'Other' }));
    const answer = await handlers['library/landed']({ items: [item(stored), item(other), item(changed)] }, {});
    expect(answer.landed).toEqual(['https://example.com/in']);
    expect(item(changed).digest).not.toBe(item(stored).digest);
  });
});

describe('a backup brought back', () => {
  it('keeps each record\'s saved and updated times', async () => {
    const handlers = createHandlers(makeDeps());
    const text = serializeRecord(sampleRecord({ originalUrl: 'https://example.com/t', webUrl: 'https://example.com/t' }));
    const times = { savedAt: '2021-05-06T07:08:09.000Z', changedAt: '2022-01-02T03:04:05.000Z' };
    await handlers['library/import']({ files: [{ name: 'backup.json #1', text, ...times, fileName: 't.md' }] }, {});
    const slice = await handlers['library/files']({ exportId: 't', offset: 0, limit: 10 }, {});
    expect(slice.files).toEqual([expect.objectContaining({ name: 't.md', savedAt: times.savedAt, updatedAt: times.changedAt })]);
  });
});

describe('a save past the size contract', () => {
  it('is refused by library/save with the contract\'s message, and nothing is stored', async () => {
    const handlers = createHandlers(makeDeps());
    const record = sampleRecord({ originalUrl: 'https://example.com/many', webUrl: 'https://example.com/many', topics: Array.from({ length: 12_000 }, (_, i) => `topic ${i}`) });
    const answer = await handlers['library/save']({ record }, {});
    expect(answer.ok).toBe(false);
    expect(!answer.ok && 'problems' in answer ? answer.problems[0]!.message : '').toContain(RECORD_SIZE_RULE);
    expect(await handlers['library/get']({ id: 'https://example.com/many' }, {})).toBeNull();
  });
});
