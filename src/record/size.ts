// The size contract applied to text: the cheap pre-parse bounds of front matter and the body's byte cap,
// shared by the reader (on a file) and the validator (on what the writer would write).
import { RECORD_LIMITS, sizeMessage } from './rules.js';

/** Bytes of `text` as UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { bytes += 4; i++; } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Text of at most `max` UTF-8 bytes, without counting every byte of a short one. */
export function overBytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  return text.length * 3 > max && utf8Length(text) > max;
}

/**
 * Why front matter (the text between the fences) is beyond the contract, or null: one pass of cheap
 * upper bounds, so that no shape costs the YAML parser seconds before it is refused.
 */
export function frontMatterSizeProblem(raw: string): string | null {
  if (overBytes(raw, RECORD_LIMITS.frontMatterBytes)) return sizeMessage('front matter over 1 MB');
  let items = 0;
  let aliases = 0;
  let openRun = 0;
  let deepest = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 10 || code === 44) items++;
    // `*name` after a space, a line start or a flow bracket: every alias is one (some quoted text too).
    if (code === 42 && (i === 0 || /[\s[{,]/.test(raw[i - 1]!)) && i + 1 < raw.length && !/[\s,\]}]/.test(raw[i + 1]!)) aliases++;
    if (code === 91 || code === 123) deepest = Math.max(deepest, ++openRun);
    else if (code !== 32) openRun = 0;
  }
  if (items > RECORD_LIMITS.frontMatterItems) {
    return sizeMessage(`front matter of more than ${RECORD_LIMITS.frontMatterItems.toLocaleString('en')} lines and list items`);
  }
  if (aliases > RECORD_LIMITS.aliases * 10) {
    return `uses more than ${RECORD_LIMITS.aliases} aliases (*name); Lede reads at most ${RECORD_LIMITS.aliases}`;
  }
  if (deepest > RECORD_LIMITS.openRun) {
    return `opens more than ${RECORD_LIMITS.openRun} lists or maps in a row; Lede reads records nested at most that deep`;
  }
  return null;
}

/** Why a body is beyond the contract, or null. */
export function bodySizeProblem(body: string): string | null {
  return overBytes(body, RECORD_LIMITS.bodyBytes) ? sizeMessage('the body is over 8 MB') : null;
}
