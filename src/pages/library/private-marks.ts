// Marks library rows that hold private data, and says which are locked (another key) without any clear text crossing over.
import { send } from '../../shared/send.js';
import { t } from '../../ui/i18n.js';

/** Asks the background which of these rows' private data opens with this browser's key, and labels each mark. */
export async function markPrivate(rows: HTMLElement[]): Promise<void> {
  const marks = rows.map((row) => row.querySelector<HTMLElement>('.private-mark')).filter((mark): mark is HTMLElement => mark !== null);
  if (marks.length === 0) return;
  try {
    const { opens } = await send('private/check', { secured: marks.map((mark) => mark.dataset.secured ?? '') });
    marks.forEach((mark, i) => {
      const locked = !opens[i];
      mark.dataset.state = locked ? 'locked' : 'open';
      mark.textContent = locked ? t('libraryPrivateLocked') : t('libraryPrivate');
    });
  } catch {
    // Unknown: the mark keeps saying only that there is private data.
  }
}
