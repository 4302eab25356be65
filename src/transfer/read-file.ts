// One file's text to a record ready for the library, or the problems that refuse it: the import rule
// the library page and folder sync share. Pure: no browser API.
import { normaliseUrl } from '../record/url.js';
import { parseRecord } from '../record/read.js';
import type { Problem } from '../record/problems.js';
import type { LedeRecord } from '../record/types.js';
import { errorsOf, validateRecord } from '../record/validate.js';
import { serializeRecord } from '../record/write.js';

export type ReadFileResult =
  | {
      ok: true;
      record: LedeRecord;
      /** The library key: the normalised originalUrl, else webUrl. */
      key: string;
      /**
       * The file's own text, kept only when Lede would write the record differently (another tool's
       * key order, quoting, an excerpt over 200…), so an untouched record exports byte for byte.
       */
      source?: string;
      warnings: Problem[];
    }
  | { ok: false; problems: Problem[] };

// ignoreBOM keeps a byte order mark in the text: the file's own text is what an export gives back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A record file's bytes as text, BOM and all, or null when they are not UTF-8 (never half-decoded). */
export function decodeRecordBytes(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Reads a record file (text or UTF-8 bytes) named `name`; every problem names the file. */
export function readRecordFile(name: string, input: string | Uint8Array): ReadFileResult {
  const parsed = parseRecord(input, { file: name });
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { record } = parsed;
  const written = serializeRecord(record);
  const problems = validateRecord(record, name, written);
  const key = normaliseUrl(record.originalUrl) || normaliseUrl(record.webUrl);
  if (!key) {
    problems.push({ file: name, key: 'originalUrl', message: 'needs an http(s) address: the library keeps each record under it', severity: 'error' });
  }
  if (errorsOf(problems).length > 0) return { ok: false, problems: errorsOf(problems) };
  const text = typeof input === 'string' ? input : decodeRecordBytes(input) ?? '';
  const result: ReadFileResult = { ok: true, record, key, warnings: parsed.warnings };
  if (written !== text) result.source = text;
  return result;
}

/** The text to export for a record: its kept source when the record is still what that source says. */
export function exportText(record: LedeRecord, source: string | undefined): string {
  if (source !== undefined) {
    const again = parseRecord(source);
    if (again.ok && sameRecord(again.record, record)) return source;
  }
  return serializeRecord(record);
}

/** Equal as data: what the writer would write for each is the same. */
export function sameRecord(a: LedeRecord, b: LedeRecord): boolean {
  return serializeRecord(a) === serializeRecord(b);
}

/**
 * A short digest of a record as the writer writes it: after an interrupted import, the
 * page and the library compare digests to learn which files landed, without moving the texts again.
 */
export function recordDigest(record: LedeRecord): string {
  const text = serializeRecord(record);
  // Two 32-bit FNV-1a runs from different offsets: collisions of both are out of reach for a library's worth.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(36)}-${(b >>> 0).toString(36)}-${text.length.toString(36)}`;
}
