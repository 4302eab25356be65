// The content hash kept per synced file: a file is rewritten only when its text's hash changes.

const encoder = new TextEncoder();

/** SHA-256 of the UTF-8 text, hex, first 128 bits: plenty to tell two versions of one file apart. */
export async function hashText(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += digest[i]!.toString(16).padStart(2, '0');
  return hex;
}
