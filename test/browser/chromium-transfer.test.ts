// Records out and back in, in real Chromium: export the library as a .zip (the file checked on disk), import
// it into a fresh profile from the library page's file picker, the report shown, and the two libraries equal.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeRecord } from '../../src/record/index.js';
import { sampleRecord } from '../record/fixtures.js';
import { launchChromium, type ChromiumSession } from './harness/chromium.js';
import { artifactPath, missing } from './harness/paths.js';
import { checkExportedZip, importInPage, libraryFilesInPage, transferFiles } from './harness/transfer-files.js';

const why = missing('chromium');
const downloads = mkdtempSync(join(tmpdir(), 'lede-transfer-'));

const files = transferFiles;

async function libraryOf(session: ChromiumSession): Promise<Array<[string, string]>> {
  const page = await session.context.newPage();
  await page.goto(`${session.extensionOrigin}/pages/library/library.html`);
  const texts = await page.evaluate(libraryFilesInPage);
  await page.close();
  return texts;
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
    expect(new Set(await page.evaluate(importInPage, files))).toEqual(new Set(['imported']));
    await page.reload();
    await page.waitForSelector('#records .record');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-zip')]);
    expect(download.suggestedFilename()).toMatch(/^lede-library-\d{4}-\d{2}-\d{2}\.zip$/);
    zipPath = join(downloads, download.suggestedFilename());
    await download.saveAs(zipPath);
    await page.waitForSelector('#transfer', { state: 'hidden' });
    await page.screenshot({ path: artifactPath('chromium-transfer-exported.png') });

    expect(await checkExportedZip(new Uint8Array(readFileSync(zipPath)))).toEqual([]);
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

  it('backs up to JSON (checked on disk: versioned, every record, no key-like setting); imported where the same records are, all unchanged, no settings changed unasked', async () => {
    const page = await first.context.newPage();
    await page.goto(`${first.extensionOrigin}/pages/library/library.html`);
    await page.waitForSelector('#records .record');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-backup')]);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    const backup = JSON.parse(readFileSync(path, 'utf8'));
    expect(backup).toMatchObject({ format: 'lede-backup', version: 1 });
    expect(backup.records).toHaveLength(files.length);
    expect(Object.keys(backup.settings).filter((name) => /key|secret|pass/i.test(name))).toEqual([]);
    await page.close();

    // Into the second profile, which holds the same records with later times: nothing changes.
    const target = await second.context.newPage();
    await target.goto(`${second.extensionOrigin}/pages/library/library.html`);
    await target.setInputFiles('#import-files', path);
    await target.waitForSelector('#import-report:not([hidden])');
    expect(await target.textContent('#import-summary')).toContain(`Imported 0, updated 0, unchanged ${files.length}`);
    // The same settings on both sides: nothing to offer, and nothing was changed without the person.
    expect(await target.locator('#import-settings').count()).toBe(0);
    expect(await target.textContent('#import-summary')).not.toContain('settings were restored');
    await target.close();
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
