// @vitest-environment jsdom
// The shared editor: every field shown and read back, page text kept as text, limits and validation.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEditor } from '../../src/ui/editor.js';
import { key, sampleRecord, type } from './record.js';

const XSS = '<img src=x onerror=alert(1)>';
const originalTz = process.env.TZ;
afterAll(() => { process.env.TZ = originalTz; });

function mount(options: Partial<Parameters<typeof createEditor>[0]> = {}) {
  document.body.replaceChildren();
  const editor = createEditor({ record: sampleRecord(), categories: ['news', 'analysis'], ...options });
  document.body.append(editor.element);
  const $ = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
  return { editor, $ };
}

describe('record editor', () => {
  beforeEach(() => document.body.replaceChildren());

  it('gives back the very same record when nothing was touched, in any time zone', () => {
    for (const zone of ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Kiritimati']) {
      process.env.TZ = zone;
      const record = sampleRecord({
        secured: 'YWJj;MDEyMzQ1Njc4OWFiY2RlZg==', extra: { custom: 1 }, body: 'notes\n',
        publishedDateTime: '2024-11-03T06:30:00Z', // the repeated hour in New York
        related: [{ title: 'R', excerpt: '', publishedDateTime: null, webUrl: 'https://r.example/',
          type: 'article', provider: { name: 'R', domain: 'r.example' }, quality: 1, images: [] }],
      });
      const { editor } = mount({ record });
      expect(editor.read()).toEqual(record);
    }
  });

  it('reads every field the user changed', () => {
    process.env.TZ = 'Europe/Berlin';
    const { editor, $ } = mount();
    type($('title'), '  New title ');
    type($<HTMLTextAreaElement>('excerpt'), 'New excerpt');
    type($('published-at'), '2023-05-03T14:24:00');
    $<HTMLSelectElement>('category').value = 'analysis';
    type($('type'), 'video');
    type($('quality'), '80');
    type($('heat'), '3');
    $('published').checked = true;
    type($('provider-name'), 'Stratechery');
    type($('provider-domain'), 'stratechery.com');
    type($('original-url'), 'https://stratechery.com/x');
    type($('web-url'), 'https://stratechery.com/x?amp');
    type($<HTMLTextAreaElement>('body'), 'My note');
    expect(editor.read()).toMatchObject({
      title: 'New title', excerpt: 'New excerpt', publishedDateTime: '2023-05-03T12:24:00Z', category: 'analysis',
      type: 'video', quality: 80, heat: 3, published: true,
      provider: { name: 'Stratechery', domain: 'stratechery.com' },
      originalUrl: 'https://stratechery.com/x', webUrl: 'https://stratechery.com/x?amp', body: 'My note',
    });
  });

  it('clears the date to null', () => {
    const { editor, $ } = mount();
    $<HTMLButtonElement>('clear-date').click();
    expect($('published-at').value).toBe('');
    expect(editor.read().publishedDateTime).toBeNull();
  });

  it('shows page text as text, never as markup', () => {
    const record = sampleRecord({
      title: XSS, excerpt: XSS, provider: { name: XSS, domain: 'x.example' }, topics: [XSS],
      related: [{ title: XSS, excerpt: '', publishedDateTime: null, webUrl: 'javascript:alert(1)',
        type: 'article', provider: { name: XSS, domain: '' }, quality: 0, images: [] }],
    });
    const { editor, $ } = mount({ record, sources: { title: XSS } });
    expect(document.querySelector('img')).toBeNull();
    expect($('title').value).toBe(XSS);
    expect($('title').title).toContain(XSS);
    expect(document.querySelector('#topics .chip-text')!.textContent).toBe(XSS);
    expect(document.querySelector('#related .related-entry')!.textContent).toContain(XSS);
    expect(document.querySelector('#related a')).toBeNull(); // a javascript: address is not a link
    expect(editor.read().title).toBe(XSS);
  });

  it('counts the excerpt in code points and blocks text over 200', () => {
    const { editor, $ } = mount({ record: sampleRecord({ excerpt: '' }) });
    const excerpt = $<HTMLTextAreaElement>('excerpt');
    type(excerpt, '😀'.repeat(150));
    expect($('excerpt-count').textContent).toContain('50');
    type(excerpt, '😀'.repeat(150) + 'x'.repeat(60));
    expect([...excerpt.value]).toHaveLength(200);
    expect($('excerpt-count').classList.contains('at-limit')).toBe(true);
    expect([...editor.read().excerpt]).toHaveLength(200);
  });

  it('shows where each extracted value came from on hover', () => {
    const { $ } = mount({ sources: { title: 'og:title', publishedDateTime: 'json-ld', providerName: 'og:site_name' } });
    expect($('title').title).toContain('og:title');
    expect($('title').dataset.source).toBe('og:title');
    expect($('published-at').dataset.source).toBe('json-ld');
    expect($('provider-name').dataset.source).toBe('og:site_name');
  });

  it('labels every control', () => {
    mount();
    for (const control of document.querySelectorAll<HTMLElement>('input, select, textarea')) {
      const labelled = control.getAttribute('aria-label') || document.querySelector(`label[for="${control.id}"]`);
      expect(labelled, `#${control.id}`).toBeTruthy();
    }
  });

  it('syncs the quality slider and number', () => {
    const { $ } = mount();
    type($('quality-range'), '70');
    expect($('quality').value).toBe('70');
    type($('quality'), '20');
    expect($('quality-range').value).toBe('20');
  });

  it('refuses invalid values and says why beside the field', () => {
    const { editor, $ } = mount();
    type($('title'), '   ');
    type($('quality'), '101');
    type($('heat'), '-5');
    type($('original-url'), 'ftp://example.com/');
    expect(editor.validate()).toBe(false);
    for (const id of ['title', 'quality', 'heat', 'original-url']) {
      expect($(id).getAttribute('aria-invalid'), id).toBe('true');
      expect($(`${id}-error`).hidden, id).toBe(false);
    }
    expect(document.activeElement).toBe($('title'));
    type($('title'), 'Fine');
    type($('quality'), '100');
    type($('heat'), '-1');
    type($('original-url'), 'https://example.com/');
    expect(editor.validate()).toBe(true);
    expect($('title').hasAttribute('aria-invalid')).toBe(false);
  });

  it('a warning of the field rules is shown and never blocks: a record with heat -7 saves as it is', () => {
    const { editor, $ } = mount({ record: sampleRecord({ heat: -7, type: '' }) });
    expect(editor.validate()).toBe(true);
    expect($('heat-error').hidden).toBe(false);
    expect($('heat-error').textContent).toMatch(/-1 means not set/);
    expect(editor.read()).toMatchObject({ heat: -7, type: '' });
  });

  it('puts the background’s problems beside their fields', () => {
    const { editor, $ } = mount();
    const rest = editor.showProblems([
      { key: 'provider.domain', message: 'not a domain', severity: 'error' },
      { key: 'secured', message: 'bad', severity: 'error' },
    ]);
    expect($('provider-domain-error').textContent).toBe('not a domain');
    expect(rest.map((p) => p.key)).toEqual(['secured']);
  });

  it('saves with Ctrl+Enter or Cmd+Enter, and reports each change', () => {
    const onSubmit = vi.fn();
    const onChange = vi.fn();
    const { $ } = mount({ onSubmit, onChange });
    key($('title'), 'Enter');
    expect(onSubmit).not.toHaveBeenCalled();
    key($('title'), 'Enter', { ctrlKey: true });
    key($<HTMLTextAreaElement>('excerpt'), 'Enter', { metaKey: true });
    expect(onSubmit).toHaveBeenCalledTimes(2);
    type($('title'), 'Changed');
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Changed' }));
  });

  it('keeps a category the settings no longer list, and removes related entries', () => {
    const related = [{ title: 'One', excerpt: '', publishedDateTime: null, webUrl: 'https://one.example/',
      type: 'article', provider: { name: 'One', domain: 'one.example' }, quality: 1, images: [] }];
    const { editor, $ } = mount({ record: sampleRecord({ category: 'archive', related }) });
    expect($<HTMLSelectElement>('category').value).toBe('archive');
    document.querySelector<HTMLButtonElement>('#related .remove-related')!.click();
    expect(editor.read().related).toEqual([]);
    expect(editor.read().category).toBe('archive');
  });
});

describe('hover hints', () => {
  it('ignore sources of values the form does not show', () => {
    document.body.replaceChildren();
    const editor = createEditor({ record: sampleRecord(), categories: ['news'], sources: { images: 'og:image', suggestedTopics: 'keywords' } });
    document.body.append(editor.element);
    expect((document.getElementById('topic-input') as HTMLInputElement).dataset.source).toBe('keywords');
  });
});

describe('topic suggestions in the editor', () => {
  it('offers first the library topics the title or excerpt names, also when they arrive after the form', () => {
    const offered = () => [...document.querySelectorAll('#topic-quick .quick-topic')].map((b) => b.textContent);
    const record = sampleRecord({ title: 'Tidal turbines light the harbour', excerpt: 'Six turbines now power the lamps.', topics: [] });
    const { editor } = mount({ record, suggestedTopics: ['Energy', 'Harbours'] });
    expect(offered()).toEqual(['+ Energy', '+ Harbours']);
    editor.setKnownTopics(['Gardening', 'Tidal turbines', 'lamps']);
    expect(offered()).toEqual(['+ Tidal turbines', '+ lamps', '+ Energy', '+ Harbours']);
  });

  it('shows no source hint for a key that only an object prototype has', () => {
    const { $ } = mount({ sources: { constructor: 'x', title: 'og:title' } as never });
    expect($('title').dataset.source).toBe('og:title');
  });

  it('spells a typed topic as the library does, also for topics learnt after the form opened', () => {
    const { editor, $ } = mount({ record: sampleRecord({ topics: [] }), knownTopics: ['Energy'], suggestedTopics: ['climate'] });
    type($('topic-input'), 'energy');
    key($('topic-input'), 'Enter');
    editor.setKnownTopics(['Energy', 'Climate']);
    // The page's suggestion is offered, and added, in the library's spelling.
    expect([...document.querySelectorAll('.quick-topic')].map((b) => b.textContent)).toEqual(['+ Climate']);
    document.querySelector<HTMLButtonElement>('.quick-topic')!.click();
    type($('topic-input'), 'ENERGY');
    key($('topic-input'), 'Enter');
    expect(editor.read().topics).toEqual(['Energy', 'Climate']);
  });
});
