// AES-256-GCM over the private data: the two functions the extension, the CLI and the Node library share.
import { checkPrivateData, parsePrivateData, type PrivateData } from './private-data.js';
import { decodeSecured, encodeSecured, IV_BYTES } from './value.js';

/** The part of WebCrypto used here: `globalThis.crypto` in the browser and in Node 20, passed in so this stays pure. */
export type WebCrypto = Pick<Crypto, 'subtle' | 'getRandomValues'>;

export type DecryptResult =
  | { ok: true; data: PrivateData }
  /** `malformed`: not a `secured` value; `locked`: another key, or the value was altered (GCM cannot tell which). */
  | { ok: false; reason: 'malformed' | 'locked' | 'not-private-data'; message: string };

/** Encrypts `data` under `key` with a fresh random 16-byte IV; the 16-byte tag is appended to the ciphertext. */
export async function encryptSecured(data: PrivateData, key: CryptoKey, crypto: WebCrypto = globalThis.crypto): Promise<string> {
  const checked = checkPrivateData(data);
  if (!checked.ok) throw new TypeError(checked.message);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(JSON.stringify(data));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, tagLength: 128 }, key, plain);
  return encodeSecured(new Uint8Array(sealed), iv);
}

/** The private data in `secured`, or why it cannot be read: never throws for a bad value or a wrong key. */
export async function decryptSecured(secured: string, key: CryptoKey, crypto: WebCrypto = globalThis.crypto): Promise<DecryptResult> {
  const decoded = decodeSecured(secured);
  if (!decoded.ok) return { ok: false, reason: 'malformed', message: decoded.message };
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: decoded.iv, tagLength: 128 }, key, decoded.ciphertext);
  } catch {
    return { ok: false, reason: 'locked', message: 'the private data does not open with this key (another key, or the value was altered)' };
  }
  const parsed = parsePrivateData(new Uint8Array(plain));
  return parsed.ok ? parsed : { ok: false, reason: 'not-private-data', message: parsed.message };
}
