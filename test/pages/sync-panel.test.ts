// @vitest-environment jsdom
// The sync panel's conflicts: both versions side by side, field by field and the body, before the two choices;
// a refresh that brings nothing new leaves the section (and the person's focus) alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncCompare } from '../../src/shared/messages.js';
import type { SyncStatus } from '../../src/shared/sync-status.js';
import { sampleRecord } from '../ui/record.js';
import { until } from '../ui/until.js';

const bg = vi.hoisted(() => ({ calls: [] as Array<[string, unknown]>, status: null as unknown, compare: null as unknown }));

vi.mock('../../src/shared/send.js', () => ({
  send: async (name: string, payload: unknown) => {
    bg.calls.push([name, payload]);
    if (name === 'sync/status' || name === 'sync/resolve') return bg.status;
    if (name === 'sync/compare') return bg.compare;
    throw new Error(`no handler for ${name}`);
  },
}));

const XSS = '<img src=x onerror=alert(1)>';

const status = (): SyncStatus => ({
  mode: 'folder', folder: 'Notes', state: 'idle', syncedAt: null, pending: 0, error: null, progress: null, lastRun: null, images: false,
  issues: [{ kind: 'conflict', name: 'a-headline.md', id: 'https://example.com/a', title: 'A headline' }],
});

describe('sync conflict panel', () => {
  beforeEach(() => {
    bg.calls.length = 0;
    bg.status = status();
    const compare: SyncCompare = {
      folder: { text: '---\n…', record: sampleRecord({ quality: 33, body: `kept line\n${XSS}\n` }), problems: [] },
      library: { id: 'https://example.com/a', record: sampleRecord({ quality: 91, category: 'analysis', body: 'kept line\n' }), savedAt: '', updatedAt: '', revision: 3 },
    };
    bg.compare = compare;
    document.body.replaceChildren();
  });
  afterEach(() => vi.useRealTimers());

  it('shows both versions field by field and the body, before the two choices', async () => {
    const { mountSyncPanel } = await import('../../src/pages/sync/panel.js');
    const root = document.createElement('section');
    document.body.append(root);
    await mountSyncPanel(root).refresh();
    await until('both versions', () => root.querySelector('.compare') !== null);
    expect(bg.calls.filter(([name]) => name === 'sync/compare')).toEqual([['sync/compare', { name: 'a-headline.md' }]]);
    const item = root.querySelector<HTMLElement>('li[data-kind="conflict"]')!;
    const keys = [...item.querySelectorAll<HTMLElement>('.compare-row')].map((row) => row.dataset.key);
    expect(keys).toEqual(['category', 'quality', 'body']);
    const value = (key: string, side: string) => item.querySelector(`.compare-row[data-key="${key}"] [data-side="${side}"] .compare-value`)!.textContent;
    expect(value('quality', 'mine')).toBe('33');
    expect(value('quality', 'theirs')).toBe('91');
    expect(value('body', 'mine')).toBe(`kept line\n${XSS}\n`);
    expect(item.querySelector('img')).toBeNull();
    expect(item.querySelector('[data-side="mine"] .compare-side-name')!.textContent).toBe('editorCompareFolder');
    // The comparison comes before the buttons that choose.
    const section = item.querySelector('.sync-compare')!;
    const choice = item.querySelector('button[data-choice="use-file"]')!;
    expect(section.compareDocumentPosition(choice) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(item.querySelector('input[type="radio"]')).toBeNull();
  });

  it('a file that is not a valid record shows its problems and its text', async () => {
    bg.compare = { folder: { text: `---\ntitle: ${XSS}\n`, record: null, problems: ['a-headline.md:2: quality: missing'] }, library: null } satisfies SyncCompare;
    const { mountSyncPanel } = await import('../../src/pages/sync/panel.js');
    const root = document.createElement('section');
    document.body.append(root);
    await mountSyncPanel(root).refresh();
    await until('the file', () => root.querySelector('.sync-compare-file') !== null);
    expect(root.querySelector('.sync-compare-file pre')!.textContent).toBe(`---\ntitle: ${XSS}\n`);
    expect(root.querySelector('.sync-compare-file .problems')!.textContent).toBe('a-headline.md:2: quality: missing');
    expect(root.textContent).toContain('syncCompareNoRecord');
    expect(root.querySelector('img')).toBeNull();
  });

  it('a refresh with the same issues keeps the section and the focus where they are', async () => {
    const { mountSyncPanel } = await import('../../src/pages/sync/panel.js');
    const root = document.createElement('section');
    document.body.append(root);
    const panel = mountSyncPanel(root);
    await panel.refresh();
    await until('both versions', () => root.querySelector('.compare') !== null);
    const button = root.querySelector<HTMLButtonElement>('button[data-choice="use-library"]')!;
    button.focus();
    await panel.refresh();
    expect(root.querySelector('button[data-choice="use-library"]')).toBe(button);
    expect(document.activeElement).toBe(button);
    expect(bg.calls.filter(([name]) => name === 'sync/compare')).toHaveLength(1);
  });
});
