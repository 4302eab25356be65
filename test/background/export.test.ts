// File names for exported records: safe on every system, never empty or hidden.
import { describe, expect, it } from 'vitest';
import { exportFilename } from '../../src/background/export.js';

describe('exportFilename', () => {
  it.each([
    ['Meta’s AI plan', 'Meta’s AI plan.md'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a b c d e f g h i j.md'],
    ['..hidden', 'hidden.md'],
    ['   ', 'record.md'],
    ['', 'record.md'],
    ['Ünïcödé — 日本語', 'Ünïcödé 日本語.md'],
    ['x'.repeat(200), `${'x'.repeat(80)}.md`],
    ['line\nbreak\ttab', 'line break tab.md'],
  ])('%j → %j', (title, expected) => {
    expect(exportFilename(title)).toBe(expected);
  });
});
