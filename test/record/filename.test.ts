// File names: the sanitiser against names Windows, macOS and Linux refuse or misread, and property tests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILE_NAME_TEMPLATE, FILE_NAME_MAX_BYTES, fileNameKey, recordFileName, sanitiseStem, templateProblem,
} from '../../src/record/filename.js';
import { propertyRuns } from '../property-runs.js';
import { sampleRecord } from './fixtures.js';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$|CLOCK\$)$/i;

/** Everything a name must be on every system. */
function expectSafe(name: string): void {
  expect(name).toMatch(/\.md$/);
  // eslint-disable-next-line no-control-regex -- control characters are what must not appear
  expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/);
  expect(name).not.toMatch(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/);
  expect(name.isWellFormed()).toBe(true);
  expect(bytes(name)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
  expect(name).not.toMatch(/^[.\s]/);
  expect(name.slice(0, -3)).not.toMatch(/[.\s]$/);
  expect(RESERVED.test(name.split('.')[0]!.trimEnd())).toBe(false);
}

describe('recordFileName', () => {
  it('is {date}-{slug}.md by default: publication date, else saved date', () => {
    expect(DEFAULT_FILE_NAME_TEMPLATE).toBe('{date}-{slug}');
    expect(recordFileName(sampleRecord({ title: 'Meta’s AI: the plan?' }))).toBe('2024-02-29-meta-s-ai-the-plan.md');
    expect(recordFileName(sampleRecord({ publishedDateTime: null, title: 'X' }), { savedAt: '2025-01-02T03:04:05.000Z' })).toBe('2025-01-02-x.md');
    expect(recordFileName(sampleRecord({ publishedDateTime: null, title: 'X' }))).toBe('undated-x.md');
  });

  it('keeps letters of every script', () => {
    expect(recordFileName(sampleRecord({ title: '東京の天気 — Ünïcödé' }))).toBe('2024-02-29-東京の天気-ünïcödé.md');
  });

  it('follows a template with every placeholder, and refuses unknown ones', () => {
    const record = sampleRecord({ title: 'A/B: test', category: 'opinion' });
    expect(recordFileName(record, { template: '{category}/{provider} - {title}' })).toBe('opinion Example News - A B test.md');
    expect(templateProblem('{date}-{nope}')).toMatch(/unknown placeholder \{nope\}/);
    expect(templateProblem('{date} {slug} {provider} {category} {title}.md')).toBeNull();
    expect(recordFileName(record, { template: '{nope}' })).toBe(recordFileName(record));
  });

  it.each([
    ['CON'], ['con'], ['NUL.md'], ['nul.tar'], ['COM1'], ['LPT9'], ['CONIN$'], ['conout$'], ['AUX '], ['COM¹'],
  ])('never a reserved device name: %s', (title) => {
    const name = recordFileName(sampleRecord({ title }), { template: '{title}' });
    expectSafe(name);
    expect(name.startsWith('_')).toBe(true);
  });

  it.each([
    ['../../etc/passwd'], ['..'], ['.hidden'], ['trailing. . .'], ['a<b>c:d"e/f\\g|h?i*j'], ['tab\there\nnewline\u0007bell'],
    ['\u202eevil\u202c.exe'], ['\u200fright\u200e-to-left\u2066x\u2069'], ['   '], [''], ['\ud800lone'], ['\ufeffbom'],
  ])('sanitises %j', (title) => {
    const name = recordFileName(sampleRecord({ title }), { template: '{title}' });
    expectSafe(name);
  });

  it('cuts to 200 bytes without splitting a character or a grapheme', () => {
    const family = '👨‍👩‍👧‍👦'; // 25 bytes, one grapheme
    const name = recordFileName(sampleRecord({ title: family.repeat(20) }), { template: '{title}' });
    expectSafe(name);
    expect(name).toBe(`${family.repeat(7)}.md`);
    const accented = recordFileName(sampleRecord({ title: 'e\u0301'.repeat(100) }), { template: '{title}' });
    expect(accented.slice(0, -3).normalize('NFC')).toBe('é'.repeat(98));
  });

  it('a clash gets a short suffix from the record\'s address, the same every time, case-insensitively', () => {
    const record = sampleRecord({ title: 'Same' });
    const first = recordFileName(record);
    const taken = new Set([fileNameKey(first.toUpperCase())]);
    const second = recordFileName(record, { taken });
    expect(second).toMatch(/^2024-02-29-same-[0-9a-z]{6}\.md$/);
    expect(recordFileName(record, { taken })).toBe(second);
    const other = recordFileName(sampleRecord({ title: 'Same', originalUrl: 'https://example.com/b' }), { taken });
    expect(other).not.toBe(second);
  });

  it('an imported file keeps its own name only when it is safe everywhere', async () => {
    const { isSafeFileName } = await import('../../src/record/filename.js');
    expect(isSafeFileName('2024-02-29-same-title-rsxf1n.md')).toBe(true);
    expect(isSafeFileName('Notes on ünïcödé.md')).toBe(true);
    for (const name of ['CON.md', 'a:b.md', '.hidden.md', 'trailing .md', 'x.txt', 'a\u202eb.md']) expect(isSafeFileName(name), name).toBe(false);
  });

  it('sanitiseStem never returns an empty name', () => {
    expect(sanitiseStem('...')).toBe('record');
    expect(sanitiseStem('\u0301'.repeat(300))).not.toBe('');
  });
});

describe('recordFileName, property-tested', () => {
  const title = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 150 }),
    fc.constantFrom('CON', 'nul.md', '..', '.', ' . ', 'COM1', 'LPT9.txt', '\u202e'));
  const template = fc.constantFrom('{date}-{slug}', '{title}', '{provider}/{title}', '{category} {title}.md', '../{title}');

  it('any title gives a valid, bounded name', () => {
    fc.assert(fc.property(title, template, (t, tpl) => {
      expectSafe(recordFileName(sampleRecord({ title: t, provider: { name: t, domain: 'x.com' } }), { template: tpl }));
    }), { numRuns: propertyRuns(400) });
  });

  it('names given in turn never clash', () => {
    fc.assert(fc.property(fc.array(title, { minLength: 1, maxLength: 30 }), (titles) => {
      const taken = new Set<string>();
      titles.forEach((t, i) => {
        const name = recordFileName(sampleRecord({ title: t, originalUrl: `https://example.com/${i % 3}` }), { template: '{title}', taken });
        expectSafe(name);
        expect(taken.has(fileNameKey(name))).toBe(false);
        taken.add(fileNameKey(name));
      });
    }), { numRuns: propertyRuns(100) });
  });
});
