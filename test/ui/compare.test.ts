// @vitest-environment jsdom
// Two versions of a record compared field by field: which fields differ, the person's choice per field, and
// record text kept as text (the private data never opened, never in the markup).
import { beforeEach, describe, expect, it } from 'vitest';
import { compareRecords, defaultTake, takeFields } from '../../src/ui/compare.js';
import { createComparison } from '../../src/ui/compare-view.js';
import { sampleRecord } from './record.js';

const XSS = '<img src=x onerror=alert(1)>';
const SECRET = 'U0VDUkVUX0NJUEhFUg==;aXZpdml2aXZpdg==';

const entry = (title: string) => ({ title, excerpt: '', publishedDateTime: null, webUrl: `https://r.example/${title}`,
  type: 'article', provider: { name: 'R', domain: 'r.example' }, quality: 1, images: [] });

describe('comparing two records', () => {
  it('names every field that differs, and only those', () => {
    const mine = sampleRecord({ category: 'analysis', quality: 91 });
    const theirs = sampleRecord({
      quality: 33, body: 'a line added in the folder\n', topics: ['AI', 'Energy'], heat: 4, published: true,
      title: 'Other', excerpt: 'x', publishedDateTime: null, type: 'video', webUrl: 'https://example.com/b',
      originalUrl: 'https://example.com/b', provider: { name: 'Other', domain: 'other.example' }, related: [entry('R')],
      secured: SECRET, extra: { custom: 1 },
    });
    const differ = compareRecords(mine, theirs).filter((f) => !f.same).map((f) => f.key);
    expect(differ).toEqual(['title', 'excerpt', 'publishedDateTime', 'category', 'type', 'quality', 'heat', 'published',
      'provider.name', 'provider.domain', 'originalUrl', 'webUrl', 'topics', 'related', 'body', 'secured', 'extra']);
    expect(compareRecords(mine, mine).every((f) => f.same)).toBe(true);
  });

  it('with the version both started from, says who changed what and defaults to the newer value the person left alone', () => {
    const base = sampleRecord({ quality: 91, body: 'one\n' });
    const mine = sampleRecord({ quality: 91, body: 'one\n', category: 'analysis' });
    const theirs = sampleRecord({ quality: 33, body: 'one\ntwo\n' });
    const fields = new Map(compareRecords(mine, theirs, base).map((f) => [f.key, f]));
    expect(fields.get('quality')).toMatchObject({ same: false, changedHere: false, changedThere: true });
    expect(fields.get('category')).toMatchObject({ same: false, changedHere: true, changedThere: false });
    expect(defaultTake(fields.get('quality')!)).toBe('theirs');
    expect(defaultTake(fields.get('body')!)).toBe('theirs');
    expect(defaultTake(fields.get('category')!)).toBe('mine');
    // Without a base nothing is known of who changed what: the person's own version stays.
    expect(compareRecords(mine, theirs).map(defaultTake).every((take) => take === 'mine')).toBe(true);
  });

  it('takes the chosen fields of the other version, and leaves both inputs as they were', () => {
    const mine = sampleRecord({ quality: 91, category: 'analysis', secured: SECRET });
    const theirs = sampleRecord({ quality: 33, provider: { name: 'Theirs', domain: 'example.com' }, extra: { k: [1] } });
    const merged = takeFields(mine, theirs, ['quality', 'provider.name', 'secured', 'extra']);
    expect(merged).toEqual({ ...mine, quality: 33, provider: { name: 'Theirs', domain: 'example.com' }, extra: { k: [1] }, secured: undefined });
    expect('secured' in merged).toBe(false);
    expect(mine.quality).toBe(91);
    (merged.extra!.k as number[]).push(2);
    expect(theirs.extra!.k).toEqual([1]);
  });
});

describe('the comparison view', () => {
  beforeEach(() => document.body.replaceChildren());

  it('shows each differing field side by side as text, the private note only as changed', () => {
    const mine = sampleRecord({ title: XSS, quality: 91, secured: SECRET });
    const theirs = sampleRecord({ title: 'Plain', quality: 33, body: `${XSS}\nline two\n` });
    const view = createComparison({ id: 'c', mine, theirs, mineLabel: 'Yours', theirsLabel: 'Folder' });
    document.body.append(view.element);
    expect(view.differing).toBe(4);
    const rows = [...document.querySelectorAll<HTMLElement>('.compare-row')];
    expect(rows.map((row) => row.dataset.key)).toEqual(['title', 'quality', 'body', 'secured']);
    const side = (key: string, which: string) => document.querySelector(`.compare-row[data-key="${key}"] [data-side="${which}"] .compare-value`)!.textContent;
    expect(side('title', 'mine')).toBe(XSS);
    expect(side('quality', 'mine')).toBe('91');
    expect(side('quality', 'theirs')).toBe('33');
    expect(side('body', 'theirs')).toBe(`${XSS}\nline two\n`);
    expect(document.querySelector('img')).toBeNull();
    expect(side('secured', 'mine')).toBe('editorComparePrivate');
    expect(side('secured', 'theirs')).toBe('editorCompareNoPrivate');
    expect(document.body.innerHTML).not.toContain('U0VDUkVU');
    expect(document.querySelector('.compare-row[data-key="secured"] .compare-field')!.textContent).toContain('editorCompareChanged');
    expect(document.querySelector('.compare-same')!.textContent).toContain('editorExcerpt');
    // Without choices, a view only.
    expect(document.querySelector('input[type="radio"]')).toBeNull();
  });

  it('lets the person take the other version field by field, by keyboard-reachable radios', () => {
    const base = sampleRecord({ quality: 91 });
    const mine = sampleRecord({ quality: 91, category: 'analysis' });
    const theirs = sampleRecord({ quality: 33, body: 'new\n' });
    const view = createComparison({ id: 'c', mine, theirs, base, mineLabel: 'Yours', theirsLabel: 'Folder', choose: true });
    document.body.append(view.element);
    const radio = (key: string, which: string) => document.querySelector<HTMLInputElement>(`input[name="c-${key}"][value="${which}"]`)!;
    expect(radio('quality', 'theirs').checked).toBe(true);
    expect(radio('body', 'theirs').checked).toBe(true);
    expect(radio('category', 'mine').checked).toBe(true);
    expect(view.merged()).toEqual({ ...mine, quality: 33, body: 'new\n' });
    radio('category', 'theirs').click();
    radio('body', 'mine').click();
    expect(view.fromTheirs().sort()).toEqual(['category', 'quality']);
    expect(view.merged()).toEqual({ ...mine, quality: 33, category: 'news' });
    // Each choice is a labelled radio inside a fieldset named by its field.
    const fieldset = radio('quality', 'mine').closest('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent).toContain('editorQuality');
    expect(radio('quality', 'mine').closest('label')!.textContent).toContain('Yours');
  });
});
