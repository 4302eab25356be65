// Names a page gives its own site, and the test whether a piece of a title is one of them.
import { ldString, typesOf } from './jsonld.js';
import { firstMeta, type Page } from './page.js';
import { cleanText, squash } from './text.js';

export interface NameCandidate {
  name: string;
  source: string;
}

/** A URL or bare host given as a name (`http://www.tmz.com`): its host without `www.`. */
function hostAsName(value: string): string {
  const m = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)\/?$/i.exec(value.trim());
  return m ? m[1]!.toLowerCase() : value;
}

function publisherName(page: Page): string {
  // The article's publisher first, then any node's publisher, then the site's own node.
  const nodes = page.article ? [page.article, ...page.ld.slice(0, 60)] : page.ld.slice(0, 60);
  for (const node of nodes) {
    const name = ldString(node['publisher'] ?? node['sourceOrganization'], page.ld);
    if (name) return name;
  }
  const site = page.ld.find((n) => typesOf(n).some((t) => t === 'newsmediaorganization' || t === 'website') && n['name']);
  return site ? ldString(site['name'], page.ld) : '';
}

/** Declared site names, most trusted first. */
export function siteNameCandidates(page: Page): NameCandidate[] {
  const out: NameCandidate[] = [];
  const push = (name: string, source: string) => {
    const clean = hostAsName(cleanText(name));
    if (clean && clean.length <= 80 && !out.some((c) => c.name === clean)) out.push({ name: clean, source });
  };
  const og = firstMeta(page, ['og:site_name']);
  if (og) push(og.value, 'og:site_name');
  const publisher = publisherName(page);
  if (publisher) push(publisher, 'json-ld publisher');
  for (const key of ['application-name', 'apple-mobile-web-app-title', 'al:iphone:app_name', 'dc.publisher', 'publisher']) {
    const m = firstMeta(page, [key]);
    if (m && m.value.length <= 60) push(m.value, key);
  }
  return out;
}

/** Handles and host labels: loose evidence that a title piece names the site. */
export function siteHints(page: Page, domain: string): string[] {
  const hints: string[] = [];
  const handle = firstMeta(page, ['twitter:site', 'twitter:domain'])?.value.replace(/^@/, '');
  if (handle) hints.push(handle);
  const host = page.url?.hostname.replace(/^www\d*\./, '') ?? '';
  // The registrable domain's own label (`nytimes` of nytimes.com, `gmw` of politics.gmw.cn).
  const label = domain.split('.')[0] ?? '';
  if (label) hints.push(label, ...label.split('-').filter((p) => p.length >= 4));
  // Host labels before the domain (`android-developers` of android-developers.googleblog.com).
  for (const part of host.split('.').slice(0, -2)) {
    if (part.length >= 4 && !/^(?:blogs?|news|home|site|www\d*)$/.test(part)) hints.push(part);
  }
  hints.push(domain, host);
  return hints.filter((h) => h.length >= 2);
}

/** True when a title piece is the site's name: equal to, contained in or containing a known name. */
export function isSiteLike(piece: string, names: string[], hints: string[]): boolean {
  const p = squash(piece);
  if (p.length < 2) return false;
  for (const name of names) {
    const n = squash(name);
    if (!n) continue;
    if (p === n || (n.length >= 4 && p.includes(n) && p.length <= n.length * 2 + 4) || (p.length >= 4 && n.includes(p))) return true;
  }
  for (const hint of hints) {
    const h = squash(hint);
    if (p === h) return true;
    if (h.length >= 3 && ((p.includes(h) && p.length <= h.length + 12) || (p.length >= 4 && h.includes(p)))) return true;
  }
  return false;
}
