// `lede extract --explain`: each field's candidates, where each was read, and why the winner won,
// from the engine's own readers and rules (nothing here decides a field).
import { declaredDates, type DateCandidate } from './date-declared.js';
import { toUtcText } from './date-machine.js';
import { parseDateText } from './date-text.js';
import { DATE_TRUST } from './date-trust.js';
import { visibleDates } from './date-visible.js';
import { descriptions } from './excerpt.js';
import { readPage } from './page.js';
import { siteHints, siteNameCandidates } from './site-names.js';
import { pickTitle } from './title.js';
import type { Extraction } from './types.js';

const TRUST_NAMES = new Map<number, string>(Object.entries(DATE_TRUST).map(([name, rank]) => [rank, name]));

function dateLine(c: DateCandidate): string {
  const written = toUtcText(c.parts, c.parts.h == null);
  const zone = c.parts.h == null ? 'day only' : c.parts.offset == null ? 'no zone' : `offset ${c.parts.offset} min`;
  return `  ${written}  trust ${c.rank} (${TRUST_NAMES.get(c.rank) ?? '?'})  from ${c.source}  [${zone}]`;
}

/** A plain-text account of the extraction of `doc`: the winner of each field, then its candidates. */
export function explainExtraction(doc: Document, url: string, extraction: Extraction, domain: string): string {
  const page = readPage(doc, url);
  const names = siteNameCandidates(page);
  const title = pickTitle(page, names.map((n) => n.name), siteHints(page, domain));
  const out: string[] = [];
  const s = extraction.sources;
  out.push(`title: ${JSON.stringify(extraction.title)}  (from ${s.title})`);
  out.push('  why: the version most sources vote for, pieces that name the site or a section cut; then checked against the h1 the page shows (its casing, its kicker, its wording).');
  const votes = [...title?.votes ?? []].sort((a, b) => b.score - a.score).slice(0, 6);
  for (const v of votes) out.push(`  ${v.score.toFixed(2).padStart(5)}  ${JSON.stringify(v.text)}  (best from ${v.source})`);

  out.push('', `publishedDateTime: ${extraction.publishedDateTime ?? 'none'}  (from ${s.publishedDateTime})`);
  out.push('  why: the lowest trust rank wins (1 declared published … 5 relative); among ranks 1–2 the earliest, among 3+ the first on the page;');
  out.push('  a declared date gives way when the page shows another day beside its headline; a time without a zone takes the page\'s zone, or keeps only its day.');
  const dates = [...declaredDates(page, parseDateText), ...visibleDates(page, extraction.title)];
  if (!dates.length) out.push('  (no date found on the page)');
  for (const c of dates.slice(0, 20)) out.push(dateLine(c));
  const shown = dates.find((c) => c.shownDays)?.shownDays ?? [];
  if (shown.length) out.push(`  days shown beside the headline: ${shown.map((p) => toUtcText(p, true).slice(0, 10)).join(', ')}`);

  out.push('', `excerpt: ${JSON.stringify(extraction.excerpt)}  (from ${s.excerpt})`);
  out.push('  why: the first description that is not boilerplate, the headline again or the site\'s tagline; else the standfirst, Readability\'s paragraph or the first prose paragraph.');
  for (const d of descriptions(page).filter((d) => d.text).slice(0, 6)) out.push(`  ${d.source}: ${JSON.stringify(d.text.slice(0, 160))}`);

  out.push('', `provider: ${JSON.stringify(extraction.provider.name)} at ${extraction.provider.domain}  (name from ${s.providerName}, domain from ${s.providerDomain})`);
  out.push('  why: the first name the page declares for its site; the domain\'s own label only when it declares none.');
  for (const n of names) out.push(`  ${n.source}: ${JSON.stringify(n.name)}`);
  return out.join('\n') + '\n';
}
