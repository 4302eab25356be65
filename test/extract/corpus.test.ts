// Both labelled dev splits (../shared/corpus/dev, ../shared/corpus/trafilatura-dev) scored with the
// shared scorer's own rules: a field that drops below its floor fails, and so does any page that
// passed a field before (corpus-passing*.json).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { savedPageText } from '../../src/cli/extract.js';
import { extractFromHtml, registrableDomain } from '../../src/extract/node.js';
import { settleExtraction } from '../../src/extract/to-record.js';
import { sharedDir } from '../shared.js';

const corpus = join(sharedDir, 'corpus');

/**
 * The pages that pass each field, kept in the repo and changed on purpose: after an improvement,
 * `LEDE_UPDATE_PASSING=1 npx vitest run --project unit test/extract/corpus.test.ts` rewrites them
 * (and the diff shows which pages were won or lost).
 */
const SPLITS = [
  {
    name: 'dev', passing: 'corpus-passing.json',
    // Floors per field (the targets), and pages with every field right.
    floors: { title: 0.98, date: 0.96, provider: 0.99, domain: 1, excerpt: 0.98 }, allRight: 84,
  },
  {
    // Headlines and days only (no provider or excerpt labels); the floors are where this round left it.
    name: 'trafilatura-dev', passing: 'corpus-passing-trafilatura.json',
    floors: { title: 0.83, date: 0.86, domain: 0.99 }, allRight: 0,
  },
];

interface Label { id: string; file: string; url: string }
type Scorer = (label: Label, out: unknown) => { res: Record<string, boolean | null> };

for (const split of SPLITS) {
  const dir = join(corpus, split.name);
  const present = existsSync(join(corpus, 'score.mjs')) && existsSync(join(dir, 'labels.json'));
  if (!present) console.warn(`skipped: the ${split.name} corpus test needs ${dir} (and score.mjs beside it), which this machine lacks`);
  const passingFile = fileURLToPath(new URL(`./${split.passing}`, import.meta.url));

  (present ? describe : describe.skip)(`extraction over the labelled corpus (${split.name} split)`, () => {
    it('meets the per-field floors and keeps every page that passed a field before', async () => {
      const { scorePage } = (await import(pathToFileURL(join(corpus, 'score.mjs')).href)) as { scorePage: Scorer };
      const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Label[];
      const passing: Record<string, string[]> = {};
      const totals: Record<string, { ok: number; n: number; failed: string[] }> = {};
      let allRight = 0;
      for (const label of labels) {
        // Read as `lede extract` reads a saved page (its charset), then what `--json` prints: the extraction settled.
        const html = savedPageText(readFileSync(join(dir, label.file)), label.file);
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
      if (process.env.LEDE_UPDATE_PASSING) writeFileSync(passingFile, JSON.stringify(passing, null, 2) + '\n');
      const before = JSON.parse(readFileSync(passingFile, 'utf8')) as Record<string, string[]>;
      for (const [field, ids] of Object.entries(before)) {
        const now = new Set(passing[field] ?? []);
        expect(ids.filter((id) => !now.has(id)), `${field}: pages that passed before and fail now`).toEqual([]);
      }
      for (const [field, floor] of Object.entries(split.floors)) {
        const t = totals[field]!;
        expect(t.ok / t.n, `${field}: failed on ${t.failed.join(', ')}`).toBeGreaterThanOrEqual(floor);
      }
      expect(allRight, 'pages with every field right').toBeGreaterThanOrEqual(split.allRight);
    }, 300_000);
  });
}
