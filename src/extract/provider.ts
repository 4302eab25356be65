// The publication: its display name (declared, else from the title, else the domain) and its domain.
import { firstMeta, type Page } from './page.js';
import { isSiteLike, type NameCandidate } from './site-names.js';
import { splitTitle } from './title.js';

/** Hosting platforms whose subdomains are different publishers, beyond the public suffix list. */
const PLATFORMS = /\.(?:tumblr\.com|pixnet\.net|wordpress\.com|livejournal\.com|typepad\.com|hatenablog\.com|over-blog\.com|substack\.com|ghost\.io|wixsite\.com|blogspot\.[a-z.]+)$/;

/** Without a public-suffix list: the host minus `www.`; the caller may pass a real one. */
export function hostDomain(host: string): string {
  return host.toLowerCase().replace(/^www\d*\./, '').replace(/\.$/, '');
}

/** `user.tumblr.com` stays whole: on a blog platform the subdomain is the publisher. */
export function platformDomain(host: string): string | null {
  const h = hostDomain(host);
  const m = PLATFORMS.exec(h);
  if (!m) return null;
  const user = h.slice(0, m.index).split('.').pop();
  return user ? `${user}${m[0]}` : null;
}

/** A name that is only a description (`Breaking news, sport and weather from…`) is not a name. */
function nameLike(name: string): boolean {
  return name.length >= 2 && name.length <= 60 && name.split(/\s+/).length <= 8 && !/^https?:/i.test(name) && !/^\d+$/.test(name);
}

/** Site-like pieces at either end of the page's titles (`Silicon Exposed: …`, `… · V8`). */
function titleSiteName(page: Page, hints: string[], removed: string[]): string {
  const titles = [page.title, firstMeta(page, ['og:title'])?.value ?? ''];
  for (const title of titles) {
    const { pieces } = splitTitle(title);
    if (pieces.length < 2) continue;
    for (const piece of [pieces[pieces.length - 1]!, pieces[0]!]) {
      if (nameLike(piece.trim()) && isSiteLike(piece, [], hints)) return piece.trim();
    }
  }
  const site = [...removed].reverse().find((p) => nameLike(p) && isSiteLike(p, [], hints));
  // Else the last piece cut from the end of the title: `Headline — Site` is the common shape.
  const last = removed[removed.length - 1]?.trim() ?? '';
  return site ?? (nameLike(last) && page.title.trim().endsWith(last) ? last : '');
}

export function pickProviderName(page: Page, declared: NameCandidate[], removedFromTitle: string[], domain: string, hints: string[]): { name: string; source: string } {
  const good = declared.filter((c) => nameLike(c.name));
  if (good.length) return { name: good[0]!.name, source: good[0]!.source };
  const fromTitle = titleSiteName(page, hints, removedFromTitle);
  if (fromTitle) return { name: fromTitle, source: 'title' };
  if (page.url && domain) return { name: domain, source: 'domain' };
  return { name: '', source: 'none' };
}
