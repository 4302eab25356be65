// The publication: its display name (declared, else from the title, else the domain) and its domain.
import type { Page } from './page.js';
import { isSiteLike, type NameCandidate } from './site-names.js';

/** Without a public-suffix list: the host minus `www.`; the caller may pass a real one. */
export function hostDomain(host: string): string {
  return host.toLowerCase().replace(/^www\d*\./, '').replace(/\.$/, '');
}

/** A name that is only a description (`Breaking news, sport and weather from…`) is not a name. */
function nameLike(name: string): boolean {
  return name.length <= 60 && name.split(/\s+/).length <= 8 && !/^https?:/i.test(name);
}

export function pickProviderName(page: Page, declared: NameCandidate[], removedFromTitle: string[], domain: string, hints: string[]): { name: string; source: string } {
  const good = declared.filter((c) => nameLike(c.name));
  if (good.length) return { name: good[0]!.name, source: good[0]!.source };
  // Pieces a title adds (`… | Site`): the last one that looks like the site, else the last one.
  const pieces = removedFromTitle.filter((p) => p.length >= 2 && nameLike(p) && !/^\d+$/.test(p));
  const site = [...pieces].reverse().find((p) => isSiteLike(p, [], hints)) ?? pieces[pieces.length - 1];
  if (site) return { name: site, source: 'title' };
  if (page.url && domain) return { name: domain, source: 'domain' };
  return { name: '', source: 'none' };
}
