// A stale editor: its record changed in the library since the form opened. It says so, shows both versions,
// and saves nothing over the newer revision until the person has chosen (theirs, the other, or field by field).
//
// Stable hooks for tests: #stale-warning[data-by] (#stale-text, #stale-compare); the panel (compare-panel.ts)
// with #stale-keep-mine, #stale-take-theirs, #stale-take-chosen, or #stale-save-again for a deleted record.
import type { LedeRecord } from '../record/types.js';
import type { ChangeSource, LibraryChanged, StoredRecord } from '../shared/messages.js';
import type { openComparePanel as OpenComparePanel } from './compare-panel.js';
import { later } from './later.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { relativeTime } from './relative-time.js';

/** What says who changed the record, by `changedBy` ("Changed in the sync folder 4s ago"). */
const CHANGED_BY: Record<ChangeSource, string> = {
  sync: 'editorStaleSync', popup: 'editorStaleWindow', library: 'editorStaleWindow', images: 'editorStaleImages',
  menu: 'editorStaleMenu', undo: 'editorStaleUndo', import: 'editorStaleImport', key: 'editorStaleKey', bulk: 'editorStaleBulk',
};

/** Where the other version came from, as the comparison's column says it. */
const THEIR_SIDE: Record<ChangeSource, string> = {
  sync: 'editorCompareSync', popup: 'editorCompareWindow', library: 'editorCompareWindow', images: 'editorCompareLibrary',
  menu: 'editorCompareLibrary', undo: 'editorCompareLibrary', import: 'editorCompareLibrary', key: 'editorCompareLibrary', bulk: 'editorCompareLibrary',
};

export interface StaleOptions {
  /** The record's library id; null while the page is not saved (then only a save's answer can tell). */
  id: string | null;
  /** The revision the form opened on (null: not saved then). */
  revision: number | null;
  /** The record as the form opened it: a field the person left alone defaults to the newer value. */
  base: LedeRecord | null;
  /** The form's record now. */
  read(): LedeRecord;
  /** The library's row now. */
  get(id: string): Promise<StoredRecord | null>;
  /** The person has chosen: save this record over the library's row as it is now (null: the record is gone; save it anew). */
  resolve(record: LedeRecord, current: StoredRecord | null): void;
  lang?: string | undefined;
}

export interface StaleEditor {
  /** The warning line for the first screen; hidden while the form is current. */
  element: HTMLElement;
  /** A `library/changed` event: the form is stale when it names this record at a newer revision. */
  changed(change: LibraryChanged): void;
  /**
   * The library holds a newer version than the form (a save's `conflict` answer, a stale draft), or none any
   * more (null: deleted); `open` shows the panel.
   */
  outdated(current: StoredRecord | null, open: boolean): void;
  /** A save must wait for the person's choice: true while the form is known to be stale. */
  stale(): boolean;
  /** The revision a save sends. */
  revision(): number | null;
  /** A save of this form is on its way: its own change event must not read as someone else's. */
  saving(): void;
  /** The save's answer: the stored row (the form is current again), or null when it did not store. */
  saved(stored: StoredRecord | null): void;
  /** Opens the comparison. */
  open(): Promise<void>;
  dispose(): void;
}

interface Newer {
  by: ChangeSource | undefined;
  at: string;
  deleted: boolean;
  /** The library's row; undefined until asked for, null when the library holds none. */
  current: StoredRecord | null | undefined;
}

export function createStaleEditor(options: StaleOptions): StaleEditor {
  let revision = options.revision;
  let base = options.base;
  let newer: Newer | null = null;
  let held: LibraryChanged[] | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  const text = h('span', { id: 'stale-text' });
  const compare = h('button', { id: 'stale-compare', type: 'button', class: 'link-button', onclick: () => void open() }, t('editorStaleCompare'));
  const element = h('p', { id: 'stale-warning', class: 'note stale', role: 'status', hidden: true }, text, ' ', compare);

  const render = () => {
    element.hidden = !newer;
    clearInterval(timer);
    if (!newer) return;
    const { at } = newer;
    element.dataset.by = newer.deleted ? 'deleted' : newer.by ?? 'unknown';
    const when = relativeTime(at, new Date(), options.lang, { seconds: true });
    const key = newer.deleted ? 'editorStaleDeleted' : newer.by ? CHANGED_BY[newer.by] : 'editorStaleElsewhere';
    text.textContent = t(key, when);
    timer = setInterval(() => {
      text.textContent = t(key, relativeTime(at, new Date(), options.lang, { seconds: true }));
    }, 5000);
  };

  const fetchCurrent = async (): Promise<StoredRecord | null> => {
    if (!newer) return null;
    if (newer.current !== undefined || !options.id) return newer.current ?? null;
    const found = newer;
    const current = await options.get(options.id);
    // A newer event may have come while the row was asked for: keep what it set.
    if (newer === found) found.current = current;
    return current;
  };

  function changed(change: LibraryChanged): void {
    if (!options.id || change.id !== options.id) return;
    if (held) {
      held.push(change);
      return;
    }
    if (!change.deleted && revision !== null && change.revision <= revision) return;
    // A key change re-encrypted the record and nothing else wrote since the form opened: the same content under
    // another key (the background renews the form's copy as it saves), so the form is still current.
    if (!newer && change.by === 'key' && !change.deleted && revision !== null && change.revision === revision + 1) {
      revision = change.revision;
      return;
    }
    newer = { by: change.by, at: change.at, deleted: Boolean(change.deleted), current: change.deleted ? null : undefined };
    render();
    if (!change.deleted) void fetchCurrent().catch(() => undefined);
  }

  function outdated(current: StoredRecord | null, show: boolean): void {
    newer = current ? { by: current.changedBy, at: current.updatedAt, deleted: false, current }
      : { by: undefined, at: new Date().toISOString(), deleted: true, current: null };
    render();
    if (show) void open();
  }

  async function open(): Promise<void> {
    let current: StoredRecord | null;
    try {
      current = await fetchCurrent();
    } catch (error) {
      // Not knowing the library's version is not the same as its being gone: say so, offer nothing.
      text.textContent = t('editorStaleReadFailed', error instanceof Error ? error.message : String(error));
      return;
    }
    if (!newer) return;
    let openComparePanel: typeof OpenComparePanel;
    try {
      openComparePanel = await later<typeof OpenComparePanel>('ui/compare-panel.js', 'openComparePanel');
    } catch (error) {
      text.textContent = t('editorStaleReadFailed', error instanceof Error ? error.message : String(error));
      return;
    }
    const mine = options.read();
    if (!current) {
      openComparePanel({
        title: t('editorStaleTitle'), intro: t('editorStaleDeletedIntro'), comparison: null,
        choices: [{ id: 'stale-save-again', label: t('editorStaleSaveAgain'), primary: true, run: () => options.resolve(mine, null) }],
      });
      return;
    }
    const theirs = current.record;
    const side = newer.by ? THEIR_SIDE[newer.by] : 'editorCompareLibrary';
    openComparePanel({
      title: t('editorStaleTitle'), intro: t('editorStaleIntro'),
      comparison: { mine, theirs, base, mineLabel: t('editorCompareMine'), theirsLabel: t(side), choose: true },
      choices: [
        { id: 'stale-keep-mine', label: t('editorStaleKeepMine'), run: () => options.resolve(mine, current) },
        { id: 'stale-take-theirs', label: t('editorStaleTakeTheirs'), run: () => options.resolve(theirs, current) },
        { id: 'stale-take-chosen', label: t('editorStaleTakeChosen'), primary: true, run: (c) => options.resolve(c ? c.merged() : mine, current) },
      ],
    });
  }

  return {
    element,
    changed,
    outdated,
    stale: () => newer !== null,
    revision: () => revision,
    saving: () => { held ??= []; },
    saved(stored) {
      const events = held ?? [];
      held = null;
      if (stored) {
        revision = stored.revision;
        base = stored.record;
        newer = null;
        render();
      }
      for (const change of events) changed(change);
    },
    open,
    dispose: () => clearInterval(timer),
  };
}
