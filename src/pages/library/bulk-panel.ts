// The bulk queue's progress on the library page: each batch done / waiting / failed, with pause, resume, cancel,
// each failure's reason and Retry. Asked again every second while a batch runs and the page is seen.
//
// Stable hooks for tests: #bulk-panel, li.bulk-batch[data-batch][data-state] with progress, .bulk-counts,
// buttons [data-action=pause|resume|cancel|dismiss], li.bulk-failed[data-job] with button.retry.
import type { BatchAction, BatchStatus } from '../../shared/bulk-status.js';
import { send } from '../../shared/send.js';
import { byId, h, replaceChildren } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';

const POLL_MS = 1_000;
const panel = byId('bulk-panel');
const status = byId('status');
let timer: ReturnType<typeof setTimeout> | undefined;

function actions(batch: BatchStatus): BatchAction[] {
  if (batch.state === 'running') return ['pause', 'cancel'];
  if (batch.state === 'paused') return ['resume', 'cancel'];
  return ['dismiss'];
}

async function act(run: () => Promise<BatchStatus[]>): Promise<void> {
  try {
    render(await run());
    watchBulk();
  } catch (error) {
    showStatus(status, t('bulkFailed', errorText(error)), 'error');
  }
}

function render(batches: BatchStatus[]): void {
  panel.hidden = batches.length === 0;
  replaceChildren(panel, h('h2', null, t('bulkTitle')), h('ul', null, ...batches.map((batch) => h('li', { class: 'bulk-batch', 'data-batch': batch.id, 'data-state': batch.state },
    h('strong', null, batch.label), ' ',
    h('progress', { max: Math.max(1, batch.total), value: batch.done + batch.failed.length, 'aria-label': t('bulkProgressLabel', batch.label) }), ' ',
    h('span', { class: 'bulk-counts' }, t(`bulkState_${batch.state}`), ' · ', t('bulkCounts', batch.done, batch.waiting + batch.running, batch.failed.length)),
    ...actions(batch).map((action) => h('button', { type: 'button', 'data-action': action, onclick: () => void act(() => send('bulk/control', { batch: batch.id, action })) }, t(`bulkAction_${action}`))),
    batch.skipped.length ? h('details', null, h('summary', null, t('bulkSkipped', batch.skipped.length)),
      h('ul', null, ...batch.skipped.slice(0, 200).map((s) => h('li', null, `${s.url}: ${s.note}`)))) : null,
    batch.failed.length ? h('details', null, h('summary', null, t('bulkFailures', batch.failed.length)),
      h('ul', null, ...batch.failed.slice(0, 200).map((f) => h('li', { class: 'bulk-failed', 'data-job': f.id }, `${f.url}: ${f.reason} `,
        h('button', { type: 'button', class: 'retry', onclick: () => void act(() => send('bulk/retry', { job: f.id })) }, t('bulkRetry')))))) : null))));
}

/** Shows the queue now, and again every second while a batch runs (not while the page is hidden). */
export function watchBulk(): void {
  clearTimeout(timer);
  void send('bulk/status', {}).then((batches) => {
    render(batches);
    if (batches.some((b) => b.state === 'running') && document.visibilityState === 'visible') timer = setTimeout(watchBulk, POLL_MS);
  }, () => undefined);
}

export function setUpBulkPanel(): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') watchBulk();
  });
  watchBulk();
}
