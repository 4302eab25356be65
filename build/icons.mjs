// Draws the toolbar icon as PNGs at build time, so no binary image lives in the repo.
import { zlibSync } from 'fflate';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A rounded square in Lede's ink colour with a white bar-and-line mark (a headline over text). */
export function iconPng(size) {
  const raw = new Uint8Array(size * (size * 4 + 1));
  const r = size * 0.2;
  const inside = (x, y) => {
    const cx = Math.min(Math.max(x, r), size - r);
    const cy = Math.min(Math.max(y, r), size - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const mark = (x, y) => {
    const u = x / size, v = y / size;
    const headline = v > 0.24 && v < 0.40 && u > 0.22 && u < 0.78;
    const line1 = v > 0.50 && v < 0.58 && u > 0.22 && u < 0.78;
    const line2 = v > 0.66 && v < 0.74 && u > 0.22 && u < 0.60;
    return headline || line1 || line2;
  };
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) {
      const p = row + 1 + x * 4;
      if (!inside(x + 0.5, y + 0.5)) continue;
      const white = mark(x + 0.5, y + 0.5);
      raw[p] = white ? 255 : 0xb3; raw[p + 1] = white ? 255 : 0x26; raw[p + 2] = white ? 255 : 0x1e; raw[p + 3] = 255;
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, size); view.setUint32(4, size);
  header.set([8, 6, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header), chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}
