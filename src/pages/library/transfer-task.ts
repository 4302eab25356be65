// One transfer at a time on the library page (export, backup or import): its progress bar, its cancel
// button, and its failure said in the product's words.
import { byId } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { showStatus } from '../../ui/status.js';
import { plainFailure } from './failures.js';

const panel = byId('transfer');
const progress = byId<HTMLProgressElement>('transfer-progress');
const progressText = byId('transfer-text');
const cancelButton = byId<HTMLButtonElement>('transfer-cancel');
export const status = byId('status');

let cancelled = false;
let busy = false;

export const isCancelled = (): boolean => cancelled;

export function showProgress(label: string, done: number, total: number): void {
  panel.hidden = false;
  progress.max = Math.max(total, 1);
  progress.value = done;
  progressText.textContent = t('transferProgress', label, done, total);
}

export async function task(label: string, work: () => Promise<void>): Promise<void> {
  if (busy) return;
  busy = true;
  cancelled = false;
  showProgress(label, 0, 0);
  cancelButton.focus();
  try {
    await work();
  } catch (error) {
    showStatus(status, t('transferFailed', plainFailure(error)), 'error');
  } finally {
    busy = false;
    panel.hidden = true;
  }
}

cancelButton.addEventListener('click', () => { cancelled = true; });
