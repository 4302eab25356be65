// Which character encoding a fetched page is in (BOM, the header's charset, <meta charset> in the
// first 1,024 bytes, else the bytes themselves), and its text decoded by it; an encoding the header names
// that the platform does not know is refused. A <meta> label that is cut or unknown is passed over, as the
// HTML standard's prescan does.

/** Where the encoding was read: `sniffed` is a page that declares none and is not UTF-8 (read as windows-1252). */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'default' | 'sniffed';

export type Decoded =
  | { ok: true; text: string; charset: string; source: CharsetSource }
  | { ok: false; charset: string; source: CharsetSource };

/** The HTML standard's prescan looks this far into the document for a declaration. */
export const PRESCAN_BYTES = 1024;

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  const label = (match?.[1] ?? match?.[2] ?? '').trim();
  return label || null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/**
 * The first `<meta charset=…>` or `<meta http-equiv=content-type content="…; charset=…">` among the first
 * bytes whose label names an encoding: a tag the 1,024 bytes cut off (`<meta charset="ut`) or a label
 * no encoding has is passed over, and the scan goes on.
 */
export function metaCharset(bytes: Uint8Array): string | null {
  // Latin-1 maps each byte to one character, so ASCII markup reads right whatever the encoding.
  const head = String.fromCharCode(...bytes.subarray(0, PRESCAN_BYTES));
  const noComments = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const tag of noComments.match(/<meta\b[^>]*>/gi) ?? []) {
    const attrs = new Map<string, string>();
    for (const m of tag.slice(5).matchAll(/([^\s=>/]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g)) {
      const name = m[1]!.toLowerCase();
      if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
    }
    const charset = attrs.get('charset')?.trim();
    if (charset && decoderFor(charset)) return charset;
    if (!charset && attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
      const label = /charset\s*=\s*["']?([^\s"';]+)/i.exec(attrs.get('content') ?? '')?.[1];
      if (label && decoderFor(label)) return label;
    }
  }
  return null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

/** Whether the bytes are UTF-8 (a sequence cut at the very end, where a read stopped, still counts). */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The page's text: by its BOM, else the header's charset, else its <meta> declaration, else UTF-8 when the
 * bytes are UTF-8 and windows-1252 (the web's default for undeclared pages) when they are not.
 */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): Decoded {
  const bom = bomCharset(bytes);
  const header = charsetFromContentType(contentType);
  const meta = bom || header ? null : metaCharset(bytes);
  const [label, source]: [string, CharsetSource] = bom ? [bom, 'bom'] : header ? [header, 'header']
    : meta ? [meta, 'meta'] : isUtf8(bytes) ? ['utf-8', 'default'] : ['windows-1252', 'sniffed'];
  let decoder = decoderFor(label);
  // A page served as UTF-16 without a BOM declares itself in ASCII, so it is not UTF-16 (the HTML standard's rule).
  if (decoder && source === 'meta' && decoder.encoding.startsWith('utf-16')) decoder = new TextDecoder('utf-8');
  if (!decoder) return { ok: false, charset: label, source };
  return { ok: true, text: decoder.decode(bytes), charset: decoder.encoding, source };
}
