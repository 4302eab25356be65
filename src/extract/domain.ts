// The registrable domain of a host with the caller's public suffix list (tldts' getDomain), pure.
// Shared by Node (extractFromHtml) and the background, so both give the same provider.domain.
import { hostDomain, platformDomain } from './provider.js';

export type GetDomain = (host: string, options: { allowPrivateDomains: boolean }) => string | null;

/** `news.bbc.co.uk` → `bbc.co.uk`; private suffixes and blog platforms keep the publisher's label. */
export function registrableDomainWith(getDomain: GetDomain, host: string): string {
  const h = hostDomain(host);
  if (!h) return '';
  return platformDomain(h) ?? getDomain(h, { allowPrivateDomains: true }) ?? h;
}
