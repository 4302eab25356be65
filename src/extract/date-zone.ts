// The page's likely time zone, from its country (host's country code, else the lang region).
import type { OffsetGuess } from './date-pick.js';
import { wallMs } from './date-machine.js';
import { zoneOffset } from './date-words.js';
import type { Page } from './page.js';

/** Countries that keep one civil time zone (or nearly so): their zone for local times. */
const COUNTRY_ZONES: Record<string, string> = {
  fr: 'Europe/Paris', de: 'Europe/Berlin', at: 'Europe/Vienna', ch: 'Europe/Zurich', it: 'Europe/Rome',
  es: 'Europe/Madrid', nl: 'Europe/Amsterdam', be: 'Europe/Brussels', pl: 'Europe/Warsaw',
  cz: 'Europe/Prague', sk: 'Europe/Bratislava', hu: 'Europe/Budapest', se: 'Europe/Stockholm',
  no: 'Europe/Oslo', dk: 'Europe/Copenhagen', fi: 'Europe/Helsinki', ie: 'Europe/Dublin',
  uk: 'Europe/London', gb: 'Europe/London', pt: 'Europe/Lisbon', gr: 'Europe/Athens',
  ro: 'Europe/Bucharest', ua: 'Europe/Kyiv', tr: 'Europe/Istanbul', il: 'Asia/Jerusalem',
  in: 'Asia/Kolkata', cn: 'Asia/Shanghai', hk: 'Asia/Hong_Kong', tw: 'Asia/Taipei', jp: 'Asia/Tokyo',
  kr: 'Asia/Seoul', sg: 'Asia/Singapore', my: 'Asia/Kuala_Lumpur', ph: 'Asia/Manila',
  th: 'Asia/Bangkok', vn: 'Asia/Ho_Chi_Minh', au: 'Australia/Sydney', nz: 'Pacific/Auckland',
  br: 'America/Sao_Paulo', ar: 'America/Argentina/Buenos_Aires', cl: 'America/Santiago',
  co: 'America/Bogota', pe: 'America/Lima', za: 'Africa/Johannesburg', eg: 'Africa/Cairo',
  ng: 'Africa/Lagos', ke: 'Africa/Nairobi',
};

/** Languages spoken mostly in one zone, for pages on generic domains without a region in `lang`. */
const LANGUAGE_ZONES: Record<string, string> = {
  de: 'Europe/Berlin', fr: 'Europe/Paris', it: 'Europe/Rome', cs: 'Europe/Prague', pl: 'Europe/Warsaw',
  nl: 'Europe/Amsterdam', ja: 'Asia/Tokyo', zh: 'Asia/Shanghai', ko: 'Asia/Seoul', hu: 'Europe/Budapest',
};

export function pageZone(page: Page): string | null {
  const host = page.url?.hostname ?? '';
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  if (COUNTRY_ZONES[tld]) return COUNTRY_ZONES[tld]!;
  const [language, region] = page.lang.split(/[-_]/);
  if (region && COUNTRY_ZONES[region.toLowerCase()]) return COUNTRY_ZONES[region.toLowerCase()]!;
  return language ? LANGUAGE_ZONES[language] ?? null : null;
}

/** The guess `pickDate` applies to floating times: the page zone's offset at that wall-clock time. */
export function offsetGuess(page: Page): OffsetGuess | undefined {
  const zone = pageZone(page);
  return zone ? (parts) => zoneOffset(zone, wallMs(parts)) : undefined;
}
