// The native-messaging frame: a 4-byte length in the machine's own byte order, then that many bytes of UTF-8 JSON.
import { endianness } from 'node:os';

const LITTLE = endianness() === 'LE';

export class FrameError extends Error {
  constructor(message: string, readonly code: 'TooLarge' | 'BadRequest') {
    super(message);
    this.name = 'FrameError';
  }
}

/** One message as a frame; refuses one over `max` bytes (the browsers drop a host's message over 1 MB). */
export function encodeFrame(message: unknown, max: number): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > max) throw new FrameError(`a message of ${body.length} bytes is over the ${max}-byte limit`, 'TooLarge');
  const frame = Buffer.allocUnsafe(4 + body.length);
  if (LITTLE) frame.writeUInt32LE(body.length, 0);
  else frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

export type Frame = { ok: true; message: unknown } | { ok: false; error: FrameError };

/**
 * Cuts a byte stream into messages. A frame over `max` is skipped without being kept in memory (its bytes are
 * counted off as they come) and reported once; a frame that is not UTF-8 JSON is reported and the next one read.
 */
export class FrameReader {
  private buffered: Buffer[] = [];
  private size = 0;
  /** Bytes of an oversize frame still to skip. */
  private skipping = 0;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): Frame[] {
    const out: Frame[] = [];
    if (this.skipping > 0) {
      const skip = Math.min(this.skipping, chunk.length);
      this.skipping -= skip;
      chunk = chunk.subarray(skip);
    }
    if (chunk.length) {
      this.buffered.push(chunk);
      this.size += chunk.length;
    }
    for (;;) {
      if (this.skipping > 0 || this.size < 4) return out;
      const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered, this.size);
      const length = LITTLE ? all.readUInt32LE(0) : all.readUInt32BE(0);
      if (length > this.max) {
        const available = all.length - 4;
        this.skipping = length - Math.min(length, available);
        this.keep(all.subarray(4 + Math.min(length, available)));
        out.push({ ok: false, error: new FrameError(`a message of ${length} bytes is over the ${this.max}-byte limit`, 'TooLarge') });
        continue;
      }
      if (all.length < 4 + length) {
        this.keep(all);
        return out;
      }
      const body = all.subarray(4, 4 + length);
      this.keep(all.subarray(4 + length));
      out.push(parse(body));
    }
  }

  /** Whether a frame was cut off by the end of the stream. */
  get partial(): boolean {
    return this.size > 0 || this.skipping > 0;
  }

  private keep(rest: Buffer): void {
    this.buffered = rest.length ? [rest] : [];
    this.size = rest.length;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function parse(body: Buffer): Frame {
  try {
    return { ok: true, message: JSON.parse(decoder.decode(body)) };
  } catch {
    return { ok: false, error: new FrameError('a message that is not UTF-8 JSON', 'BadRequest') };
  }
}
