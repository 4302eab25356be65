// A time relative to now in the person's language: "now", "4s ago", "5 minutes ago", "yesterday".

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400], ['month', 30 * 86_400], ['week', 7 * 86_400], ['day', 86_400], ['hour', 3600], ['minute', 60],
];

/**
 * `then` relative to `now`. Under a minute reads "now", unless `seconds` asks for them ("4s ago": a change
 * that just happened elsewhere); clocks a little ahead read "now" too, never "in 3 seconds".
 */
export function relativeTime(then: string, now: Date, lang?: string, options: { seconds?: boolean } = {}): string {
  const at = new Date(then).getTime();
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((at - now.getTime()) / 1000);
  if (options.seconds && seconds < -1 && seconds > -60) {
    return new Intl.RelativeTimeFormat(lang, { numeric: 'always', style: 'narrow' }).format(seconds, 'second');
  }
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (seconds > -60) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (-seconds >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}
