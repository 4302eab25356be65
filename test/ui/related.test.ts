// @vitest-environment jsdom
// The related list in the editor: add by address through a host, every bad answer shown beside its entry,
// duplicates refused, edit, reorder by keyboard and drag, remove; page text stays text.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RelatedEntry } from '../../src/record/types.js';
import { blankRelated } from '../../src/related/list.js';
import { createEditor } from '../../src/ui/editor.js';
import type { RelatedHost } from '../../src/ui/related.js';
import type { RelatedAnswer } from '../../src/shared/messages.js';
import { key, sampleRecord, type } from './record.js';

const XSS = '<img src=x onerror=alert(1)>';

function entry(n: number, overrides: Partial<RelatedEntry> = {}): RelatedEntry {
  return {
    title: `Entry ${n}`, excerpt: `About ${n}.`, publishedDateTime: '2024-01-0' + n + 'T00:00:00Z', webUrl: `https://site${n}.example/a`,
    type: 'article', provider: { name: `Site ${n}`, domain: `site${n}.example` }, quality: 50 + n,
    images: [{ url: `https://img.example/${n}.jpg`, width: 100, height: 50, isCached: false }], ...overrides,
  };
}

function host(answers: Record<string, RelatedAnswer>, granted = true) {
  const calls: string[] = [];
  const kept: string[] = [];
  const h: RelatedHost = {
    defaultQuality: 33,
    requestAccess: vi.fn(async (url: string) => { calls.push(`access ${url}`); return granted; }),
    read: async (url) => { calls.push(`read ${url}`); return answers[url] ?? { ok: false, reason: 'network', message: 'Unreachable.' }; },
    keepPending: async (url) => { kept.push(url); },
  };
  return { host: h, calls, kept };
}

function mount(related: RelatedEntry[], relatedHost?: RelatedHost) {
  document.body.replaceChildren();
  const onChange = vi.fn();
  const editor = createEditor({ record: sampleRecord({ related }), categories: ['news'], relatedHost, onChange });
  document.body.append(editor.element);
  return { editor, onChange };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const rows = () => [...document.querySelectorAll('#related .related-entry')];
const status = (i: number) => rows()[i]?.querySelector('.related-status')?.textContent ?? '';

function addByUrl(url: string) {
  type(document.querySelector<HTMLInputElement>('#related-url')!, url);
  document.querySelector<HTMLButtonElement>('#related-add')!.click();
}

describe('related list', () => {
  beforeEach(() => document.body.replaceChildren());

  it('adds by address: access asked first, in the click; the read entry fills the list', async () => {
    const read = entry(3, { title: XSS });
    const { host: h, calls, kept } = host({ 'https://news.example/story': { ok: true, entry: read, notice: '' } });
    const { editor, onChange } = mount([], h);
    addByUrl(' https://news.example/story ');
    expect(calls).toEqual(['access https://news.example/story']); // synchronously, before anything else
    expect(status(0)).toBe('relatedReading: news.example');
    await flush();
    expect(calls).toEqual(['access https://news.example/story', 'read https://news.example/story']);
    expect(kept).toEqual(['https://news.example/story']);
    expect(editor.read().related).toEqual([{ ...read, quality: 33 }]);
    expect(rows()[0]!.textContent).toContain(XSS);
    expect(document.querySelector('#related img')).toBeNull(); // no remote image until the entry is opened
    expect(onChange).toHaveBeenCalled();
    rows()[0]!.querySelector<HTMLButtonElement>('.edit-related')!.click();
    expect(document.querySelector<HTMLImageElement>('#related img')!.src).toBe('https://img.example/3.jpg');
  });

  it('every failure is said beside the entry, which stays to be filled by hand', async () => {
    const answers: Record<string, RelatedAnswer> = {
      'https://a.example/404': { ok: false, reason: 'http-status', message: 'The site answered with error 404.' },
    };
    const { host: h } = host(answers);
    const { editor } = mount([], h);
    addByUrl('https://a.example/404');
    await flush();
    expect(status(0)).toBe('The site answered with error 404. relatedFillByHand');
    expect(rows()[0]!.classList.contains('failed')).toBe(true);
    // Opened for editing: typing fills it in.
    type(rows()[0]!.querySelector<HTMLInputElement>('input[data-key="title"]')!, 'Typed title');
    expect(editor.read().related[0]).toMatchObject({ title: 'Typed title', webUrl: 'https://a.example/404', quality: 33 });
    addByUrl('not a url');
    expect(status(1)).toBe('relatedInvalidUrl: not a url relatedFillByHand');
    addByUrl('ftp://files.example/x');
    expect(status(2)).toContain('relatedNotWeb: ftp');
    expect(editor.validate()).toBe(false); // the untitled entries cannot be saved yet
  });

  it('a refused permission is said, and nothing is fetched', async () => {
    const { host: h, calls } = host({}, false);
    mount([], h);
    addByUrl('https://closed.example/x');
    await flush();
    expect(status(0)).toBe('relatedNoAccess: closed.example relatedFillByHand');
    expect(calls).toEqual(['access https://closed.example/x']);
    expect(rows()[0]!.querySelector('.retry-related')).not.toBeNull();
  });

  it('no duplicates: not an entry twice, not the record itself, not a canonical already there', async () => {
    const { host: h, calls } = host({ 'https://amp.site1.example/a': { ok: true, entry: entry(1), notice: '' } });
    const { editor } = mount([entry(1)], h);
    addByUrl('https://site1.example/a?utm_source=x');
    expect(document.querySelector('#related-add-status')!.textContent).toBe('relatedDuplicate: https://site1.example/a?utm_source=x');
    addByUrl('https://example.com/a');
    expect(document.querySelector('#related-add-status')!.textContent).toBe('relatedSelf');
    addByUrl('https://amp.site1.example/a');
    await flush();
    expect(calls).toHaveLength(2);
    expect(editor.read().related).toEqual([entry(1)]);
    expect(document.querySelector('#related-add-status')!.textContent).toBe('relatedDuplicate: https://site1.example/a');
  });

  it('reorders by Alt+Up/Down, the arrow buttons and drag; removes', () => {
    const { editor } = mount([entry(1), entry(2), entry(3)]);
    const order = () => editor.read().related.map((e) => e.title);
    key(rows()[2]!.querySelector('.drag-handle')!, 'ArrowUp', { altKey: true });
    expect(order()).toEqual(['Entry 1', 'Entry 3', 'Entry 2']);
    expect(document.activeElement).toBe(rows()[1]!.querySelector('.drag-handle'));
    rows()[0]!.querySelector<HTMLButtonElement>('.move-down')!.click();
    expect(order()).toEqual(['Entry 3', 'Entry 1', 'Entry 2']);
    const drag = (type: string, target: Element) => {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.assign(event, { dataTransfer: { setData() {}, getData: () => '', types: [] } });
      target.dispatchEvent(event);
    };
    drag('dragstart', rows()[2]!);
    drag('drop', rows()[0]!);
    expect(order()).toEqual(['Entry 2', 'Entry 3', 'Entry 1']);
    rows()[1]!.querySelector<HTMLButtonElement>('.remove-related')!.click();
    expect(order()).toEqual(['Entry 2', 'Entry 1']);
  });

  it('edits every field of an entry', () => {
    const { editor } = mount([entry(1)]);
    rows()[0]!.querySelector<HTMLButtonElement>('.edit-related')!.click();
    const set = (k: string, v: string) => type(rows()[0]!.querySelector<HTMLInputElement>(`[data-key="${k}"]`)!, v);
    set('title', 'T'); set('excerpt', 'E'); set('date', '2020-02-02T02:02:02Z'); set('url', 'https://new.example/x');
    set('type', 'video'); set('quality', '7'); set('provider-name', 'New'); set('provider-domain', 'new.example');
    set('image', 'https://img.example/n.png'); set('width', '640'); set('height', '360');
    expect(editor.read().related).toEqual([{
      title: 'T', excerpt: 'E', publishedDateTime: '2020-02-02T02:02:02Z', webUrl: 'https://new.example/x', type: 'video',
      provider: { name: 'New', domain: 'new.example' }, quality: 7,
      images: [{ url: 'https://img.example/n.png', width: 640, height: 360, isCached: false }],
    }]);
    set('date', 'yesterday');
    expect(editor.validate()).toBe(false);
    expect(status(0)).toBe('relatedErrorDate');
  });

  it('a dropped link is added', async () => {
    const { host: h, calls } = host({ 'https://dropped.example/p': { ok: true, entry: entry(4), notice: 'note' } });
    mount([], h);
    const event = new Event('drop', { bubbles: true, cancelable: true });
    Object.assign(event, { dataTransfer: { getData: (t: string) => (t === 'text/uri-list' ? '# comment\nhttps://dropped.example/p\n' : ''), types: ['text/uri-list'] } });
    document.querySelector('#related')!.dispatchEvent(event);
    await flush();
    expect(calls).toEqual(['access https://dropped.example/p', 'read https://dropped.example/p']);
    expect(status(0)).toBe('note');
  });

  it('reopened, an entry still waiting is read by itself once its site is granted; one still refused says so and keeps its button', async () => {
    let answer!: (a: RelatedAnswer) => void;
    const { host: h, calls } = host({});
    h.read = (url) => { calls.push(`read ${url}`); return new Promise((resolve) => { answer = resolve; }); };
    h.hasAccess = async (url) => { calls.push(`has ${url}`); return url.startsWith('https://granted.example'); };
    // The background's list of reads that never finished; the 404 below finished (it failed), so it is not in it.
    h.waiting = async () => ['https://granted.example/a', 'https://refused.example/b'];
    const { editor } = mount([blankRelated('https://granted.example/a', 40), blankRelated('https://refused.example/b', 41),
      blankRelated('https://gone.example/404', 42), entry(1)], h);
    await flush();
    // No prompt: access is only looked at. The granted one shows its progress while it is read.
    expect(calls.sort()).toEqual(['has https://granted.example/a', 'has https://refused.example/b', 'read https://granted.example/a']);
    expect(rows()[0]!.classList.contains('busy')).toBe(true);
    expect(status(0)).toBe('relatedReading: granted.example');
    expect(status(1)).toBe('relatedNoAccess: refused.example relatedFillByHand');
    expect(rows()[1]!.classList.contains('failed')).toBe(true);
    expect(rows()[1]!.querySelector('.retry-related')).not.toBeNull();
    expect(status(2)).toBe('');
    expect(rows()[2]!.querySelector('.retry-related')).not.toBeNull();
    answer({ ok: true, entry: entry(3), notice: '' });
    await flush();
    expect(editor.read().related.map((e) => [e.title, e.quality])).toEqual([['Entry 3', 40], ['', 41], ['', 42], ['Entry 1', 51]]);
    expect(rows()[0]!.classList.contains('busy')).toBe(false);
    // The refused one asks again only when clicked.
    rows()[1]!.querySelector<HTMLButtonElement>('.retry-related')!.click();
    expect(calls.at(-1)).toBe('access https://refused.example/b');
  });

  it('with nothing waiting, a reopened list reads nothing', async () => {
    const { host: h, calls } = host({});
    h.hasAccess = async () => true;
    h.waiting = async () => [];
    mount([blankRelated('https://gone.example/404', 42)], h);
    await flush();
    expect(calls).toEqual([]);
    expect(status(0)).toBe('');
  });

  it('typing or pasting an address starts the reader before the Add click (once, and only for a web address)', () => {
    const { host: h } = host({});
    let prepared = 0;
    h.prepare = () => { prepared++; };
    mount([], h);
    const input = document.querySelector<HTMLInputElement>('#related-url')!;
    type(input, 'news.exa');
    expect(prepared).toBe(0);
    type(input, 'https://news.example/story');
    type(input, 'https://news.example/story2');
    expect(prepared).toBe(1);
  });
});
