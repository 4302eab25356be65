// The image-header reader on real files of each type, made here by ImageMagick, and the measurer reading only their first bytes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageSize } from '../../src/related/image-size.js';
import { measureImage } from '../../src/related/measure-image.js';

function hasConvert(): boolean {
  try {
    execFileSync('convert', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('skipped: the image-header tests make their images with ImageMagick `convert`, which this machine lacks');
    return false;
  }
}
const canMake = hasConvert();
const dir = mkdtempSync(join(tmpdir(), 'lede-img-'));

function make(name: string, ...args: string[]): Uint8Array {
  const path = join(dir, name);
  execFileSync('convert', [...args, path]);
  return new Uint8Array(readFileSync(path));
}

const W = 37, H = 23;
const gradient = ['-size', `${W}x${H}`, 'gradient:red-blue'];

describe.runIf(canMake)('imageSize on real files', () => {
  const cases: Array<[string, string, () => Uint8Array]> = [
    ['png', 'png', () => make('a.png', ...gradient)],
    ['baseline jpeg', 'jpeg', () => make('a.jpg', ...gradient)],
    ['progressive jpeg behind a 20 KB comment', 'jpeg', () => make('b.jpg', ...gradient, '-interlace', 'Plane', '-set', 'comment', 'x'.repeat(20_000))],
    ['gif', 'gif', () => make('a.gif', ...gradient)],
    ['lossy webp (VP8)', 'webp', () => make('a.webp', ...gradient, '-quality', '80')],
    ['lossless webp (VP8L)', 'webp', () => make('b.webp', ...gradient, '-define', 'webp:lossless=true')],
    ['extended webp with alpha (VP8X)', 'webp', () => make('c.webp', '-size', `${W}x${H}`, 'xc:rgba(255,0,0,0.5)')],
    ['avif', 'avif', () => make('a.avif', ...gradient)],
  ];
  for (const [name, format, file] of cases) {
    it(name, () => {
      const bytes = file();
      expect(imageSize(bytes)).toEqual({ width: W, height: H, format });
    });
  }

  it('a big photo is measured from its first bytes, not the whole file', async () => {
    const bytes = make('big.jpg', '-size', '1600x900', 'plasma:', '-quality', '95');
    expect(bytes.length).toBeGreaterThan(300_000);
    let pulled = 0;
    const fetch = async () => new Response(new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= bytes.length) return c.close();
        const chunk = bytes.subarray(pulled, pulled + 16384);
        pulled += chunk.length;
        c.enqueue(chunk);
      },
    }), { headers: { 'content-type': 'image/jpeg' } });
    expect(await measureImage('https://img.test/big.jpg', fetch, { hostAccess: () => true })).toEqual({ width: 1600, height: 900, format: 'jpeg' });
    expect(pulled).toBeLessThanOrEqual(32768);
  });

  it('too few bytes do not answer yet, and garbage never does', () => {
    const png = make('p.png', ...gradient);
    expect(imageSize(png.subarray(0, 20))).toBeNull();
    expect(imageSize(png.subarray(0, 24))).toEqual({ width: W, height: H, format: 'png' });
    expect(imageSize(new Uint8Array(100).fill(7))).toBeNull();
  });
});

describe('imageSize on SVG', () => {
  const svg = (root: string) => new TextEncoder().encode(`<?xml version="1.0"?>\n<!-- <svg width="1" height="1"> -->\n${root}<rect/></svg>`);
  it('takes width and height in px, else the viewBox', () => {
    writeFileSync(join(dir, 'a.svg'), svg('<svg xmlns="http://www.w3.org/2000/svg" width="640px" height="480">'));
    expect(imageSize(new Uint8Array(readFileSync(join(dir, 'a.svg'))))).toEqual({ width: 640, height: 480, format: 'svg' });
    expect(imageSize(svg('<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 1200 630.4">'))).toEqual({ width: 1200, height: 630, format: 'svg' });
    expect(imageSize(svg('<svg xmlns="http://www.w3.org/2000/svg" width="10em" height="5em">'))).toBeNull();
  });
  it('a failed image fetch is no size, not an error', async () => {
    const granted = { hostAccess: () => true };
    expect(await measureImage('https://img.test/x', async () => new Response('no', { status: 404 }), granted)).toBeNull();
    expect(await measureImage('https://img.test/x', async () => { throw new TypeError('offline'); }, granted)).toBeNull();
  });
});
