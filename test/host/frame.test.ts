// The native-messaging frame: lengths in the machine's byte order, messages cut across chunks, oversize and garbage refused.
import { endianness } from 'node:os';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader } from '../../src/host/frame.js';
import { HOST_MESSAGE_MAX } from '../../src/shared/helper-protocol.js';

const lengthOf = (frame: Buffer) => (endianness() === 'LE' ? frame.readUInt32LE(0) : frame.readUInt32BE(0));

describe('native-messaging frames', () => {
  it('writes a 4-byte native-endian length, then UTF-8 JSON', () => {
    const frame = encodeFrame({ text: 'é ✓' }, 1000);
    const body = Buffer.from(JSON.stringify({ text: 'é ✓' }), 'utf8');
    expect(lengthOf(frame)).toBe(body.length);
    expect(frame.subarray(4).equals(body)).toBe(true);
  });

  it('reads messages whatever the chunks: byte by byte, several in one chunk', () => {
    const frames = Buffer.concat([encodeFrame({ a: 1 }, 100), encodeFrame({ b: 'two' }, 100), encodeFrame([3], 100)]);
    const whole = new FrameReader(100).push(frames).map((f) => f.ok && f.message);
    expect(whole).toEqual([{ a: 1 }, { b: 'two' }, [3]]);
    const reader = new FrameReader(100);
    const bytewise = [];
    for (const byte of frames) bytewise.push(...reader.push(Buffer.from([byte])));
    expect(bytewise.map((f) => f.ok && f.message)).toEqual([{ a: 1 }, { b: 'two' }, [3]]);
    expect(reader.partial).toBe(false);
  });

  it('refuses to write a message over the limit (the browser would drop the connection)', () => {
    expect(() => encodeFrame({ data: 'x'.repeat(HOST_MESSAGE_MAX) }, HOST_MESSAGE_MAX)).toThrow(/over the 1048576-byte limit/);
  });

  it('skips an oversize frame without keeping it, says so once, and reads the next', () => {
    const reader = new FrameReader(64);
    const big = encodeFrame({ data: 'y'.repeat(5000) }, 10_000);
    const out = [];
    // Sent in pieces, as a pipe would: nothing of it is kept, the next frame comes through.
    for (let i = 0; i < big.length; i += 700) out.push(...reader.push(big.subarray(i, i + 700)));
    out.push(...reader.push(encodeFrame({ after: true }, 64)));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ ok: false, error: { code: 'TooLarge' } });
    expect(out[1]).toEqual({ ok: true, message: { after: true } });
  });

  it('reports a frame that is not JSON, or not UTF-8, and goes on', () => {
    const bad = (body: Buffer) => {
      const head = Buffer.alloc(4);
      if (endianness() === 'LE') head.writeUInt32LE(body.length);
      else head.writeUInt32BE(body.length);
      return Buffer.concat([head, body]);
    };
    const reader = new FrameReader(100);
    const out = reader.push(Buffer.concat([bad(Buffer.from('{not json')), bad(Buffer.from([0x22, 0xff, 0xfe, 0x22])), encodeFrame('ok', 100)]));
    expect(out.map((f) => (f.ok ? f.message : f.error.code))).toEqual(['BadRequest', 'BadRequest', 'ok']);
  });

  it('knows a frame cut off by the end of the stream', () => {
    const reader = new FrameReader(100);
    reader.push(encodeFrame({ a: 1 }, 100).subarray(0, 6));
    expect(reader.partial).toBe(true);
  });
});
