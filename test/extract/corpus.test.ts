// The labelled corpus (../shared/corpus/dev) scored with the shared scorer's own rules: a field that
// drops below its floor fails, and so does any page that passed a field before (corpus-passing.json).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFromHtml, registrableDomain } from '../../src/extract/node.js';
import { settleExtraction } from '../../src/extract/to-record.js';
import { sharedDir } from '../shared.js';

const corpus = join(sharedDir, 'corpus');
const present = existsSync(join(corpus, 'score.mjs')) && existsSync(join(corpus, 'dev', 'labels.json'));
if (!present) console.warn(`skipped: the extraction corpus test needs ${corpus} (score.mjs and dev/), which this machine lacks`);

/**
 * The pages that pass each field, kept in the repo and changed on purpose: after an improvement,
 * `LEDE_UPDATE_PASSING=1 npx vitest run --project unit test/extract/corpus.test.ts` rewrites it
 * (and the diff shows which pages were won or lost).
 */
const PASSING_FILE = fileURLToPath(new URL('./corpus-passing.json', import.meta.url));

/** Floors per field on the dev split (the targets), and pages with every field right. */
const FLOORS = { title: 0.98, date: 0.97, provider: 0.99, domain: 1, excerpt: 0.98 };
const ALL_RIGHT_FLOOR = 84;

interface Label { id: string; file: string; url: string }
type Scorer = (label: Label, out: unknown) => { res: Record<string, boolean | null> };

(present ? describe : describe.skip)('extraction over the labelled corpus (dev split)', () => {
  it('meets the per-field floors and keeps every page that passed a field before', async () => {
    const { scorePage } = (await import(pathToFileURL(join(corpus, 'score.mjs')).href)) as { scorePage: Scorer };
    const labels = JSON.parse(readFileSync(join(corpus, 'dev', 'labels.json'), 'utf8')) as Label[];
    const passing: Record<string, string[]> = {};
    const totals: Record<string, { ok: number; n: number; failed: string[] }> = {};
    let allRight = 0;
    for (const label of labels) {
      const html = readFileSync(join(corpus, 'dev', label.file), 'utf8');
      // What `lede extract --json` prints (and the popup is given): the extraction settled.
      const { res } = scorePage(label, settleExtraction(extractFromHtml(html, label.url), registrableDomain));
      let right = true;
      for (const [field, ok] of Object.entries(res)) {
        if (ok === null) continue;
        const t = (totals[field] ??= { ok: 0, n: 0, failed: [] });
        t.n++;
        if (ok) {
          t.ok++;
          (passing[field] ??= []).push(label.id);
        } else {
          t.failed.push(label.id);
          right = false;
        }
      }
      if (right) allRight++;
    }
    if (process.env.LEDE_UPDATE_PASSING) writeFileSync(PASSING_FILE, JSON.stringify(passing, null, 2) + '\n');
    const before = JSON.parse(readFileSync(PASSING_FILE, 'utf8')) as Record<string, string[]>;
    for (const [field, ids] of Object.entries(before)) {
      const now = new Set(passing[field] ?? []);
      expect(ids.filter((id) => !now.has(id)), `${field}: pages that passed before and fail now`).toEqual([]);
    }
    for (const [field, floor] of Object.entries(FLOORS)) {
      const t = totals[field]!;
      expect(t.ok / t.n, `${field}: failed on ${t.failed.join(', ')}`).toBeGreaterThanOrEqual(floor);
    }
    expect(allRight, 'pages with every field right').toBeGreaterThanOrEqual(ALL_RIGHT_FLOOR);
  }, 180_000);
});
