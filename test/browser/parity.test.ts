// Popup and CLI give the same record: the pages of both dev splits are served at their own addresses
// (the fixture server is Chromium's proxy for every host), read by the real popup, and compared field
// by field with `lede extract` on the same file at the same address. Every page of `dev` (88); of
// `trafilatura-dev` (323) every fourth in its labels.json order (81 pages, from 309 sites: a spread
// of sites and languages, the same pages on every run), or all with LEDE_PARITY_ALL=1.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runExtract } from '../../src/cli/extract.js';
import { parseRecord } from '../../src/record/index.js';
import { launchChromium, type ChromiumSession } from './harness/chromium.js';
import { corpusDir, corpusMissing, missing, trafilaturaDir } from './harness/paths.js';
import { openPopup, readForm } from './harness/ui.js';

interface Label { id: string; file: string; url: string; dir: string }

/** The fields the popup shows, as the record would hold them. */
interface Fields {
  title: string | null;
  excerpt: string | null;
  publishedDateTime: string | null;
  type: string | null;
  providerName: string | null;
  providerDomain: string | null;
  originalUrl: string | null;
  webUrl: string | null;
}

/** `lede extract --url URL FILE` run in-process (the command's own code), its record read back. */
async function cliFields(file: string, url: string): Promise<Fields> {
  let out = '';
  const code = await runExtract(['--url', url, file], { out: (text) => { out += text; }, err: () => undefined });
  expect(code).toBe(0);
  const parsed = parseRecord(out);
  if (!parsed.ok) throw new Error(`lede extract gave an unreadable record for ${file}`);
  const r = parsed.record;
  return { title: r.title, excerpt: r.excerpt, publishedDateTime: r.publishedDateTime, type: r.type,
    providerName: r.provider.name, providerDomain: r.provider.domain, originalUrl: r.originalUrl, webUrl: r.webUrl };
}

const why = missing('chromium') ?? corpusMissing();
/** LEDE_PARITY_ONLY=id,id runs a few pages while working on them; a full run must compare at least 60. */
const only = process.env.LEDE_PARITY_ONLY?.split(',');
const every = process.env.LEDE_PARITY_ALL ? 1 : 4;
function split(dir: string, step: number): Label[] {
  if (!existsSync(join(dir, 'labels.json'))) return [];
  return (JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Label[])
    .filter((_, i) => i % step === 0).map((label) => ({ ...label, dir }));
}
const labels: Label[] = why ? [] : [...split(corpusDir, 1), ...split(trafilaturaDir, every)]
  .filter((label) => !only || only.includes(label.id));
if (!why && !existsSync(trafilaturaDir)) console.warn(`parity: ${trafilaturaDir} is missing, so only the dev split is compared`);

(why ? describe.skip : describe)('popup and lede extract agree on the pages of both dev splits (chromium)', () => {
  let session: ChromiumSession;
  beforeAll(async () => {
    session = await launchChromium();
  });
  afterAll(async () => {
    await session?.close();
  });

  test('field by field, page by page', async () => {
    const compared: string[] = [];
    const unreachable: string[] = [];
    const differences: string[] = [];
    for (const label of labels) {
      // The fixture server speaks http only: the page is read at the http form of its address.
      const url = label.url.replace(/^https:/, 'http:');
      let opened;
      try {
        opened = await session.openTab(url);
      } catch {
        // Hosts on the browser's HSTS preload list are forced to https, which the fixture server cannot serve.
        unreachable.push(label.id);
        continue;
      }
      const popup = await openPopup(session, opened.tabId);
      const form = await readForm(popup);
      const webUrl = await popup.evaluate(() => (document.getElementById('web-url') as HTMLInputElement | null)?.value ?? null);
      await popup.close();
      await opened.page.close();
      if (form.state !== 'editing') {
        differences.push(`${label.id}: popup shows no record (${form.state}: ${form.message})`);
        continue;
      }
      const shown: Fields = {
        title: form.title, excerpt: form.excerpt, type: form.type, providerName: form.providerName,
        providerDomain: form.providerDomain, originalUrl: form.originalUrl, webUrl,
        publishedDateTime: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/.exec(form.dateUtc ?? '')?.[0] ?? null,
      };
      const cli = await cliFields(join(label.dir, label.file), url);
      for (const key of Object.keys(cli) as (keyof Fields)[]) {
        if (shown[key] !== cli[key]) differences.push(`${label.id} ${key}: popup ${JSON.stringify(shown[key])} ≠ cli ${JSON.stringify(cli[key])}`);
      }
      compared.push(label.id);
    }
    console.log(`parity: ${compared.length} pages compared, ${unreachable.length} unreachable over http (${unreachable.join(', ')})`);
    expect(differences).toEqual([]);
    // Most of the corpus must really be compared, not skipped.
    expect(compared.length).toBeGreaterThanOrEqual(only ? 1 : 60 + (existsSync(trafilaturaDir) ? 40 : 0));
  }, 1_800_000);
});
