// An imported file keeps its byte order mark on export (issue 19, case 16): the file's own text comes back.
import { describe, expect, it } from 'vitest';
import { serializeRecord } from '../../src/record/index.js';
import { decodeRecordBytes, exportText, readRecordFile } from '../../src/transfer/read-file.js';
import { sampleRecord } from '../record/fixtures.js';

describe('a record file that starts with a BOM', () => {
  const bytes = new TextEncoder().encode(`\ufeff${serializeRecord(sampleRecord())}`);

  it('exports byte for byte, BOM included, whether read from bytes or from the page\'s decoded text', () => {
    expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    for (const input of [bytes, decodeRecordBytes(bytes)!]) {
      const read = readRecordFile('bom.md', input);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(new TextEncoder().encode(exportText(read.record, read.source))).toEqual(bytes);
    }
  });

  it('bytes that are not UTF-8 are refused, not half-decoded', () => {
    expect(decodeRecordBytes(new Uint8Array([0x2d, 0xff, 0x2d]))).toBeNull();
  });
});
