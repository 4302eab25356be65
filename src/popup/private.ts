// The popup's private note: the shared module (src/ui/private-note.ts) wired to the background, with the page's selection.
import type { LedeRecord } from '../record/types.js';
import { withTimeout } from '../shared/promise.js';
import { send } from '../shared/send.js';
import { privateApi } from '../ui/private-api.js';
import { createPrivateNote, type PrivateNote } from '../ui/private-note.js';
import type { showKeyMoment as ShowKeyMoment } from './key-moment.js';
import { later } from '../ui/later.js';

/** A page that does not say what is selected by then is treated as having no selection. */
const SELECTION_TIMEOUT_MS = 2000;

/**
 * `offerSelection`: false for a restored draft, whose person may have removed the selection already.
 * `selection` answers the page's selected text ('' when none), so the popup can show where it went.
 */
export function popupPrivateNote(tabId: number, record: LedeRecord, offerSelection: boolean): { note: PrivateNote; selection: Promise<string> } {
  const pageSelection = offerSelection
    ? withTimeout(send('page/selection', { tabId }), SELECTION_TIMEOUT_MS, () => new Error('no answer')).then((answer) => answer.text, () => '')
    : undefined;
  // Without a key, the first note (or the offered selection) brings the key moment to the top of the popup.
  const note: PrivateNote = createPrivateNote({
    secured: record.secured, pageSelection, api: privateApi,
    onNeedsKey: () => void later<typeof ShowKeyMoment>('popup/key-moment.js', 'showKeyMoment')
      .then((showKeyMoment) => showKeyMoment(document.getElementById('editor-slot')!, () => note.keyReady()))
      .catch((error: unknown) => console.error('Lede: the key moment', error)),
  });
  return { note, selection: pageSelection ?? Promise.resolve('') };
}
