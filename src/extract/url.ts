// Page addresses: made absolute, limited to http(s), tracking parameters removed; the canonical one chosen.
import { isWebUrl } from '../record/text.js';
import { isTrackingParam } from '../record/url.js';
import { ldString } from './jsonld.js';
import { firstMeta, type Page } from './page.js';

/** An absolute, clean http(s) address from page text, or null for other schemes and garbage. */
export function cleanUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  // Invisible characters and whitespace inside a URL are never part of it.
  const text = raw.replace(/[\s\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]+/g, '');
  if (!text || text.length > 4000 || /^(?:javascript|data|vbscript|file|blob|about):/i.test(text)) return null;
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // forEach, not the iterator: in Firefox content scripts searchParams.keys() is not iterable.
  const keys: string[] = [];
  url.searchParams.forEach((_, key) => keys.push(key));
  for (const key of keys) if (isTrackingParam(key)) url.searchParams.delete(key);
  if (/[#&](?:utm_|xtor|fbclid)/i.test(url.hash)) url.hash = '';
  url.username = '';
  url.password = '';
  const out = url.href.replace(/\?$/, '');
  return isWebUrl(out) ? out : null;
}

function isHome(url: string): boolean {
  try {
    return new URL(url).pathname.replace(/\/(?:index\.\w+)?$/, '') === '';
  } catch {
    return false;
  }
}

/**
 * The canonical link, og:url or structured-data url, in that order; one that points at the
 * site's home page while the reader is deeper in is a template mistake and is skipped.
 */
export function pickOriginalUrl(page: Page, webUrl: string): { url: string; source: string } {
  const candidates: { raw: string | null | undefined; source: string }[] = [];
  const links = page.doc.querySelectorAll('link[rel~="canonical" i], link[rel="canonical"]');
  if (links.length) candidates.push({ raw: links[0]!.getAttribute('href'), source: 'canonical link' });
  candidates.push({ raw: firstMeta(page, ['og:url'])?.value, source: 'og:url' });
  if (page.article) {
    candidates.push({ raw: ldString(page.article['url'], page.ld, '@id'), source: 'json-ld url' });
    candidates.push({ raw: ldString(page.article['mainEntityOfPage'], page.ld, '@id'), source: 'json-ld mainEntityOfPage' });
  }
  candidates.push({ raw: firstMeta(page, ['twitter:url', 'parsely-link'])?.value, source: 'twitter:url' });
  const deep = webUrl && !isHome(webUrl);
  for (const c of candidates) {
    const url = cleanUrl(c.raw, webUrl || undefined);
    if (!url || (deep && isHome(url))) continue;
    return { url, source: c.source };
  }
  return { url: webUrl, source: 'page url' };
}
