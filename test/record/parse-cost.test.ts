// Inputs built to be slow: each is read or refused whole, with a clear problem. Times are printed,
// not asserted (the machine is shared); `npm run bench:parse` compares them with the yaml library's own checks.
import { describe, expect, it } from 'vitest';
import { ALIAS_BUDGET, FRONT_MATTER_MAX_BYTES, parseRecord, type ParseResult } from '../../src/record/read.js';
import { costlyInputs } from './costly-inputs.js';

function timed(name: string, text: string): ParseResult {
  const started = performance.now();
  const result = parseRecord(text, { file: 'costly.md' });
  console.info(`parse cost: ${name} (${(text.length / 1024).toFixed(0)} KB) ${(performance.now() - started).toFixed(0)} ms`);
  return result;
}

describe('parseRecord has bounded cost', () => {
  const inputs = costlyInputs();

  it('refuses 40,000 unknown keys before parsing them: more than 10,000 lines and items', () => {
    const result = timed('40,000 unknown keys', inputs.manyKeys);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/more than 10,000 lines and list items/);
  });

  it('reads 8,000 unknown keys (one pass for duplicates) and keeps them all', () => {
    const result = timed('8,000 unknown keys', inputs.fewerKeys);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.record.extra ?? {})).toHaveLength(8_000);
  });

  it('finds a duplicate among 8,000 keys, with its line', () => {
    const result = timed('8,000 keys, last one twice', inputs.fewerKeysDuplicate);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ key: 'k0', line: 8_004, message: expect.stringMatching(/twice/) });
  });

  it(`refuses 3,000 anchor/alias pairs, before parsing: more than ${ALIAS_BUDGET} aliases`, () => {
    const result = timed('3,000 anchor/alias pairs', inputs.manyAliases);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(new RegExp(`more than ${ALIAS_BUDGET} aliases`));
  });

  it('refuses an alias bomb within the budget (each alias doubling the last)', () => {
    const result = timed('alias bomb', inputs.aliasBomb);
    expect(result.ok).toBe(false);
  });

  it('refuses front matter over 1 MB before reading it', () => {
    const result = timed('1.5 MB front matter', inputs.hugeFrontMatter);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/over 1 MB/) })]);
  });

  it('refuses a 1.9 MB file whose front matter never closes, as too large rather than by reading it', () => {
    const result = timed('1.9 MB unterminated', inputs.unterminated);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/over 1 MB/);
  });

  it('refuses 200,000 flow items on one line before parsing them', () => {
    const result = timed('200,000 flow items', inputs.manyFlowItems);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/more than 10,000 lines and list items/);
  });

  it('reads front matter just under 1 MB of multi-byte text', () => {
    expect(FRONT_MATTER_MAX_BYTES).toBe(1024 * 1024);
    const result = timed('0.99 MB of é', inputs.justUnder);
    expect(result.ok).toBe(true);
  });

  it('refuses nesting 100,000 deep before parsing, not with a crash', () => {
    const result = timed('100,000 deep', inputs.deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/more than 64 lists or maps in a row/);
  });

  it('a few aliases within the budget still read', () => {
    const result = timed('3 aliases', '---\ntitle: t\noriginalUrl: "https://a.example/"\nx: &a [1, 2]\ny: *a\nz: [*a, *a]\n---\n\n');
    expect(result.ok && result.record.extra).toEqual({ x: [1, 2], y: [1, 2], z: [[1, 2], [1, 2]] });
  });

  it('refuses another tool\'s value nested deeper than the writer goes', () => {
    const result = timed('40 deep unknown value', inputs.deepExtra);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ key: 'deep', message: expect.stringMatching(/deeper than/) });
  });

  it('keeps a body of 1.9 MB exactly, whatever it holds', () => {
    const result = timed('1.9 MB body', inputs.bigBody);
    expect(result.ok && result.record.body.length).toBe(inputs.bigBody.length - inputs.bigBody.indexOf('---\n\n', 4) - 5);
  });
});
