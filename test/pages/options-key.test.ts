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
  status: { key: 'none', createdAt: null, change: null, reminder: false, keys: [] } as PrivateStatus,
  answers: {} as Record<string, unknown>,
}));

vi.mock('../../src/shared/send.js', () => ({
  send: vi.fn(async (type: string, payload: unknown) => {
    bg.sent.push([type, payload]);
    if (type === 'key/status') return bg.status;
    if (type === 'key/list' && !('key/list' in bg.answers)) return { keys: bg.status.keys, unopened: 0, hidden: 0 };
    if (type in bg.answers) return bg.answers[type];
    throw new Error(`unexpected ${type}`);
  }),
}));

const html = readFileSync(join(repoRoot, 'src/pages/options/options.html'), 'utf8');
const $ = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
function status(key: PrivateStatus['key'], more: Partial<PrivateStatus> = {}): PrivateStatus {
  const keys: PrivateStatus['keys'] = key === 'none' ? [] : [{ id: 'k1', role: 'current', kind: key, createdAt: '2026-12-01T00:00:00Z', backupConfirmed: true }];
  return { key, createdAt: key === 'none' ? null : '2026-12-01T00:00:00Z', change: null, reminder: false, keys, ...more };
}

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
  bg.status = status('none');
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
    expect(bg.sent.map(([type]) => type)).toEqual(['key/status', 'key/list']);
    expect($('key-status').textContent).toBe('optionsKeyPassphraseDiffer');
  });

  it('creates a passphrase key and shows its backup string until it is confirmed kept', async () => {
    await open();
    bg.answers['key/create'] = { ok: true, backup: 'lede-key:2:pbkdf2-sha256:600000:SALT:CHECK', id: 'k1' };
    bg.answers['key/confirm'] = { ok: true };
    $('key-use-passphrase').click();
    fill('key-passphrase', 'a long passphrase');
    fill('key-passphrase-again', 'a long passphrase');
    $('key-create').click();
    await vi.waitFor(() => expect($<HTMLTextAreaElement>('key-backup').value).toBe('lede-key:2:pbkdf2-sha256:600000:SALT:CHECK'));
    expect(bg.sent.find(([type]) => type === 'key/create')![1]).toEqual({ passphrase: 'a long passphrase' });
    expect($('key-passphrase').value).toBe('');
    // Nothing is encrypted with it until the person says they kept the backup.
    expect(bg.sent.map(([type]) => type)).not.toContain('key/confirm');
    bg.status = status('passphrase');
    $('key-backup-done').click();
    await vi.waitFor(() => expect($('key-backup-box').hidden).toBe(true));
    expect(bg.sent.find(([type]) => type === 'key/confirm')![1]).toEqual({ id: 'k1', kept: true });
    expect($<HTMLTextAreaElement>('key-backup').value).toBe('');
    expect($('key-create').hidden).toBe(true);
    expect($('key-change').hidden).toBe(false);
    // A passphrase key's backup can be shown again from the passphrase.
    expect($('key-rederive-box').hidden).toBe(false);
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
    bg.status = status('key', { change: { done: 3, total: 10, locked: 1, running: false } });
    await open();
    expect($('key-progress-row').hidden).toBe(false);
    expect($<HTMLProgressElement>('key-progress').value).toBe(3);
    expect($('key-progress-text').textContent).toBe('optionsKeyProgress: 3, 10 optionsKeyProgressLocked: 1');
    expect($('key-resume').hidden).toBe(false);
    expect($<HTMLButtonElement>('key-change').disabled).toBe(true);
    // An import or a second change is refused while a change is unfinished, and the page says why.
    expect($<HTMLButtonElement>('key-import-button').disabled).toBe(true);
    expect($('key-busy').hidden).toBe(false);
    bg.answers['key/resume'] = status('key', { change: { done: 3, total: 10, locked: 1, running: true } });
    bg.status = status('key');
    $('key-resume').click();
    await vi.waitFor(() => expect($('key-status').textContent).toBe('optionsKeyChangeDone'));
    expect($('key-progress-row').hidden).toBe(true);
    expect($<HTMLButtonElement>('key-import-button').disabled).toBe(false);
  });

  it('reminds while the key\'s backup is not confirmed', async () => {
    bg.status = status('key', { reminder: true });
    await open();
    expect($('key-reminder').hidden).toBe(false);
    expect($('key-reminder-generated').hidden).toBe(false);
    bg.answers['key/confirm'] = { ok: true };
    bg.status = status('key');
    $('key-reminder-kept').click();
    await vi.waitFor(() => expect($('key-reminder').hidden).toBe(true));
    expect(bg.sent.find(([type]) => type === 'key/confirm')![1]).toEqual({ id: 'k1', kept: true });
  });

  it('lists the ring with record counts, and removes a retired key only after the warning', async () => {
    bg.status = status('key');
    bg.answers['key/list'] = { keys: [
      { id: 'k2', role: 'current', kind: 'key', createdAt: '2026-12-02T00:00:00Z', backupConfirmed: true, records: 4 },
      { id: 'k1', role: 'retired', kind: 'passphrase', createdAt: '2026-11-01T00:00:00Z', backupConfirmed: false, records: 1 },
    ], unopened: 2, hidden: 0 };
    bg.answers['key/remove'] = { ok: false, message: 'an unsaved popup draft holds a note under this key: save or discard it first; the key was kept' };
    await open();
    const rows = [...$('key-ring').querySelectorAll('li')].map((li) => [li.dataset.role, li.textContent]);
    expect(rows[0]![0]).toBe('current');
    expect(rows[0]![1]).toContain('optionsKeyRow: optionsKeyKindKey');
    expect(rows[0]![1]).toContain(', 4, optionsKeyBackupKept');
    expect(rows[1]![1]).toContain(', 1, optionsKeyBackupNotKept');
    expect($('key-unopened').textContent).toBe('optionsKeyUnopened: 2');
    expect($('key-ring').querySelector('[data-role="current"] [data-remove]')).toBeNull();
    $<HTMLButtonElement>('key-ring').querySelector<HTMLButtonElement>('[data-remove="k1"]')!.click();
    expect($('key-remove-box').hidden).toBe(false);
    expect(bg.sent.map(([type]) => type)).not.toContain('key/remove');
    $('key-remove-confirm').click();
    await vi.waitFor(() => expect($('key-status').textContent).toMatch(/draft holds a note/));
    expect(bg.sent.find(([type]) => type === 'key/remove')![1]).toEqual({ id: 'k1' });
  });
});
