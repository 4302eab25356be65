// `lede name`: the same names the extension gives, unique among the files given, clear errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { recordFileName, serializeRecord } from '../../src/record/index.js';
import { sampleRecord } from '../record/fixtures.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('lede name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-name-'));
  const one = sampleRecord({ title: 'CON: a/b?' });
  const two = sampleRecord({ title: 'CON: a/b?', originalUrl: 'https://example.com/other', webUrl: 'https://example.com/other' });
  writeFileSync(join(dir, 'a.md'), serializeRecord(one));
  writeFileSync(join(dir, 'b.md'), serializeRecord(two));
  writeFileSync(join(dir, 'c.md'), '# not a record\n');

  it('prints the name recordFileName gives, alone for one file', async () => {
    const result = await run('name', join(dir, 'a.md'));
    expect(result).toEqual({ code: 0, out: `${recordFileName(one)}\n`, err: '' });
  });

  it('gives two records of one title distinct names, and says which file could not be read', async () => {
    const result = await run('name', dir);
    expect(result.code).toBe(1);
    const lines = result.out.trim().split('\n').map((line) => line.split('\t'));
    expect(lines.map(([file]) => file)).toEqual([join(dir, 'a.md'), join(dir, 'b.md')]);
    expect(lines[0]![1]).toBe('2024-02-29-con-a-b.md');
    expect(lines[1]![1]).toMatch(/^2024-02-29-con-a-b-[0-9a-z]{6}\.md$/);
    expect(result.err).toMatch(/c\.md:1: no front matter/);
  });

  it('takes a template and refuses an unknown placeholder', async () => {
    expect((await run('name', '--template', '{title}', join(dir, 'a.md'))).out).toBe('CON a b.md\n');
    const bad = await run('name', '--template', '{when}', join(dir, 'a.md'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown placeholder \{when\}/);
  });
});
