// YAML 1.1 readers (PyYAML) load every record the writer writes (issue 19, case 16): `=` and `<<` are the
// value and merge keys there, so a topic or category of that text is written quoted.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseRecord, serializeFrontMatter } from '../../src/record/index.js';
import { sampleRecord } from './fixtures.js';

const probe = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const why = probe.status === 0 ? null : 'python3 with PyYAML is not installed';
if (why) console.warn(`skipped: ${why}`);

const tricky = ['=', '<<', 'a = b', '<< x'];

describe('records other YAML readers load', () => {
  it('writes `=` and `<<` quoted, and the record still reads back the same', () => {
    const record = sampleRecord({ category: '=', topics: tricky, type: '<<' });
    const yaml = serializeFrontMatter(record);
    expect(yaml).toContain('category: "="');
    expect(yaml).toContain('- "<<"');
    const back = parseRecord(`---\n${yaml}---\n\n`);
    expect(back.ok && back.record).toEqual(record);
  });

  it.skipIf(why)('PyYAML loads it, with the same values', () => {
    const record = sampleRecord({ category: '=', topics: tricky, type: '<<' });
    const loaded = spawnSync('python3', ['-c', 'import sys, json, yaml; d = yaml.safe_load(sys.stdin.read()); print(json.dumps([d["category"], d["type"], d["topics"]]))'],
      { input: serializeFrontMatter(record), encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    expect(JSON.parse(loaded.stdout)).toEqual(['=', '<<', tricky]);
  });
});
