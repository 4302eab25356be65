// @vitest-environment jsdom
// The private note in the editor: clear text only in its controls, the record carries only the encrypted value.
import { describe, expect, it } from 'vitest';
import { decryptSecured, encryptSecured, newKey, type PrivateData } from '../../src/secure/index.js';
import { createEditor } from '../../src/ui/editor.js';
import { createPrivateNote, type PrivateApi } from '../../src/ui/private-note.js';
import { sampleRecord, type } from './record.js';

async function fakeApi(): Promise<PrivateApi & { key: CryptoKey; sealed: string[] }> {
  const { key } = await newKey();
  const sealed: string[] = [];
  return {
    key,
    sealed,
    encrypt: async (data: PrivateData) => {
      const secured = await encryptSecured(data, key);
      sealed.push(secured);
      return { ok: true, secured };
    },
    decrypt: async (secured: string) => {
      const result = await decryptSecured(secured, key);
      return result;
    },
  };
}

function mount(secured: string | undefined, api: PrivateApi, pageSelection?: string, onNeedsKey?: () => void) {
  document.body.replaceChildren();
  const changes: string[] = [];
  const privateNote = createPrivateNote({ secured, api, pageSelection, ...(onNeedsKey ? { onNeedsKey } : {}) });
  const editor = createEditor({
    record: sampleRecord(secured ? { secured } : {}), categories: ['news'], privateNote,
    onChange: (record) => changes.push(JSON.stringify(record)),
  });
  document.body.append(editor.element);
  const $ = <T extends HTMLElement = HTMLTextAreaElement>(id: string) => document.getElementById(id) as T;
  return { editor, privateNote, changes, $ };
}

describe('private note', () => {
  it('keeps the page selection and the note, encrypted; the record and every change carry no clear text', async () => {
    const api = await fakeApi();
    const { editor, privateNote, changes, $ } = mount(undefined, api, '  the chosen words  ');
    await privateNote.settled();
    expect($('private-selection').textContent).toBe('the chosen words');
    type($('private-note'), 'call Ana back');
    const secured = await privateNote.settled();
    const record = editor.read();
    expect(record.secured).toBe(secured);
    expect(await decryptSecured(record.secured!, api.key)).toEqual({ ok: true, data: { note: 'call Ana back', selection: 'the chosen words' } });
    expect(changes.length).toBeGreaterThan(0);
    for (const text of [...changes, JSON.stringify(record)]) {
      expect(text).not.toContain('Ana');
      expect(text).not.toContain('chosen words');
    }
  });

  it('offering the page selection is no edit: the record carries it, but no change (no draft) is announced', async () => {
    const api = await fakeApi();
    const { editor, privateNote, changes, $ } = mount(undefined, api, 'offered words');
    await privateNote.settled();
    expect(changes).toEqual([]);
    expect(await decryptSecured(editor.read().secured!, api.key)).toEqual({ ok: true, data: { selection: 'offered words' } });
    $<HTMLButtonElement>('private-selection-remove').click();
    await privateNote.settled();
    expect(changes).toHaveLength(1);
  });

  it('removes the selection, and with nothing left removes secured', async () => {
    const api = await fakeApi();
    const { editor, privateNote, $ } = mount(undefined, api, 'quote');
    await privateNote.settled();
    expect(editor.read().secured).toBeDefined();
    $<HTMLButtonElement>('private-selection-remove').click();
    await privateNote.settled();
    expect($('private-selection-box').hidden).toBe(true);
    expect(editor.read().secured).toBeUndefined();
  });

  it('opens a record\'s note, keeps other tools\' members, and re-encrypts with a fresh IV', async () => {
    const api = await fakeApi();
    const secured = await encryptSecured({ note: 'old', selection: 's', other: { kept: true } }, api.key);
    const { editor, privateNote, $ } = mount(secured, api);
    await privateNote.settled();
    expect($('private-note').value).toBe('old');
    expect(editor.read().secured).toBe(secured); // opened, untouched: the very same bytes
    type($('private-note'), 'new');
    const next = await privateNote.settled();
    expect(next).not.toBe(secured);
    expect(await decryptSecured(next!, api.key)).toEqual({ ok: true, data: { note: 'new', selection: 's', other: { kept: true } } });
  });

  it('without a key encrypts nothing: asks for one, refuses to drop a typed note, and seals it once the key is ready', async () => {
    const api = await fakeApi();
    const real = api.encrypt;
    let hasKey = false;
    let asked = 0;
    api.encrypt = async (data) => (hasKey ? real(data) : { ok: false, needsKey: true, message: 'private notes need a key first' });
    const { privateNote, $ } = mount(undefined, api, undefined, () => { asked++; });
    type($('private-note'), 'typed before any key');
    await expect(privateNote.settled()).rejects.toThrow(/privateNeedsKeySave/);
    expect(asked).toBe(1);
    expect($('private').dataset.state).toBe('needs-key');
    expect(api.sealed).toEqual([]);
    expect(privateNote.secured()).toBeUndefined();
    hasKey = true;
    privateNote.keyReady();
    const secured = await privateNote.settled();
    expect(await decryptSecured(secured!, api.key)).toEqual({ ok: true, data: { note: 'typed before any key' } });
    expect($('private').dataset.state).toBe('sealed');
  });

  it('without a key, a selection merely offered is left out of a save (the page said so), not kept silently', async () => {
    const api = await fakeApi();
    api.encrypt = async () => ({ ok: false, needsKey: true, message: 'private notes need a key first' });
    let asked = 0;
    const { privateNote, $ } = mount(undefined, api, 'offered selection', () => { asked++; });
    expect(await privateNote.settled()).toBeUndefined();
    expect(asked).toBe(1);
    expect($('private-state').textContent).toBe('privateNeedsKey');
  });

  it('says "private data locked (another key)" and keeps the value byte for byte while other fields change', async () => {
    const api = await fakeApi();
    const foreign = await encryptSecured({ note: 'theirs' }, (await newKey()).key);
    const { editor, privateNote, $ } = mount(foreign, api, 'a selection');
    await privateNote.settled();
    expect($('private').dataset.state).toBe('locked');
    expect($('private-state').textContent).toMatch(/^privateLocked$|locked \(another key\)/);
    expect($('private-note').disabled).toBe(true);
    type($<HTMLTextAreaElement>('title'), 'Edited title');
    const record = editor.read();
    expect(record.title).toBe('Edited title');
    expect(record.secured).toBe(foreign);
    expect(api.sealed).toEqual([]);
  });
});
