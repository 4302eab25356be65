// Plain-text cleaning for every extracted value: markup out, entities decoded, invisible characters gone.

// The DOM decodes attributes and text already: these are for JSON-LD text and double escaping.
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

// Bidi controls, zero-width characters, BOM and soft hyphen: they hide or reorder text.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
// C0/C1 control characters other than whitespace.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Longest input we clean; longer values are cut first so hostile pages stay cheap. */
const MAX_INPUT = 20_000;

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,31});?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
      return String.fromCodePoint(code);
    }
    // Own keys only: `&constructor;` is text, not Object's constructor.
    const key = body.toLowerCase();
    return Object.hasOwn(NAMED, key) ? NAMED[key]! : whole;
  });
}

/** Any text from the page as one clean line: no tags, entities decoded, no invisible characters. */
export function cleanText(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  let text = String(value);
  if (text.length > MAX_INPUT) text = text.slice(0, MAX_INPUT);
  if (text.includes('<')) {
    text = text.replace(/<!\[CDATA\[|\]\]>/g, '')
      // Script and style bodies are code, not words: they go with their tags (an unclosed one to the end).
      .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
      .replace(/<\/?[a-z!][^<>]*>/gi, ' ');
  }
  if (text.includes('&')) text = decodeEntities(decodeEntities(text)); // some pages double-escape
  return text.replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Lower-case letters and digits only: for comparing names and headlines loosely. */
export function squash(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Text of an element, capped: textContent of huge nodes is read once and cut. */
export function elementText(el: Element | null | undefined, max = 2000): string {
  if (!el) return '';
  const raw = el.textContent ?? '';
  return cleanText(raw.length > max * 4 ? raw.slice(0, max * 4) : raw);
}
