// The registrable domain with tldts' public suffix list, for the places that carry the list (Node, the
// background, Chrome's offscreen document). Injected scripts leave the domain to the background instead.
import { getDomain } from 'tldts';
import { registrableDomainWith } from './domain.js';

/** Registrable domain, public-suffix aware, blog platforms' subdomains kept whole. */
export function registrableDomain(host: string): string {
  return registrableDomainWith(getDomain, host);
}
