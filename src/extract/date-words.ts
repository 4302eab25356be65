// Month names (en, fr, es, pt, de, it, cs, nl, pl, ru) and time-zone abbreviations, accent-free lower case.

const MONTHS: string[][] = [
  ['january', 'jan', 'janvier', 'janv', 'enero', 'ene', 'janeiro', 'januar', 'janner', 'gennaio', 'gen', 'leden', 'ledna', 'januari', 'stycznia', 'styczen', 'января'],
  ['february', 'feb', 'fevrier', 'fevr', 'fev', 'febrero', 'fevereiro', 'februar', 'febbraio', 'unor', 'unora', 'februari', 'lutego', 'luty', 'февраля'],
  ['march', 'mar', 'mars', 'marzo', 'marco', 'marz', 'maerz', 'mrz', 'brezen', 'brezna', 'maart', 'marca', 'marzec', 'марта'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'duben', 'dubna', 'kwietnia', 'kwiecien', 'апреля'],
  ['may', 'mai', 'mayo', 'maio', 'maggio', 'mag', 'kveten', 'kvetna', 'mei', 'maja', 'maj', 'мая'],
  ['june', 'jun', 'juin', 'junio', 'junho', 'juni', 'giugno', 'giu', 'cerven', 'cervna', 'czerwca', 'czerwiec', 'июня'],
  ['july', 'jul', 'juillet', 'juil', 'julio', 'julho', 'juli', 'luglio', 'lug', 'cervenec', 'cervence', 'lipca', 'lipiec', 'июля'],
  ['august', 'aug', 'aout', 'agosto', 'ago', 'srpen', 'srpna', 'augustus', 'sierpnia', 'sierpien', 'августа'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'setembro', 'set', 'settembre', 'zari', 'wrzesnia', 'wrzesien', 'сентября'],
  ['october', 'oct', 'octobre', 'octubre', 'outubro', 'out', 'oktober', 'okt', 'ottobre', 'ott', 'rijen', 'rijna', 'pazdziernika', 'pazdziernik', 'октября'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopad', 'listopadu', 'listopada', 'ноября'],
  ['december', 'dec', 'decembre', 'diciembre', 'dic', 'dezembro', 'dez', 'dezember', 'dicembre', 'prosinec', 'prosince', 'grudnia', 'grudzien', 'декабря'],
];

export const MONTH_BY_NAME = new Map<string, number>();
MONTHS.forEach((names, index) => names.forEach((name) => MONTH_BY_NAME.set(name, index + 1)));

/** Regex source matching any month name (longest first so `sept` wins over `sep`). */
export const MONTH_PATTERN = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|');

/** Fixed-offset zones, minutes east of UTC. */
const FIXED_ZONES: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mesz: 120, mez: 60,
  eet: 120, eest: 180, msk: 180, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480,
  aest: 600, aedt: 660, acst: 570, acdt: 630, nzst: 720, nzdt: 780,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, brt: -180, brst: -120, art: -180,
};

/** Zones named without saying whether summer time applies: resolved through Intl for the date. */
const DST_ZONES: Record<string, string> = {
  et: 'America/New_York', ct: 'America/Chicago', mt: 'America/Denver', pt: 'America/Los_Angeles',
  eastern: 'America/New_York', pacific: 'America/Los_Angeles', central: 'America/Chicago',
};

export const ZONE_PATTERN = [...Object.keys(FIXED_ZONES), ...Object.keys(DST_ZONES)]
  .filter((z) => z !== 'z').sort((a, b) => b.length - a.length).join('|');

/** Offset in minutes of an IANA zone at a UTC instant; null when Intl cannot say. */
export function zoneOffset(timeZone: string, utcMs: number): number | null {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric',
    }).formatToParts(new Date(utcMs - (utcMs % 60000)));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    return Math.round((local - (utcMs - (utcMs % 60000))) / 60000);
  } catch {
    return null;
  }
}

/** Offset for a zone abbreviation at a given wall-clock time (as if UTC ms); null if unknown. */
export function abbreviationOffset(name: string, wallMs: number): number | null {
  const key = name.toLowerCase().replace(/\./g, '');
  // Own keys only: a page's `constructor` or `toString` is no zone.
  if (Object.hasOwn(FIXED_ZONES, key)) return FIXED_ZONES[key]!;
  const zone = Object.hasOwn(DST_ZONES, key) ? DST_ZONES[key] : undefined;
  return zone ? zoneOffset(zone, wallMs) : null;
}
