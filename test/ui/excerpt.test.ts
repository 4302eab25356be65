// The excerpt's 200-character limit, counted in code points, and how over-long edits are cut.
import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../src/record/text.js';
import { excerptCount, limitEdit } from '../../src/ui/excerpt.js';

describe('excerptCount', () => {
  it('counts code points, so an emoji is one character', () => {
    expect(excerptCount('😀'.repeat(10))).toEqual({ used: 10, remaining: 190, atLimit: false });
    expect(excerptCount('a'.repeat(200))).toEqual({ used: 200, remaining: 0, atLimit: true });
    expect(excerptCount('')).toEqual({ used: 0, remaining: 200, atLimit: false });
  });
});

describe('limitEdit', () => {
  it('lets an edit that fits through', () => {
    expect(limitEdit('abc', 'abcd')).toBeNull();
    expect(limitEdit('', '😀'.repeat(200))).toBeNull();
  });

  it('keeps only as much of a paste as fits, where it was pasted', () => {
    const before = 'a'.repeat(95) + 'b'.repeat(100);
    const after = 'a'.repeat(95) + 'XXXXXXXXXX' + 'b'.repeat(100);
    const cut = limitEdit(before, after)!;
    expect(cut.value).toBe('a'.repeat(95) + 'XXXXX' + 'b'.repeat(100));
    expect(cut.caret).toBe(100);
  });

  it('never splits an emoji', () => {
    const before = '😀'.repeat(199);
    const cut = limitEdit(before, before + '😃😃')!;
    expect(codePointLength(cut.value)).toBe(200);
    expect(cut.value.endsWith('😃')).toBe(true);
    expect(cut.value).toBe([...cut.value].join(''));
    const same = limitEdit('😀'.repeat(200), '😀'.repeat(201))!;
    expect(same.value).toBe('😀'.repeat(200));
  });

  it('blocks typing at the limit', () => {
    const full = 'x'.repeat(200);
    expect(limitEdit(full, full + 'y')!.value).toBe(full);
  });
});
