// What the popup shows for a page it cannot read: what happened, why, and what the user can do.
import type { PageReadResult } from '../shared/messages.js';
import { h, replaceChildren } from '../ui/dom.js';
import { t } from '../ui/i18n.js';

type Failure = Extract<PageReadResult, { ok: false }>;
export type FailureReason = Failure['reason'];

const TEXT: Record<FailureReason, { title: string; help: string; retry: boolean }> = {
  restricted: { title: 'popupRestrictedTitle', help: 'popupRestrictedHelp', retry: false },
  'no-access': { title: 'popupNoAccessTitle', help: 'popupNoAccessHelp', retry: true },
  'no-tab': { title: 'popupNoTabTitle', help: 'popupNoTabHelp', retry: false },
  failed: { title: 'popupFailedTitle', help: 'popupFailedHelp', retry: true },
};

/** Fills `section` (#message) for `reason`; `detail` is the background's own words. */
export function showMessage(section: HTMLElement, reason: FailureReason, detail: string, onRetry: () => void): void {
  const text = TEXT[reason] ?? TEXT.failed;
  section.dataset.reason = reason;
  replaceChildren(section,
    h('h2', { id: 'message-title', tabIndex: -1 }, t(text.title)),
    h('p', null, t(text.help)),
    detail ? h('p', { class: 'detail', id: 'message-detail' }, detail) : null,
    text.retry ? h('button', { id: 'retry', type: 'button', onclick: onRetry }, t('popupRetry')) : null);
  section.hidden = false;
}
