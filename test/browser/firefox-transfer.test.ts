// Records out and back in, in real Firefox: export the library as a .zip (checked in the download folder),
// import it into a fresh profile from the library page's file picker, the report shown, both libraries equal.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from './harness/firefox.js';
import { artifactPath, missing } from './harness/paths.js';
import { until } from './harness/session.js';
import { checkExportedZip, importInPage, libraryFilesInPage, transferFiles } from './harness/transfer-files.js';

const why = missing('firefox');

describe.skipIf(why)('export and import in Firefox', () => {
  let first: FirefoxSession;
  let second: FirefoxSession;
  let zip: Uint8Array;
  let zipPath = '';

  beforeAll(async () => {
    first = await launchFirefox();
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('exports the whole library as a .zip of .md files, checked on disk', async () => {
    const page = await first.openRawExtensionPage('pages/library/library.html');
    expect(new Set(await page.evaluate(importInPage, transferFiles))).toEqual(new Set(['imported']));
    await page.evaluate(() => location.reload());
    await until('the library to list', () => page.evaluate(() => document.querySelectorAll('#records .record').length > 0).catch(() => false));
    await page.click('#export-zip');
    zipPath = await until('the zip in the download folder', async () => {
      const name = readdirSync(first.downloads).find((n) => /^lede-library-\d{4}-\d{2}-\d{2}\.zip$/.test(n));
      return name && !existsSync(join(first.downloads, `${name}.part`)) ? join(first.downloads, name) : undefined;
    }, 60_000);
    zip = new Uint8Array(await until('the whole zip', async () => {
      const bytes = readFileSync(zipPath);
      return bytes.length > 22 && bytes.readUInt32LE(bytes.length - 22) === 0x06054b50 ? bytes : undefined;
    }));
    expect(await checkExportedZip(zip)).toEqual([]);
    await page.screenshot({ path: artifactPath('firefox-transfer-exported.png') });
  });

  it('imports that zip into a fresh profile from the file picker: the report is shown and the libraries are equal', async () => {
    second = await launchFirefox();
    const page = await second.openRawExtensionPage('pages/library/library.html');
    await until('the empty library', () => page.evaluate(() => !document.getElementById('empty')!.hidden));
    const input = await page.$('#import-files');
    await (input as any).uploadFile(zipPath);
    await until('the import report', () => page.evaluate(() => !document.getElementById('import-report')!.hidden), 60_000);
    const summary = await page.evaluate(() => document.getElementById('import-summary')!.textContent ?? '');
    expect(summary).toContain(`Imported ${transferFiles.length}, updated 0, unchanged 0`);
    expect(summary).toContain('rejected 0');
    await page.screenshot({ path: artifactPath('firefox-transfer-imported.png') });
    const pageOfFirst = await first.openRawExtensionPage('pages/library/library.html');
    expect(await page.evaluate(libraryFilesInPage)).toEqual(await pageOfFirst.evaluate(libraryFilesInPage));
  });
});
