// Small text rules of the format: excerpt length in code points, URL and base64 shapes.
import { EXCERPT_MAX } from './types.js';

/** Cuts to at most `max` code points without splitting a surrogate pair. */
export function cutCodePoints(text: string, max = EXCERPT_MAX): string {
  let count = 0;
  let index = 0;
  while (index < text.length) {
    if (count === max) return text.slice(0, index);
    const code = text.codePointAt(index)!;
    index += code > 0xffff ? 2 : 1;
    count++;
  }
  return text;
}

export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** True for an absolute http(s) address; page links of other schemes are never kept. */
export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

// One flat character run, not a repeated group of four: V8 recurses per repetition of a group, and a
// 10 MB value overflowed the stack (RangeError out of parseRecord). The length check does the grouping.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes a base64 text decodes to, or -1 when it is not base64. */
export function base64ByteLength(value: string): number {
  if (value.length === 0 || value.length % 4 !== 0 || !BASE64.test(value)) return -1;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return (value.length / 4) * 3 - padding;
}

/** Why a `secured` value is not `base64(ciphertext);base64(16-byte iv)`, or null when it is. */
export function securedProblem(value: string): string | null {
  const parts = value.split(';');
  if (parts.length !== 2) return 'must be two base64 parts joined by ";" (ciphertext;iv)';
  const [cipher, iv] = parts as [string, string];
  if (base64ByteLength(cipher) <= 0) return 'the ciphertext part is not base64';
  const ivBytes = base64ByteLength(iv);
  if (ivBytes < 0) return 'the iv part is not base64';
  if (ivBytes !== 16) return `the iv must be 16 bytes, not ${ivBytes}`;
  return null;
}
