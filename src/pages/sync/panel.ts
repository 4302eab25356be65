// The folder-sync status shown in the library and options pages: state, progress, pending, what needs the person.
//
// Stable hooks for tests: #sync-panel[data-state], #sync-state, #sync-progress, #sync-pending, #sync-allow,
// #sync-retry, #sync-now, #sync-issues (li[data-kind][data-name] with button[data-choice]; a conflict also holds
// both versions, details.sync-compare: see compare.ts).
import { send } from '../../shared/send.js';
import { storedFolder } from '../../shared/sync-folder.js';
import type { SyncChoice, SyncIssue, SyncStatus } from '../../shared/sync-status.js';
import { h, replaceChildren } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText } from '../../ui/status.js';
import { conflictComparisons } from './compare.js';

const CHOICES: Record<SyncIssue['kind'], Array<[SyncChoice, string]>> = {
  conflict: [['use-file', 'syncUseFile'], ['use-library', 'syncUseLibrary']],
  missing: [['remove-record', 'syncRemoveRecord'], ['write-again', 'syncWriteAgain']],
  invalid: [['dismiss', 'syncDismiss']],
  kept: [['dismiss', 'syncDismiss']],
  renamed: [['dismiss', 'syncDismiss']],
};

function issueText(issue: SyncIssue): string {
  switch (issue.kind) {
    case 'conflict': return t('syncIssueConflict', issue.name);
    case 'missing': return t('syncIssueMissing', issue.name);
    case 'invalid': return t('syncIssueInvalid', issue.name);
    case 'kept': return t('syncIssueKept', issue.name);
    case 'renamed': return t('syncIssueRenamed', issue.name, issue.actual);
  }
}

function stateText(status: SyncStatus): string {
  const folder = status.folder;
  switch (status.state) {
    case 'off': return t('syncOff');
    case 'syncing': return t('syncStateSyncing', folder);
    case 'needs-permission': return t('syncNeedsPermission', folder);
    // The helper's own words need no DOMException name before them.
    case 'error': return t('syncError', (status.error ?? '').replace(/^\w+Error: (?=Lede’s helper)/, ''));
    case 'idle': return status.syncedAt
      ? t(status.watching ? (status.mode === 'helper' ? 'syncStateWatchingHelper' : 'syncStateWatching') : 'syncStateIdle', folder, new Date(status.syncedAt).toLocaleString())
      : t('syncStateNever', folder);
  }
}

export interface SyncPanel {
  /** Asks for the status now and shows it. */
  refresh(): Promise<SyncStatus | null>;
  /** Called with every status shown (the options page follows the mode). */
  onStatus(listener: (status: SyncStatus) => void): void;
}

/** Builds the panel inside `root` and keeps it current while the page is open. */
export function mountSyncPanel(root: HTMLElement): SyncPanel {
  const state = h('p', { id: 'sync-state', role: 'status', 'aria-live': 'polite' });
  const progress = h('progress', { id: 'sync-progress', hidden: true });
  const pending = h('p', { id: 'sync-pending', class: 'hint', hidden: true });
  const allow = h('button', { id: 'sync-allow', type: 'button', class: 'primary', hidden: true }, t('syncAllow'));
  const retry = h('button', { id: 'sync-retry', type: 'button', hidden: true }, t('syncRetry'));
  const now = h('button', { id: 'sync-now', type: 'button' }, t('syncNow'));
  const issues = h('ul', { id: 'sync-issues', class: 'sync-issues' });
  replaceChildren(root, state, progress, pending, h('div', { class: 'sync-actions' }, allow, retry, now), issues);

  const comparisons = conflictComparisons();
  const issueItem = (issue: SyncIssue) => h('li', { 'data-kind': issue.kind, 'data-name': issue.name },
    h('span', null, issueText(issue)),
    issue.kind === 'invalid' ? h('ul', { class: 'problems' }, issue.problems.map((p) => h('li', null, h('code', null, p)))) : null,
    // Both versions, before the choice between them.
    issue.kind === 'conflict' ? comparisons.section(issue.name) : null,
    h('span', { class: 'choices' }, CHOICES[issue.kind].map(([choice, label]) =>
      h('button', { type: 'button', 'data-choice': choice, onclick: () => void act(send('sync/resolve', { name: issue.name, choice })) }, t(label)))));

  const listeners: Array<(status: SyncStatus) => void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function show(status: SyncStatus): void {
    root.hidden = status.mode === 'off' && root.dataset.keepWhenOff !== 'true';
    root.dataset.state = status.state;
    state.textContent = stateText(status);
    progress.hidden = !status.progress || status.progress.total === 0;
    if (status.progress && status.progress.total > 0) {
      progress.max = status.progress.total;
      progress.value = status.progress.done;
      progress.textContent = t('syncProgress', status.progress.done, status.progress.total);
      progress.setAttribute('aria-label', progress.textContent);
    }
    pending.hidden = status.pending === 0;
    pending.textContent = t('syncPending', status.pending);
    allow.hidden = status.state !== 'needs-permission';
    retry.hidden = status.state !== 'error';
    now.hidden = status.mode === 'off' || status.state === 'syncing';
    // Built again only when they changed: a refresh must not take the person's focus or open sections away.
    const shownIssues = JSON.stringify(status.issues);
    if (shownIssues !== issues.dataset.shown) {
      issues.dataset.shown = shownIssues;
      comparisons.forget(new Set(status.issues.filter((issue) => issue.kind === 'conflict').map((issue) => issue.name)));
      replaceChildren(issues, status.issues.map(issueItem));
    }
    for (const listener of listeners) listener(status);
    clearTimeout(timer);
    // Quickly while a pass runs (its progress), slowly otherwise (a change made elsewhere shows within seconds).
    timer = setTimeout(() => void refresh(), status.state === 'syncing' ? 500 : 4000);
  }

  async function act(answer: Promise<SyncStatus>): Promise<void> {
    try {
      show(await answer);
    } catch (error) {
      state.textContent = t('syncError', errorText(error));
    }
  }

  async function refresh(): Promise<SyncStatus | null> {
    try {
      const status = await send('sync/status', {});
      show(status);
      return status;
    } catch (error) {
      state.textContent = t('syncError', errorText(error));
      return null;
    }
  }

  // The worker cannot prompt: this click asks the browser, then the queue runs.
  allow.addEventListener('click', () => {
    void (async () => {
      try {
        const folder = await storedFolder();
        const granted = folder ? await folder.requestPermission({ mode: 'readwrite' }) : 'denied';
        if (granted !== 'granted') {
          state.textContent = t('syncNotAllowed');
          return;
        }
        await act(send('sync/run', { full: true }));
      } catch (error) {
        state.textContent = t('syncError', errorText(error));
      }
    })();
  });
  retry.addEventListener('click', () => void act(send('sync/run', { full: true })));
  now.addEventListener('click', () => void act(send('sync/run', { full: true })));

  return { refresh, onStatus: (listener) => listeners.push(listener) };
}
