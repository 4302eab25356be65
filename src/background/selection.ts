// The text the person had selected in the tab as Lede opened: read on request (activeTab), for the private note.
import { SELECTION_MAX } from '../secure/private-data.js';
import type { ScriptingApi } from './inject.js';

/** Runs in the page, serialised on its own: it may use nothing from outside its body. */
function selectedText(): string {
  const active = document.activeElement;
  // A selection inside a text field is not part of the document's selection in every browser.
  if (active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && active.type === 'text')) {
    const { selectionStart: start, selectionEnd: end, value } = active;
    if (start !== null && end !== null && end > start) return value.slice(start, end);
  }
  return String(getSelection() ?? '');
}

/** The selection, at most SELECTION_MAX units; '' when there is none or the page cannot be read. */
export async function readSelection(scripting: ScriptingApi, tabId: number): Promise<string> {
  try {
    const [first] = await scripting.executeScript({ target: { tabId }, func: selectedText });
    return typeof first?.result === 'string' ? first.result.slice(0, SELECTION_MAX) : '';
  } catch {
    return '';
  }
}
