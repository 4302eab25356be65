// One row of the library list: the record's title (a link to the article), what it is, and its actions.
import { isWebUrl } from '../../record/text.js';
import type { StoredRecord } from '../../shared/messages.js';
import { h } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';

export type RowAction = 'edit' | 'export' | 'delete';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function shownDate(utc: string | null): string | null {
  if (!utc) return null;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : dateFormat.format(date);
}

/** The address to open: the canonical one, else where it was read; only http(s). */
export function articleUrl(stored: StoredRecord): string | null {
  const { originalUrl, webUrl } = stored.record;
  if (isWebUrl(originalUrl)) return originalUrl;
  return isWebUrl(webUrl) ? webUrl : null;
}

export function renderRow(stored: StoredRecord): HTMLLIElement {
  const { record } = stored;
  const title = record.title || t('libraryUntitled');
  const url = articleUrl(stored);
  const meta = [record.provider.name || record.provider.domain, shownDate(record.publishedDateTime), record.category]
    .filter(Boolean).join(' · ');
  const action = (name: RowAction, label: string, aria: string) =>
    h('button', { type: 'button', class: `${name}${name === 'delete' ? ' danger' : ''}`, 'data-action': name, 'aria-label': aria }, label);
  return h('li', { class: 'record', 'data-id': stored.id },
    h('h2', { class: 'record-title' },
      url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, title) : title),
    meta ? h('p', { class: 'meta' }, meta) : null,
    record.excerpt ? h('p', { class: 'excerpt' }, record.excerpt) : null,
    // Labelled locked or open by private-marks.ts once the background has tried the key.
    record.secured !== undefined ? h('p', { class: 'private-mark', 'data-secured': record.secured }, t('libraryPrivate')) : null,
    record.topics.length ? h('ul', { class: 'tags', 'aria-label': t('libraryTopicsOf', title) },
      record.topics.map((topic) => h('li', null, topic))) : null,
    h('div', { class: 'record-actions' },
      action('edit', t('libraryEdit'), t('libraryEditOf', title)),
      action('export', t('libraryExport'), t('libraryExportOf', title)),
      action('delete', t('libraryDelete'), t('libraryDeleteOf', title))));
}
