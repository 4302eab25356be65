// @vitest-environment jsdom
// The options page as a person meets it: filled from the background, every control labelled, checked before saving.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings, type Settings } from '../../src/shared/settings.js';
import { repoRoot } from '../shared.js';

const sent: Array<{ type: string; payload: unknown }> = [];
/** What the background says of Lede's helper (`sync/helper`). */
const helper = vi.hoisted(() => ({ answer: { running: false, error: 'Lede’s helper is not running (Specified native messaging host not found.). Set it up with: lede host install --folder DIR, or see lede host status' } as unknown }));
let stored: Settings;

vi.mock('../../src/shared/send.js', () => ({
  send: vi.fn(async (type: string, payload: { settings?: Partial<Settings> }) => {
    sent.push({ type, payload });
    if (type === 'settings/get') return stored;
    if (type === 'key/status') return { key: 'none', createdAt: null, change: null };
    if (type === 'sync/helper') return helper.answer;
    if (type.startsWith('sync/')) {
      return { mode: type === 'sync/choose' ? 'downloads' : 'off', folder: (payload as { folder?: string }).folder ?? '', state: 'idle',
        syncedAt: null, pending: 0, error: null, progress: null, issues: [], images: false };
    }
    if (type === 'settings/set') {
      stored = { ...stored, ...payload.settings };
      return stored;
    }
    throw new Error(`unexpected ${type}`);
  }),
}));

// The browser's permissions: what is granted, and how the browser answers a request (the person's choice).
const permissions = vi.hoisted(() => ({
  granted: new Set<string>(),
  answer: true as boolean | Error,
  requests: 0,
}));
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'abcdefghijklmnopabcdefghijklmnop' },
    permissions: {
      contains: async ({ permissions: wanted }: { permissions: string[] }) => wanted.every((p) => permissions.granted.has(p)),
      request: async ({ permissions: wanted }: { permissions: string[] }) => {
        permissions.requests++;
        if (permissions.answer instanceof Error) throw permissions.answer;
        if (permissions.answer) for (const p of wanted) permissions.granted.add(p);
        return permissions.answer;
      },
      remove: async ({ permissions: wanted }: { permissions: string[] }) => {
        for (const p of wanted) permissions.granted.delete(p);
        return true;
      },
      onAdded: { addListener: () => undefined },
      onRemoved: { addListener: () => undefined },
    },
  },
}));

const html = readFileSync(join(repoRoot, 'src/pages/options/options.html'), 'utf8');
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

async function openPage(): Promise<void> {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.replaceChildren(...[...parsed.documentElement.childNodes].map((n) => document.importNode(n, true)));
  vi.resetModules();
  await import('../../src/pages/options/options.js');
  await settled();
}

function submit(): Promise<unknown> {
  $<HTMLFormElement>('options-form').requestSubmit();
  return settled();
}

beforeEach(() => {
  permissions.granted.clear();
  permissions.answer = true;
  permissions.requests = 0;
  sent.length = 0;
  stored = { ...defaultSettings, categories: ['tech', 'news'], defaultCategory: 'news', defaultQuality: 30 };
});

describe('options page', () => {
  it('labels every control', async () => {
    await openPage();
    for (const control of document.querySelectorAll('input, select, textarea')) {
      expect(document.querySelector(`label[for="${control.id}"]`), control.id).not.toBeNull();
    }
  });

  it('shows the stored settings', async () => {
    await openPage();
    expect($<HTMLTextAreaElement>('options-categories').value).toBe('tech\nnews');
    expect([...$<HTMLSelectElement>('options-default-category').options].map((o) => o.value)).toEqual(['tech', 'news']);
    expect($<HTMLSelectElement>('options-default-category').value).toBe('news');
    expect($<HTMLInputElement>('options-default-quality').value).toBe('30');
    expect($<HTMLInputElement>('options-default-heat').value).toBe('-1');
    expect($<HTMLInputElement>('options-default-published').checked).toBe(false);
    expect($<HTMLFieldSetElement>('options-busy').disabled).toBe(false);
  });

  it('offers the categories as typed for the default category', async () => {
    await openPage();
    const text = $<HTMLTextAreaElement>('options-categories');
    text.value = 'science\n\n  news  \nscience';
    text.dispatchEvent(new Event('input', { bubbles: true }));
    expect([...$<HTMLSelectElement>('options-default-category').options].map((o) => o.value)).toEqual(['science', 'news']);
    expect($<HTMLSelectElement>('options-default-category').value).toBe('news');
  });

  it('saves the form through the background', async () => {
    await openPage();
    $<HTMLTextAreaElement>('options-categories').value = 'a\nb';
    $<HTMLTextAreaElement>('options-categories').dispatchEvent(new Event('input', { bubbles: true }));
    $<HTMLSelectElement>('options-default-category').value = 'b';
    $<HTMLInputElement>('options-default-quality').value = '75';
    $<HTMLInputElement>('options-default-heat').value = '4';
    $<HTMLInputElement>('options-default-published').checked = true;
    $<HTMLInputElement>('options-file-name-template').value = ' {provider} - {title} ';
    await submit();
    expect(sent.at(-1)).toEqual({ type: 'settings/set', payload: { settings: {
      categories: ['a', 'b'], defaultCategory: 'b', defaultQuality: 75, defaultHeat: 4, defaultPublished: true,
      fileNameTemplate: '{provider} - {title}',
    } } });
    expect($('options-status').dataset.kind).toBe('ok');
  });

  it('marks wrong values, says so, and sends nothing', async () => {
    await openPage();
    $<HTMLInputElement>('options-default-quality').value = '150';
    $<HTMLInputElement>('options-default-heat').value = '';
    await submit();
    expect(sent.map((m) => m.type).filter((type) => type.startsWith('settings/'))).toEqual(['settings/get']);
    expect($('options-default-quality').getAttribute('aria-invalid')).toBe('true');
    expect($('options-default-heat').getAttribute('aria-invalid')).toBe('true');
    expect($('options-default-quality-error').hidden).toBe(false);
    expect($('options-categories').hasAttribute('aria-invalid')).toBe(false);
    expect($('options-status').dataset.kind).toBe('error');
    expect(document.activeElement?.id).toBe('options-default-quality');
  });

  it('restores the defaults', async () => {
    await openPage();
    $('options-reset').click();
    await settled();
    expect(sent.at(-1)).toEqual({ type: 'settings/set', payload: { settings: defaultSettings } });
    expect($<HTMLTextAreaElement>('options-categories').value).toBe(defaultSettings.categories.join('\n'));
  });

  describe('showing the ✓ on saved pages as I browse', () => {
    const box = () => $<HTMLInputElement>('options-mark-tabs');
    const toggle = async () => {
      box().click();
      await settled();
      await settled();
    };

    it('says what the browser granted, and asks for "tabs" only when turned on', async () => {
      await openPage();
      expect(box().checked).toBe(false);
      expect(box().disabled).toBe(false);
      expect(permissions.requests).toBe(0);
      await toggle();
      expect(permissions.requests).toBe(1);
      expect(permissions.granted.has('tabs')).toBe(true);
      expect(box().checked).toBe(true);
      expect($('options-marks-status').textContent).toBe('optionsMarkTabsOn');
    });

    it('stays off when the person declines, and says so', async () => {
      permissions.answer = false;
      await openPage();
      await toggle();
      expect(box().checked).toBe(false);
      expect($('options-marks-status').textContent).toBe('optionsMarkTabsDeclined');
    });

    it('gives the permission back when turned off', async () => {
      permissions.granted.add('tabs');
      await openPage();
      expect(box().checked).toBe(true);
      await toggle();
      expect(permissions.granted.has('tabs')).toBe(false);
      expect(box().checked).toBe(false);
      expect($('options-marks-status').textContent).toBe('optionsMarkTabsOff');
    });

    it('puts the box back and explains when the browser refuses to ask', async () => {
      permissions.answer = new Error('permissions.request may only be called from a user input handler');
      await openPage();
      await toggle();
      expect(box().checked).toBe(false);
      expect($('options-marks-status').textContent).toContain('user input handler');
    });
  });

  describe('sync to a folder', () => {
    beforeEach(() => {
      permissions.granted.clear();
      permissions.answer = true;
    });

    it('says plainly what a browser without a folder picker can do, and offers Downloads', async () => {
      await openPage();
      // jsdom, like Firefox, has no showDirectoryPicker.
      expect($('options-sync-folder').hidden).toBe(true);
      expect($('options-sync-firefox').hidden).toBe(false);
      expect($<HTMLInputElement>('options-sync-downloads-folder').value).toBe('Lede');
    });

    it('refuses a folder name that climbs out of Downloads, and asks nothing', async () => {
      await openPage();
      const asked = permissions.requests;
      $<HTMLInputElement>('options-sync-downloads-folder').value = '../../.ssh';
      $('options-sync-downloads').click();
      await settled();
      expect($('options-sync-downloads-folder').getAttribute('aria-invalid')).toBe('true');
      expect(permissions.requests).toBe(asked);
      expect(sent.some((m) => m.type === 'sync/choose')).toBe(false);
    });

    it('helper: asks for nativeMessaging in the click; not answering, shows the exact command with Lede’s id, and checks again', async () => {
      helper.answer = { running: false, error: 'Lede’s helper is not running (Specified native messaging host not found.). Set it up with: lede host install --folder DIR, or see lede host status' };
      await openPage();
      $('options-sync-helper-use').click();
      await settled();
      await settled();
      expect(permissions.granted.has('nativeMessaging')).toBe(true);
      expect($('options-sync-helper-setup').hidden).toBe(false);
      expect($('options-sync-helper-missing').textContent).toBe('optionsSyncHelperMissing: Lede’s helper is not running (Specified native messaging host not found.).');
      expect($('options-sync-helper-command').textContent)
        .toBe('lede host install --browser chromium --extension-id abcdefghijklmnopabcdefghijklmnop --folder ~/Lede');
      // The folder typed goes into the command, quoted for the shell when it needs it.
      const dir = $<HTMLInputElement>('options-sync-helper-dir');
      dir.value = "~/My Notes/it's";
      dir.dispatchEvent(new Event('input'));
      expect($('options-sync-helper-command').textContent).toMatch(/--folder ~\/'My Notes\/it'\\''s'$/);
      // Installed meanwhile: Check again finds it, and its folder starts helper sync.
      helper.answer = { running: true, version: '0.1.0', folders: [{ id: 'notes', name: 'Notes', path: '/home/me/Notes' }] };
      $('options-sync-helper-again').click();
      await settled();
      expect($('options-sync-helper-setup').hidden).toBe(true);
      expect($('options-sync-helper-ready').hidden).toBe(false);
      expect($<HTMLSelectElement>('options-sync-helper-folder').selectedOptions[0]!.textContent).toBe('Notes (/home/me/Notes)');
      $('options-sync-helper-start').click();
      await settled();
      expect(sent.find((m) => m.type === 'sync/choose')?.payload).toEqual({ mode: 'helper', folder: 'notes' });
    });

    it('helper: the person declining the permission changes nothing, and says so', async () => {
      await openPage();
      permissions.answer = false;
      $('options-sync-helper-use').click();
      await settled();
      expect(sent.some((m) => m.type === 'sync/helper')).toBe(false);
      expect($('options-sync-status').textContent).toBe('optionsSyncHelperDeclined');
    });

    it('asks for the downloads permission, then starts syncing into the named folder', async () => {
      await openPage();
      $<HTMLInputElement>('options-sync-downloads-folder').value = 'notes/Lede';
      $('options-sync-downloads').click();
      await settled();
      await settled();
      expect(permissions.granted.has('downloads')).toBe(true);
      expect(sent.find((m) => m.type === 'sync/choose')?.payload).toEqual({ mode: 'downloads', folder: 'notes/Lede' });
    });
  });
});
