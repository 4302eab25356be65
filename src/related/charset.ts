// Which character encoding a fetched page is in (BOM, the header's charset, <meta charset> in the
// first 1,024 bytes), and its text decoded by it; an encoding the platform does not know is refused.

/** Where the encoding was read. */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'default';

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

/** `<meta charset=…>` or `<meta http-equiv=content-type content="…; charset=…">` among the first bytes. */
export function metaCharset(bytes: Uint8Array): string | null {
  // Latin-1 maps each byte to one character, so ASCII markup reads right whatever the encoding.
  const head = String.fromCharCode(...bytes.subarray(0, PRESCAN_BYTES));
  const noComments = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const tag of noComments.match(/<meta\b[^>]*>?/gi) ?? []) {
    const attrs = new Map<string, string>();
    for (const m of tag.slice(5).matchAll(/([^\s=>/]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g)) {
      const name = m[1]!.toLowerCase();
      if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
    }
    const charset = attrs.get('charset')?.trim();
    if (charset) return charset;
    if (attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
      const label = /charset\s*=\s*["']?([^\s"';]+)/i.exec(attrs.get('content') ?? '')?.[1];
      if (label) return label;
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

/** The page's text: by its BOM, else the header's charset, else its <meta> declaration, else UTF-8. */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): Decoded {
  const bom = bomCharset(bytes);
  const header = charsetFromContentType(contentType);
  const meta = bom || header ? null : metaCharset(bytes);
  const [label, source]: [string, CharsetSource] = bom ? [bom, 'bom'] : header ? [header, 'header']
    : meta ? [meta, 'meta'] : ['utf-8', 'default'];
  let decoder = decoderFor(label);
  // A page served as UTF-16 without a BOM declares itself in ASCII, so it is not UTF-16 (the HTML standard's rule).
  if (decoder && source === 'meta' && decoder.encoding.startsWith('utf-16')) decoder = new TextDecoder('utf-8');
  if (!decoder) return { ok: false, charset: label, source };
  return { ok: true, text: decoder.decode(bytes), charset: decoder.encoding, source };
}
