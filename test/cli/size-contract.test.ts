// The CLI's writers keep to the size contract (issue 19, case 3): `encrypt --write` and `fmt --write` never
// leave a record that `check`, `fmt` and `decrypt` then refuse; the file stays as it was.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseRecord, RECORD_SIZE_RULE, serializeRecord } from '../../src/record/index.js';
import { sampleRecord } from '../record/fixtures.js';

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, stdin: async () => new TextEncoder().encode(stdin) });
  return { code, out, err };
}

function fileWith(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lede-size-')), 'r.md');
  writeFileSync(path, text);
  return path;
}

describe('the CLI writers and the size contract', () => {
  it('encrypt --write with a note of about 1,000,000 characters exits 1 and leaves the record as it was', async () => {
    const original = serializeRecord(sampleRecord());
    const path = fileWith(original);
    const key = (await run(['key', 'new'])).out.trim();
    const result = await run(['encrypt', '--key', key, '--write', path], JSON.stringify({ note: 'n'.repeat(990_000) }));
    expect(result.code).toBe(1);
    expect(result.err).toContain(RECORD_SIZE_RULE);
    expect(result.err).toContain('nothing was written');
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect((await run(['check', path])).code).toBe(0);
  });

  it('fmt --write refuses a record whose canonical form would pass the contract (tabs written as \\t)', async () => {
    const text = serializeRecord(sampleRecord()).replace('title: "A headline"', `title: "${'\t'.repeat(600_000)}x"`);
    expect(parseRecord(text).ok).toBe(true);
    const path = fileWith(text);
    const result = await run(['fmt', '--write', path]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(RECORD_SIZE_RULE);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
