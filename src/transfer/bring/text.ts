// Small text rules every importer shares: cutting, tags to topics, HTML entities, Unix times.
import { cutCodePoints } from '../../record/text.js';
import { BRING_TOPIC_MAX, BRING_TOPICS_MAX } from './types.js';

/** A source's text, one line, squashed and cut; '' stays ''. */
export function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  return cutCodePoints(text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim(), max);
}

/** Tags as topics: trimmed, `#` dropped, each once (ignoring case, the first spelling kept), at most BRING_TOPICS_MAX. */
export function topicsOf(tags: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    if (typeof tag !== 'string' && typeof tag !== 'number') continue;
    const topic = oneLine(String(tag).replace(/^#+/, ''), BRING_TOPIC_MAX);
    const key = topic.toLowerCase();
    if (!topic || seen.has(key)) continue;
    seen.add(key);
    out.push(topic);
    if (out.length === BRING_TOPICS_MAX) break;
  }
  return out;
}

/** Joins two topic lists, the first's order first, each topic once ignoring case. */
export function joinTopics(a: readonly string[], b: readonly string[]): string[] {
  return topicsOf([...a, ...b]);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

/** Decodes the HTML entities a bookmarks file writes (named basics and numeric ones); others stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x') || lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[lower] ?? whole;
  });
}

/** A Unix time in seconds (as Pocket and bookmarks files write it) as ISO, or undefined when it is none. */
export function unixTime(value: string | undefined): string | undefined {
  if (!value || !/^\d{1,19}$/.test(value.trim())) return undefined;
  let n = Number(value.trim());
  // Some exports write milliseconds or microseconds (Firefox's LAST_MODIFIED), all after 2001.
  while (n > 4_102_444_800) n = Math.floor(n / 1000);
  if (n < 86_400) return undefined;
  return new Date(n * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
