// Strict base64 (standard and URL-safe alphabets) over bytes, the same in Node and in the extension.

/** Bytes over a plain ArrayBuffer, the kind WebCrypto accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

const STANDARD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/** Bytes as standard base64 with padding. Chunked: `String.fromCharCode(...bytes)` overflows the stack past ~100 KB. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of standard padded base64, or null when `text` is not exactly that. */
export function fromBase64(text: string): Bytes | null {
  if (!STANDARD.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** URL-safe base64 without padding: what the backup string uses, so it survives being pasted into a URL or a shell. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Bytes | null {
  if (!URL_SAFE.test(text) || text.length % 4 === 1) return null;
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(standard + '='.repeat((4 - (standard.length % 4)) % 4));
}
