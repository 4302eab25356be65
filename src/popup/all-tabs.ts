// Save all tabs: every web page open in this window saved at once, read live like a single save, with topics,
// category and quality chosen for all; tabs already in the library and pages that cannot be read are listed.
//
// Stable hooks for tests: #all-tabs (the header button), #tabs-dialog (#tabs-topics, #tabs-category, #tabs-quality,
// #tabs-save, #tabs-close, #tabs-result with li[data-outcome=saved|skipped|failed|not-read]).
import { EVERY_SITE, type BatchStatus, type Grant } from '../shared/bulk-status.js';
import { send } from '../shared/send.js';
import type { Settings } from '../shared/settings.js';
import { h, replaceChildren } from '../ui/dom.js';
import { t } from '../ui/i18n.js';
import { errorText } from '../ui/status.js';

/** Access to every site: the tabs' addresses show and their pages can be read (asked once, given back after). */
const ACCESS = { origins: [...EVERY_SITE] };

interface PermissionsApi {
  contains(access: { origins: string[] }): Promise<boolean>;
  request(access: { origins: string[] }): Promise<boolean>;
}

/** The browser's own promise-based permissions API (the popup stays without the polyfill: it is small). */
function permissions(): PermissionsApi {
  const scope = globalThis as { browser?: { permissions?: PermissionsApi }; chrome?: { permissions?: PermissionsApi } };
  const api = scope.browser?.permissions ?? scope.chrome?.permissions;
  if (!api) throw new Error('The extension API is not available here.');
  return api;
}
const POLL_MS = 400;

function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'tabs-field' }, h('span', null, label), control);
}

let made: ((settings: Settings) => void) | null = null;

/** Shows the dialog (made the first time): loaded as `popup/all-tabs.js` when the person first asks for it. */
export function openAllTabs(tabId: () => number, settings: Settings): void {
  made ??= makeDialog(tabId);
  made(settings);
}

function makeDialog(tabId: () => number): (settings: Settings) => void {
  const topics = h('input', { id: 'tabs-topics', type: 'text', autocomplete: 'off' });
  const category = h('select', { id: 'tabs-category' });
  const quality = h('input', { id: 'tabs-quality', type: 'number', min: 0, max: 100, step: 1 });
  const result = h('ul', { id: 'tabs-result', class: 'tabs-result', 'aria-live': 'polite' });
  const save = h('button', { id: 'tabs-save', type: 'button', class: 'primary' }, t('tabsSave'));
  const close = h('button', { id: 'tabs-close', type: 'button' }, t('tabsClose'));
  const dialog = h('dialog', { id: 'tabs-dialog', class: 'tabs-dialog', 'aria-labelledby': 'tabs-title' },
    h('h2', { id: 'tabs-title' }, t('tabsTitle')), h('p', { class: 'muted' }, t('tabsExplain')),
    field(t('tabsTopics'), topics), field(t('tabsCategory'), category), field(t('tabsQuality'), quality),
    result, h('div', { class: 'tabs-actions' }, close, save));
  document.body.append(dialog);
  // Asked as the button is pressed, so the Save click asks for nothing but the access itself.
  let held: Promise<boolean> = Promise.resolve(false);

  const show = (s: Settings) => {
    replaceChildren(category, ...s.categories.map((c) => h('option', { value: c, selected: c === s.defaultCategory }, c)));
    quality.value = String(s.defaultQuality);
    replaceChildren(result);
    save.disabled = false;
    held = permissions().contains(ACCESS).catch(() => false);
    dialog.showModal();
    topics.focus();
  };
  close.addEventListener('click', () => dialog.close());

  save.addEventListener('click', () => {
    // In the click: the browser counts the request as the person's act only inside it. The batch is sent at
    // once too, and waits in the background for the access: Firefox closes the popup while it asks.
    const granted = permissions().request(ACCESS).catch(() => false);
    save.disabled = true;
    const sent = held.then((wasHeld) => send('bulk/tabs', {
      tabId: tabId(),
      choices: { topics: topics.value.split(',').map((x) => x.trim()).filter(Boolean), category: category.value, quality: Number(quality.value) },
      waitForAccess: true,
      ...(wasHeld ? {} : { grantedForBatch: { origins: ACCESS.origins } satisfies Grant }),
    }));
    void (async () => {
      if (!(await granted)) {
        replaceChildren(result, h('li', { 'data-outcome': 'failed' }, t('tabsNoAccess')));
        save.disabled = false;
        return;
      }
      try {
        const answer = await sent;
        const notRead = answer.notRead.map((n) => h('li', { 'data-outcome': 'not-read' }, `${n.title || n.url || t('tabsHidden')}: ${n.reason}`));
        replaceChildren(result, ...notRead);
        if (answer.queued) await follow(answer.batch, result, notRead);
        else result.prepend(h('li', { 'data-outcome': 'skipped' }, t('tabsNone')));
      } catch (error) {
        result.append(h('li', { 'data-outcome': 'failed' }, t('tabsFailed', errorText(error))));
        save.disabled = false;
      }
    })();
  });
  return show;
}

/** Shows the batch as it goes, until every tab is done or failed. */
async function follow(batchId: string, result: HTMLElement, notRead: HTMLElement[]): Promise<void> {
  for (;;) {
    const batch: BatchStatus | undefined = (await send('bulk/status', {})).find((b) => b.id === batchId);
    if (!batch) return;
    const saved = batch.done - batch.skipped.length;
    replaceChildren(result,
      h('li', { 'data-outcome': 'saved' }, t('tabsSaved', saved, batch.total)),
      ...batch.skipped.map((s) => h('li', { 'data-outcome': 'skipped' }, `${s.url}: ${s.note}`)),
      ...batch.failed.map((f) => h('li', { 'data-outcome': 'failed' }, `${f.url}: ${f.reason}`)),
      ...notRead);
    result.dataset.state = batch.state;
    if (batch.state !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
