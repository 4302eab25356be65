// Records out and back in, in real Chromium: export the library as a .zip (the file checked on disk), import
// it into a fresh profile from the library page's file picker, the report shown, and the two libraries equal.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeRecord } from '../../src/record/index.js';
import { readZip } from '../../src/transfer/zip-read.js';
import { sampleRecord } from '../record/fixtures.js';
import { sharedDir, hasShared } from '../shared.js';
import { launchChromium, type ChromiumSession } from './harness/chromium.js';
import { artifactPath, missing } from './harness/paths.js';

const why = missing('chromium');
const downloads = mkdtempSync(join(tmpdir(), 'lede-transfer-'));

/** Another tool's record: unknown keys, its own key order; must come back byte for byte. */
const OTHER = `---
title: 'From another tool'
x-tool: {id: 7}
originalUrl: "https://other.example/story"
excerpt: "${'Long standfirst. '.repeat(14).trim()}"
---

Body.
`;

const files = [
  { name: 'other.md', text: OTHER },
  ...(hasShared ? [{ name: 'seed-record.md', text: readFileSync(join(sharedDir, 'fixtures', 'seed-record.md'), 'utf8') }] : []),
  ...Array.from({ length: 30 }, (_, i) => ({
    name: `r${i}.md`,
    text: serializeRecord(sampleRecord({ title: i % 2 ? 'Same title' : `Record <b>${i}</b>`, originalUrl: `https://example.com/${i}`, webUrl: `https://example.com/${i}` })),
  })),
];

async function libraryOf(session: ChromiumSession): Promise<Array<[string, string]>> {
  const page = await session.context.newPage();
  await page.goto(`${session.extensionOrigin}/pages/library/library.html`);
  const texts = await page.evaluate(async () => {
    const out: Array<[string, string]> = [];
    for (let offset = 0; ; offset += 200) {
      const answer = await (globalThis as any).chrome.runtime.sendMessage({ lede: 1, type: 'library/files', payload: { exportId: 'check', offset, limit: 200 } });
      out.push(...answer.files.map((f: { name: string; text: string }) => [f.name, f.text]));
      if (offset + 200 >= answer.total) break;
    }
    return out;
  });
  await page.close();
  return texts.sort();
}

describe.skipIf(why)('export and import in Chromium', () => {
  let first: ChromiumSession;
  let second: ChromiumSession;
  let zipPath = '';

  beforeAll(async () => {
    first = await launchChromium();
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('exports the whole library as a .zip of .md files, checked on disk', async () => {
    const page = await first.context.newPage();
    await page.goto(`${first.extensionOrigin}/pages/library/library.html`);
    const answer = await page.evaluate(async (files) => (globalThis as any).chrome.runtime.sendMessage({ lede: 1, type: 'library/import', payload: { files } }), files);
    expect(answer.entries.filter((e: { action: string }) => e.action !== 'imported')).toEqual([]);
    await page.reload();
    await page.waitForSelector('#records .record');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-zip')]);
    expect(download.suggestedFilename()).toMatch(/^lede-library-\d{4}-\d{2}-\d{2}\.zip$/);
    zipPath = join(downloads, download.suggestedFilename());
    await download.saveAs(zipPath);
    await page.waitForSelector('#transfer', { state: 'hidden' });
    await page.screenshot({ path: artifactPath('chromium-transfer-exported.png') });

    const contents = readZip(new Uint8Array(readFileSync(zipPath)));
    expect(contents.records).toHaveLength(files.length);
    const byText = new Map(contents.records.map((r) => [new TextDecoder().decode(r.bytes), r.name]));
    expect(byText.has(OTHER)).toBe(true); // another tool's record, byte for byte
    for (const file of files) expect(byText.has(file.text), file.name).toBe(true);
    const names = contents.records.map((r) => r.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names).toContain('2024-02-29-same-title.md');
    expect(names.filter((n) => /^2024-02-29-same-title-[0-9a-z]{6}\.md$/.test(n))).toHaveLength(14);
    await page.close();
  });

  it('imports that zip into a fresh profile from the file picker: the report is shown and the libraries are equal', async () => {
    second = await launchChromium();
    const page = await second.context.newPage();
    await page.goto(`${second.extensionOrigin}/pages/library/library.html`);
    await page.waitForSelector('#empty:not([hidden])');
    await page.setInputFiles('#import-files', zipPath);
    await page.waitForSelector('#import-report:not([hidden])', { timeout: 60_000 });
    const summary = await page.textContent('#import-summary');
    expect(summary).toContain(`Imported ${files.length}, updated 0, unchanged 0`);
    expect(summary).toContain('rejected 0');
    await page.waitForFunction((n) => document.querySelectorAll('#records .record').length === Math.min(n, 50), files.length);
    await page.screenshot({ path: artifactPath('chromium-transfer-imported.png'), fullPage: false });
    expect(await libraryOf(second)).toEqual(await libraryOf(first));

    // The same zip again: every record unchanged, nothing written.
    await page.click('#import-report-close');
    await page.setInputFiles('#import-files', zipPath);
    await page.waitForFunction(() => /unchanged \d+/.test(document.getElementById('import-summary')?.textContent ?? '') &&
      !document.getElementById('import-report')!.hidden && document.getElementById('transfer')!.hidden);
    expect(await page.textContent('#import-summary')).toContain(`Imported 0, updated 0, unchanged ${files.length}`);
    await page.close();
  });

  it('a bad file is rejected with file:line: key: message, a future backup is refused, the rest imports', async () => {
    const page = await second.context.newPage();
    await page.goto(`${second.extensionOrigin}/pages/library/library.html`);
    const bad = { name: 'bad.md', mimeType: 'text/markdown', buffer: Buffer.from(files[2]!.text.replace('quality: 50', 'quality: high').replace('/2"', '/new"')) };
    const future = { name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'lede-backup', version: 99, records: [] })) };
    const good = { name: 'new.md', mimeType: 'text/markdown', buffer: Buffer.from(serializeRecord(sampleRecord({ title: 'Brand new', originalUrl: 'https://example.com/new-one', webUrl: 'https://example.com/new-one' }))) };
    await page.setInputFiles('#import-files', [bad, future, good]);
    await page.waitForSelector('#import-report:not([hidden])');
    expect(await page.textContent('#import-summary')).toContain('Imported 1, updated 0, unchanged 0, kept the library\'s newer copy 0, rejected 2');
    const lines = await page.$$eval('#import-list > li', (items) => items.map((li) => li.textContent ?? ''));
    expect(lines.join('\n')).toMatch(/bad\.md:\d+: quality: must be a whole number from 0 to 100, not "high"/);
    expect(lines.join('\n')).toMatch(/future\.json: was made by a newer Lede \(backup version 99\)/);
    await page.screenshot({ path: artifactPath('chromium-transfer-report.png') });
    await page.close();
  });
});
