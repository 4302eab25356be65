// An address from another tool's export: a clean http(s) address, or the reason it is not one.
import { cleanUrl } from '../../extract/url.js';

export type AddressResult = { ok: true; url: string } | { ok: false; reason: string };

/** Schemes that exports carry and Lede never fetches or keeps, each with its own words. */
const REFUSED_SCHEMES: Array<[RegExp, string]> = [
  [/^javascript:/i, 'a javascript: link (a bookmarklet), not a page'],
  [/^data:/i, 'a data: address, not a page on the web'],
  [/^file:/i, 'a file on a computer (file:), not a page on the web'],
  [/^(?:place|chrome|about|edge|moz-extension|chrome-extension):/i, 'a browser-internal address, not a page on the web'],
];

/** Reads one address as a source gives it (trimmed, `<…>` unwrapped). */
export function webAddress(raw: string): AddressResult {
  const text = raw.trim().replace(/^<(.*)>$/, '$1');
  if (!text) return { ok: false, reason: 'no address' };
  for (const [pattern, reason] of REFUSED_SCHEMES) if (pattern.test(text)) return { ok: false, reason };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^https?:/i.test(text)) {
    return { ok: false, reason: `a ${text.slice(0, text.indexOf(':') + 1)} address, not a web page (http or https)` };
  }
  const url = cleanUrl(text);
  return url ? { ok: true, url } : { ok: false, reason: 'not a web address' };
}
