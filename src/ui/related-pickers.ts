// The related list's other ways in: suggestions (library records sharing topics or provider, the page's
// own links to other articles) and a search of the library; one click adds. Library entries are built
// from the saved record, nothing fetched.
import { hostDomain } from '../extract/provider.js';
import { relatedFromRecord } from '../related/from-record.js';
import type { StoredRecord } from '../shared/messages.js';
import { debounce } from './debounce.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import type { RelatedHost, RelatedList } from './related.js';

function choice(label: string, detail: string, onPick: (button: HTMLButtonElement) => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'related-choice link-button', onclick: () => onPick(button) }, `+ ${label}`);
  return h('li', null, button, detail ? h('span', { class: 'muted' }, ` · ${detail}`) : null);
}

export function relatedPickers(list: RelatedList, host: RelatedHost): HTMLElement {
  const fromRecord = (stored: StoredRecord) => relatedFromRecord(stored.record, host.defaultQuality, hostDomain);
  const pickRecord = (stored: StoredRecord) => (button: HTMLButtonElement) => {
    if (list.addEntry(fromRecord(stored))) button.closest('li')?.remove();
  };
  const results = h('ul', { id: 'related-suggestions', class: 'related-choices' });
  // Each action (search, suggestions, tabs) takes the list over; an answer to an older one is dropped.
  let generation = 0;
  const note = h('p', { class: 'hint', role: 'status', id: 'related-suggest-status' });

  const suggest = h('button', {
    id: 'related-suggest', type: 'button', class: 'link-button', hidden: !host.suggest,
    onclick: async () => {
      const mine = ++generation;
      note.textContent = t('relatedSuggesting');
      const answer = await host.suggest!(list.record()).catch(() => ({ library: [], page: [] }));
      if (mine !== generation) return;
      const items = [
        ...answer.library.map((s) => choice(s.stored.record.title, s.sharedTopics.length ? t('relatedSharedTopics', s.sharedTopics.join(', ')) : t('relatedSameProvider', s.stored.record.provider.name), pickRecord(s.stored))),
        ...answer.page.map((link) => choice(link.title || link.url, link.title ? link.url : '', (button) => { list.add(link.url); button.closest('li')?.remove(); })),
      ];
      note.textContent = items.length ? '' : t('relatedNoSuggestions');
      replaceChildren(results, items);
    },
  }, t('relatedSuggest'));

  const fromTab = h('button', {
    id: 'related-from-tab', type: 'button', class: 'link-button', hidden: !host.listTabs,
    onclick: async () => {
      const mine = ++generation;
      note.textContent = '';
      const tabs = await host.listTabs!().catch(() => []);
      if (mine !== generation) return;
      note.textContent = tabs.length ? '' : t('relatedNoTabs');
      replaceChildren(results, tabs.map((tab) => choice(tab.title || tab.url, tab.title ? tab.url : '', (button) => {
        list.addFromTab(tab);
        button.closest('li')?.remove();
      })));
    },
  }, t('relatedFromTab'));

  const search = h('input', {
    id: 'related-search', type: 'search', autocomplete: 'off', placeholder: t('relatedSearchPlaceholder'),
    'aria-label': t('relatedSearchLabel'), hidden: !host.searchLibrary,
  });
  const runSearch = debounce(async (text: string) => {
    if (!text.trim()) return; // an emptied box leaves whatever is shown (perhaps suggestions asked for since)
    const mine = ++generation;
    const found = await host.searchLibrary!(text).catch(() => []);
    if (mine !== generation) return;
    const own = list.record();
    const items = found.filter((s) => s.record.originalUrl !== own.originalUrl)
      .map((s) => choice(s.record.title, s.record.provider.name, pickRecord(s)));
    note.textContent = items.length ? '' : t('relatedNothingFound');
    replaceChildren(results, items);
  }, 150);
  search.addEventListener('input', () => runSearch(search.value));
  search.addEventListener('keydown', (event) => { if (event.key === 'Enter') event.preventDefault(); });

  return h('div', { class: 'related-pickers' }, h('div', { class: 'control-row' }, search, suggest, fromTab), note, results);
}
