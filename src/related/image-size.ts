// An image's width and height from its first bytes only (PNG, JPEG, GIF, WebP, AVIF, SVG), never the whole file.

export interface ImageSize {
  width: number;
  height: number;
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg';
}

/** Readers give up on a header that declares a size beyond this: it is broken or hostile. */
const MAX_SIDE = 100_000;

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function png(b: Uint8Array): ImageSize | null {
  if (b.length < 24 || ascii(b, 1, 3) !== 'PNG' || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: u32be(b, 16), height: u32be(b, 20), format: 'png' };
}

function gif(b: Uint8Array): ImageSize | null {
  if (b.length < 10 || !/^GIF8[79]a$/.test(ascii(b, 0, 6))) return null;
  return { width: u16le(b, 6), height: u16le(b, 8), format: 'gif' };
}

/** Start-of-frame markers: every SOFn but the DHT (C4), JPG (C8) and DAC (CC) that share the range. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(b: Uint8Array): ImageSize | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    if (SOF.has(marker)) return { width: u16be(b, i + 7), height: u16be(b, i + 5), format: 'jpeg' };
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webp(b: Uint8Array): ImageSize | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27), format: 'webp' };
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff, format: 'webp' };
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff), format: 'webp' };
  }
  return null;
}

/** AVIF (ISO-BMFF): the largest `ispe` (image spatial extent) property: the main image, not a thumbnail. */
function avif(b: Uint8Array): ImageSize | null {
  if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return null;
  const brands = ascii(b, 8, Math.min(u32be(b, 0), b.length) - 8);
  if (!/avi[fs]/.test(brands)) return null;
  let best: ImageSize | null = null;
  for (let i = 4; i + 16 <= b.length; i++) {
    if (b[i] !== 0x69 || ascii(b, i, 4) !== 'ispe') continue;
    const width = u32be(b, i + 8), height = u32be(b, i + 12);
    if (!best || width * height > best.width * best.height) best = { width, height, format: 'avif' };
  }
  return best;
}

function svgLength(value: string | undefined): number | null {
  const m = /^\s*([\d.]+)\s*(px)?\s*$/i.exec(value ?? '');
  return m ? Math.round(Number(m[1])) : null;
}

/** SVG: absolute width and height on the root element, else its viewBox. */
function svg(b: Uint8Array): ImageSize | null {
  const text = new TextDecoder('utf-8').decode(b.subarray(0, 64 * 1024));
  const tag = /<svg\b([^>]*)>/i.exec(text.replace(/<!--[\s\S]*?-->/g, ''));
  if (!tag) return null;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag[1]!)?.[1];
  const width = svgLength(attr('width')), height = svgLength(attr('height'));
  if (width && height) return { width, height, format: 'svg' };
  const box = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (box?.length === 4 && box[2]! > 0 && box[3]! > 0) {
    return { width: Math.round(box[2]!), height: Math.round(box[3]!), format: 'svg' };
  }
  return null;
}

/** The size the image's header declares, or null when the bytes so far do not tell (yet). */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  for (const read of [png, gif, jpeg, webp, avif]) {
    const size = read(bytes);
    if (size) return size.width > 0 && size.height > 0 && size.width <= MAX_SIDE && size.height <= MAX_SIDE ? size : null;
  }
  return /<svg\b/i.test(new TextDecoder('utf-8').decode(bytes.subarray(0, 4096))) || /^\s*<\?xml/.test(ascii(bytes, 0, 64))
    ? svg(bytes) : null;
}
