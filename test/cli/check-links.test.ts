// `lede check DIR` and links (issue 19, case 16): a link to a record is checked like the file, a link to a
// folder or to nothing is said, never passed over in silence.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { serializeRecord } from '../../src/record/index.js';
import { sampleRecord } from '../record/fixtures.js';

async function check(dir: string) {
  let out = '';
  let err = '';
  const code = await main(['check', dir], { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('lede check over a folder with links', () => {
  it('follows a link to a record file, and names links to folders and to nothing', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'lede-outside-'));
    writeFileSync(join(outside, 'bad.md'), serializeRecord(sampleRecord()).replace('quality: 50', 'quality: high'));
    const dir = mkdtempSync(join(tmpdir(), 'lede-links-'));
    writeFileSync(join(dir, 'a.md'), serializeRecord(sampleRecord()));
    symlinkSync(join(outside, 'bad.md'), join(dir, 'linked.md'));
    symlinkSync(outside, join(dir, 'folder-link'));
    symlinkSync(join(outside, 'gone.md'), join(dir, 'broken.md'));
    mkdirSync(join(dir, 'sub'));
    const result = await check(dir);
    expect(result.out).toMatch(/linked\.md:\d+: quality: must be a whole number/);
    expect(result.out).toContain(`${join(dir, 'folder-link')}: warning: a link to a folder; not followed`);
    expect(result.out).toContain(`${join(dir, 'broken.md')}: warning: a link to nothing (no such file or folder); not read`);
    expect(result.err).toBe('checked 2 records: 1 error, 2 warnings\n');
    expect(result.code).toBe(1);
  });
});
