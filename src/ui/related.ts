// The related list in the editor: each entry's title, and a button that removes it.
import type { RelatedEntry } from '../record/types.js';
import { isWebUrl } from '../record/text.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';

export function renderRelated(list: HTMLElement, entries: RelatedEntry[], onRemove: (index: number) => void): void {
  if (entries.length === 0) {
    replaceChildren(list, h('li', { class: 'empty' }, t('editorRelatedEmpty')));
    return;
  }
  replaceChildren(list, entries.map((entry, index) => {
    const title = entry.title || entry.webUrl;
    return h('li', { class: 'related-entry' },
      isWebUrl(entry.webUrl)
        ? h('a', { href: entry.webUrl, target: '_blank', rel: 'noopener noreferrer' }, title)
        : h('span', null, title),
      entry.provider.name ? h('span', { class: 'muted' }, ` · ${entry.provider.name}`) : null,
      h('button', {
        type: 'button', class: 'remove-related link-button', 'aria-label': t('editorRelatedRemove', title),
        onclick: () => onRemove(index),
      }, t('editorRemove')));
  }));
}
