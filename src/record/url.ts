// The library key of an address: the same article read via different links gets the same key.

/**
 * Query parameters that only say how a reader arrived, never which article it is. One list for
 * cleaning page addresses (extraction) and for the library key, so both agree. A bare `cid` is
 * left alone: on some sites it is the article's id.
 */
const TRACKING = new RegExp('^(?:' + [
  'utm_[a-z0-9_]*', 'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid',
  'ttclid', 'li_fat_id', 'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'wickedid', 'rb_clickid', 's_cid', 'ref_src', 'ref_url', 'cmpid',
  'ocid', 'ncid', 'icid', 'sr_share', 'soc_src', 'soc_trk', 'at_medium', 'at_campaign', 'wt\\.[a-z_]+',
  'guccounter', 'guce_referrer[a-z_]*', 'xtor', '__twitter_impression', 'smid',
].join('|') + ')$', 'i');

export function isTrackingParam(name: string): boolean {
  return TRACKING.test(name);
}

/**
 * The normalised form of an http(s) address: lower-case scheme and host, no `www.`, no
 * fragment, no tracking parameters, the rest of the query sorted, no trailing slash.
 * Anything that is not an http(s) address gives ''.
 */
export function normaliseUrl(address: string): string {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  const host = url.host.replace(/^www\./, '');
  const params = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  params.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${host}${path}${query ? `?${query}` : ''}`;
}
