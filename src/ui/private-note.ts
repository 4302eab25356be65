// The private note and the page's selection: shown in clear only while the editor is open, kept in the record encrypted.
//
// Clear text lives in this module's controls and nowhere else: every change is sent to the background
// to be encrypted, and the record (and so the draft) only ever carries the resulting `secured` value.
// A value that does not open (another key, no key, malformed) is kept byte for byte and never rewritten.
// Without a key nothing is encrypted: the note waits (its clear text only here) until the page's key moment
// (the popup's first screen) has a key, then `keyReady()` seals it.
import type { PrivateData } from '../secure/private-data.js';
import { SELECTION_MAX } from '../secure/private-data.js';
import type { PrivateOpened } from '../shared/messages.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/** The two background calls this needs (private/encrypt and private/decrypt), passed in so tests can stand in. */
export interface PrivateApi {
  encrypt(data: PrivateData): Promise<{ ok: true; secured: string } | { ok: false; message: string; needsKey?: true }>;
  decrypt(secured: string): Promise<PrivateOpened>;
}

export interface PrivateNoteOptions {
  /** The record's `secured` value, if any. */
  secured: string | undefined;
  /** Text selected on the page as Lede opened, offered when the record keeps no selection yet. */
  pageSelection?: Promise<string> | string | undefined;
  api: PrivateApi;
  /** There is no key yet: the page asks the person for one (the popup's key moment), then calls `keyReady()`. */
  onNeedsKey?: () => void;
}

export interface PrivateNote {
  element: HTMLElement;
  /** What the record's `secured` should be now: the last encrypted value, or the original one. */
  secured(): string | undefined;
  /**
   * Waits for the encryption of the latest edit, then answers `secured()`; rejects when it failed, or when a
   * note the person typed waits for a key (a selection merely offered is then left out, as the page said).
   */
  settled(): Promise<string | undefined>;
  /** A key exists now: what waited for one is encrypted. */
  keyReady(): void;
}

/** Pause after typing before the note is encrypted; a save never waits for it (it calls settled()). */
const SEAL_DELAY_MS = 250;

export function createPrivateNote(options: PrivateNoteOptions): PrivateNote {
  const original = options.secured;
  let current = original;
  /** The object last opened or written: other tools' members ride along untouched. */
  let data: PrivateData = {};
  let editable = original === undefined;
  let selection = '';
  let sealing: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failure: string | null = null;
  let announce = false;
  /** Waiting for a key: 'typed' when the person wrote something (a save must not drop it), 'offered' for the page's selection alone. */
  let waiting: 'typed' | 'offered' | null = null;
  let typed = false;

  const note = h('textarea', { id: 'private-note', rows: 2, spellcheck: true, disabled: original !== undefined, 'aria-describedby': 'private-state' });
  const state = h('p', { id: 'private-state', class: 'hint', 'aria-live': 'polite' }, original !== undefined ? t('privateOpening') : t('privateHint'));
  const selectionText = h('blockquote', { id: 'private-selection', class: 'private-selection' });
  const removeSelection = h('button', {
    id: 'private-selection-remove', type: 'button', class: 'link-button',
    onclick: () => { selection = ''; typed = true; showSelection(); schedule(0); note.focus(); },
  }, t('privateSelectionRemove'));
  const selectionBox = h('div', { id: 'private-selection-box', class: 'private-selection-box', hidden: true },
    h('div', { class: 'private-selection-head' }, h('span', null, t('privateSelection')), removeSelection), selectionText);
  const element = h('fieldset', { id: 'private', class: 'field wide private', 'data-field': 'private-note' },
    h('legend', null, t('privateLegend')),
    h('label', { for: 'private-note', class: 'visually-hidden' }, t('privateNoteLabel')),
    note, state, selectionBox);

  function showSelection(): void {
    selectionText.textContent = selection;
    selectionBox.hidden = !selection;
  }

  function locked(message: string): void {
    editable = false;
    note.disabled = true;
    note.value = '';
    element.dataset.state = 'locked';
    state.textContent = message;
  }

  /** The object to encrypt: the opened one with Lede's two members as the form shows them. */
  function composed(): PrivateData | null {
    const next: PrivateData = { ...data };
    delete next.note;
    delete next.selection;
    if (note.value) next.note = note.value;
    if (selection) next.selection = selection;
    return Object.keys(next).length ? next : null;
  }

  /** `edited`: the person changed something, so the editor hears of it (and keeps a draft). */
  function schedule(delay = SEAL_DELAY_MS, edited = true): void {
    if (!editable) return;
    if (timer !== undefined) clearTimeout(timer);
    announce ||= edited;
    timer = setTimeout(seal, delay);
  }

  function seal(): void {
    timer = undefined;
    const tell = announce;
    announce = false;
    const next = composed();
    sealing = sealing.then(async () => {
      if (!next) {
        current = undefined;
      } else {
        const answer = await options.api.encrypt(next);
        if (!answer.ok && answer.needsKey) return needKey(tell);
        if (!answer.ok) throw new Error(answer.message);
        current = answer.secured;
      }
      waiting = null;
      failure = null;
      state.textContent = t('privateHint');
      element.dataset.state = 'sealed';
      // The editor re-reads the record (and keeps its draft) on input events from its form. The selection
      // offered as the popup opens is no edit: announcing it would make an untouched popup a draft.
      if (tell) element.dispatchEvent(new Event('input', { bubbles: true }));
    }).catch((error: unknown) => {
      failure = error instanceof Error ? error.message : String(error);
      state.textContent = t('privateSealFailed', failure);
      element.dataset.state = 'failed';
    });
  }

  /** Nothing is encrypted without a key: the text stays in this form, and the page is asked for one. */
  function needKey(edited: boolean): void {
    waiting = typed ? 'typed' : 'offered';
    announce ||= edited;
    element.dataset.state = 'needs-key';
    state.textContent = t(options.onNeedsKey ? 'privateNeedsKey' : 'privateNeedsKeyOptions');
    options.onNeedsKey?.();
  }

  note.addEventListener('input', (event) => {
    event.stopPropagation(); // clear text: the editor hears about it once it is sealed
    typed = true;
    schedule();
  });

  const offerP = Promise.resolve(options.pageSelection ?? '').then((text) => text.trim().slice(0, SELECTION_MAX), () => '');
  const offered = (offer: string): void => {
    if (!offer || !editable || selection) return;
    selection = offer;
    showSelection();
    schedule(0, false);
  };
  let ready: Promise<void>;
  if (original === undefined) {
    element.dataset.state = 'empty';
    ready = offerP.then(offered);
  } else {
    element.dataset.state = 'opening';
    ready = Promise.all([options.api.decrypt(original), offerP]).then(([opened, offer]) => {
      if (!opened.ok) {
        locked(opened.reason === 'no-key' ? t('privateLockedNoKey') : opened.reason === 'locked' ? t('privateLocked') : t('privateUnreadable', opened.message));
        return;
      }
      data = opened.data;
      editable = true;
      note.disabled = false;
      note.value = typeof data.note === 'string' ? data.note : '';
      selection = typeof data.selection === 'string' ? data.selection : '';
      element.dataset.state = 'open';
      state.textContent = t('privateHint');
      showSelection();
      offered(offer);
    }, () => locked(t('privateLocked')));
  }

  return {
    element,
    secured: () => current,
    async settled() {
      await ready;
      if (timer !== undefined) {
        clearTimeout(timer);
        seal();
      }
      await sealing;
      if (failure) throw new Error(failure);
      if (waiting === 'typed') throw new Error(t('privateNeedsKeySave'));
      return current;
    },
    keyReady() {
      if (waiting) schedule(0, announce);
    },
  };
}
