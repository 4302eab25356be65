// The brand's own spelling of its domain name (`WebMD` for webmd.com), read from the logo or the
// copyright line: the article stage's fallback when the page declares no site name at all.
import { firstMeta, type Page } from './page.js';
import { cleanText, squash } from './text.js';
import { splitTitle } from './title.js';

function nameLike(name: string): boolean {
  return name.length >= 2 && name.length <= 60 && name.split(/\s+/).length <= 8 && !/^https?:/i.test(name);
}

/** The logo's alt text or the copyright line, when it names the domain: the brand's own casing. */
export function brandFromPage(page: Page, label: string): string {
  if (label.length < 2) return '';
  const logo = page.doc.querySelector('[class*="logo"] img[alt], img[class*="logo"][alt], [id*="logo"] img[alt], a[class*="brand"] img[alt]');
  const alt = cleanText(logo?.getAttribute('alt') ?? '');
  // `WebMD: Better information. Better health.`: the piece that holds the domain's name.
  const piece = splitTitle(alt).pieces.map((p) => p.trim()).find((p) => squash(p).includes(squash(label)));
  if (piece && nameLike(piece) && piece.split(/\s+/).length <= 4) return piece.replace(/\s+(?:logo|home|homepage)$/i, '');
  // The spelling the page itself uses most (`IETF`, `Yahoo`), when it is not just the lower-case host.
  const text = [firstMeta(page, ['copyright', 'author'])?.value ?? '', page.title, (page.doc.body?.textContent ?? '').slice(0, 100_000)].join(' ');
  const counts = new Map<string, number>();
  const word = new RegExp(`(?<![\\p{L}\\p{N}.])${label.replace(/[^a-z0-9]/gi, '.')}(?![\\p{L}\\p{N}]|\\.[a-z])`, 'giu');
  for (const m of text.matchAll(word)) if (m[0] !== label.toLowerCase()) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  let best = '';
  for (const [spelling, n] of counts) if (n > (counts.get(best) ?? 0)) best = spelling;
  return best;
}

