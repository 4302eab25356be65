// The `secured` value's text form, `base64(ciphertext);base64(iv)`: split and checked, or joined.
import { fromBase64, toBase64, type Bytes } from './base64.js';

export const IV_BYTES = 16;
/** AES-GCM's tag, appended to the ciphertext. */
export const TAG_BYTES = 16;
/**
 * The longest `secured` value Lede decrypts. A note and a capped selection fit many times over;
 * a bigger value is kept as it is but never decoded, so no record can make Lede spend seconds on it.
 */
export const SECURED_MAX_CHARS = 2_000_000;

export type Decoded = { ok: true; ciphertext: Bytes; iv: Bytes } | { ok: false; message: string };

/** The ciphertext and IV of a `secured` value, or why it is not one (one sentence, no exception). */
export function decodeSecured(value: string): Decoded {
  const fail = (message: string): Decoded => ({ ok: false, message });
  if (value.length === 0) return fail('the private data is empty');
  if (value.length > SECURED_MAX_CHARS) {
    return fail(`the private data is ${value.length.toLocaleString('en')} characters long; Lede reads at most ${SECURED_MAX_CHARS.toLocaleString('en')}`);
  }
  const parts = value.split(';');
  if (parts.length === 1) return fail('the private data has no ";" between the ciphertext and the IV');
  if (parts.length > 2) return fail(`the private data has ${parts.length - 1} ";" where it should have one`);
  const [cipherText, ivText] = parts as [string, string];
  const part = (text: string, name: string): Bytes | string => {
    if (text.length === 0) return `the ${name} is empty`;
    if (/[^A-Za-z0-9+/=]/.test(text)) return `the ${name} holds characters that are not base64`;
    if (text.length % 4 !== 0) return `the ${name} is cut short (its base64 length ${text.length} is not a multiple of 4)`;
    return fromBase64(text) ?? `the ${name} is not valid base64 (misplaced "=")`;
  };
  const ciphertext = part(cipherText, 'ciphertext');
  if (typeof ciphertext === 'string') return fail(ciphertext);
  const iv = part(ivText, 'IV');
  if (typeof iv === 'string') return fail(iv);
  if (iv.length !== IV_BYTES) return fail(`the IV is ${iv.length} bytes; it must be ${IV_BYTES}`);
  if (ciphertext.length < TAG_BYTES) return fail(`the ciphertext is ${ciphertext.length} bytes, shorter than its ${TAG_BYTES}-byte tag`);
  return { ok: true, ciphertext, iv };
}

export function encodeSecured(ciphertext: Uint8Array, iv: Uint8Array): string {
  return `${toBase64(ciphertext)};${toBase64(iv)}`;
}
