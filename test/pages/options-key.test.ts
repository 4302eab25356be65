// @vitest-environment jsdom
// The options page's key section with the background stood in for: passphrases checked, import errors said, progress shown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrivateStatus } from '../../src/shared/messages.js';
import { setUpPrivateKey } from '../../src/pages/options/private-key.js';
import { repoRoot } from '../shared.js';

const bg = vi.hoisted(() => ({
  sent: [] as Array<[string, any]>,
  status: { key: 'none', createdAt: null, change: null } as PrivateStatus,
  answers: {} as Record<string, unknown>,
}));

vi.mock('../../src/shared/send.js', () => ({
  send: vi.fn(async (type: string, payload: unknown) => {
    bg.sent.push([type, payload]);
    if (type === 'key/status') return bg.status;
    if (type in bg.answers) return bg.answers[type];
    throw new Error(`unexpected ${type}`);
  }),
}));

const html = readFileSync(join(repoRoot, 'src/pages/options/options.html'), 'utf8');
const $ = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

async function open(): Promise<void> {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
  await setUpPrivateKey();
}

function fill(id: string, value: string): void {
  const input = $<HTMLInputElement>(id);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(() => {
  bg.sent.length = 0;
  bg.status = { key: 'none', createdAt: null, change: null };
  bg.answers = {};
});

describe('options: key for private notes', () => {
  it('refuses two different passphrases without asking the background', async () => {
    await open();
    $('key-use-passphrase').click();
    expect($('key-passphrase-fields').hidden).toBe(false);
    fill('key-passphrase', 'a long passphrase');
    fill('key-passphrase-again', 'a long passphrasE');
    $('key-create').click();
    await settled();
    expect(bg.sent.map(([type]) => type)).toEqual(['key/status']);
    expect($('key-status').textContent).toBe('optionsKeyPassphraseDiffer');
  });

  it('creates a passphrase key and shows its backup string once, then hides it', async () => {
    await open();
    bg.answers['key/create'] = { ok: true, backup: 'lede-key:1:pbkdf2-sha256:600000:SALT' };
    $('key-use-passphrase').click();
    fill('key-passphrase', 'a long passphrase');
    fill('key-passphrase-again', 'a long passphrase');
    bg.status = { key: 'passphrase', createdAt: '2026-12-01T00:00:00Z', change: null };
    $('key-create').click();
    await vi.waitFor(() => expect($<HTMLTextAreaElement>('key-backup').value).toBe('lede-key:1:pbkdf2-sha256:600000:SALT'));
    expect(bg.sent.find(([type]) => type === 'key/create')![1]).toEqual({ passphrase: 'a long passphrase' });
    expect($('key-passphrase').value).toBe('');
    expect($('key-create').hidden).toBe(true);
    expect($('key-change').hidden).toBe(false);
    $('key-backup-done').click();
    expect($<HTMLTextAreaElement>('key-backup').value).toBe('');
    expect($('key-backup-box').hidden).toBe(true);
  });

  it('says why an imported backup string is refused, and keeps what was typed', async () => {
    await open();
    bg.answers['key/import'] = { ok: false, message: 'the key backup is version 2; this Lede reads version 1 (a newer Lede wrote it?)' };
    fill('key-import', 'lede-key:2:key:abc');
    $('key-import-button').click();
    await vi.waitFor(() => expect($('key-status').textContent).toMatch(/version 2/));
    expect($<HTMLTextAreaElement>('key-import').value).toBe('lede-key:2:key:abc');
  });

  it('shows an interrupted key change with its progress and a way to continue it', async () => {
    bg.status = { key: 'key', createdAt: '2026-12-01T00:00:00Z', change: { done: 3, total: 10, locked: 1, running: false } };
    await open();
    expect($('key-progress-row').hidden).toBe(false);
    expect($<HTMLProgressElement>('key-progress').value).toBe(3);
    expect($('key-progress-text').textContent).toBe('optionsKeyProgress: 3, 10 optionsKeyProgressLocked: 1');
    expect($('key-resume').hidden).toBe(false);
    expect($<HTMLButtonElement>('key-change').disabled).toBe(true);
    bg.answers['key/resume'] = { key: 'key', createdAt: '2026-12-01T00:00:00Z', change: { done: 3, total: 10, locked: 1, running: true } };
    bg.status = { key: 'key', createdAt: '2026-12-01T00:00:00Z', change: null };
    $('key-resume').click();
    await vi.waitFor(() => expect($('key-status').textContent).toBe('optionsKeyChangeDone'));
    expect($('key-progress-row').hidden).toBe(true);
  });
});
