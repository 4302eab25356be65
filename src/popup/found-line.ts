// One line of what Lede found on the page — provider · publication date in local time · type — each part a
// button that opens Details at its field. Shortcuts for the pointer: Details holds the same fields for the keyboard.
import type { Extraction } from '../extract/types.js';
import type { LedeRecord } from '../record/types.js';
import { h, replaceChildren } from '../ui/dom.js';
import { t } from '../ui/i18n.js';

type Sources = Extraction['sources'] | undefined;

let formatter: { lang: string | undefined; format: Intl.DateTimeFormat } | null = null;

/** The date-time in the person's zone and language, e.g. "14 Mar 2026, 09:30"; '' when there is none. */
export function localDateTime(utc: string | null, lang?: string): string {
  if (!utc) return '';
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return '';
  // Made once: the line is redrawn on every edit.
  if (!formatter || formatter.lang !== lang) formatter = { lang, format: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }) };
  return formatter.format.format(date);
}

export interface FoundLine {
  element: HTMLElement;
  /** Shows the values of `record` (after an edit in Details). */
  show(record: LedeRecord): void;
}

export function createFoundLine(sources: Sources, onOpen: (control: string) => void): FoundLine {
  const element = h('p', { id: 'found-line', class: 'found-line' });
  const lang = document.documentElement.lang || undefined;
  const part = (control: string, text: string, label: string, source: string | undefined, missing: boolean) =>
    h('button', {
      type: 'button', class: missing ? 'found missing' : 'found', 'data-opens': control,
      // Out of the Tab order: the title stays one Shift+Tab from the topics; Details has these fields for the keyboard.
      tabIndex: -1,
      title: [label, source ? t('editorSource', source) : ''].filter(Boolean).join(' · '),
      onclick: () => onOpen(control),
    }, text);
  const show = (record: LedeRecord) => {
    const date = localDateTime(record.publishedDateTime, lang);
    replaceChildren(element,
      part('provider-name', record.provider.name || record.provider.domain || t('popupFoundNoProvider'),
        t('editorProviderName'), sources?.providerName, !record.provider.name && !record.provider.domain),
      h('span', { class: 'sep', 'aria-hidden': 'true' }, '·'),
      part('published-at', date || t('editorDateNone'), t('editorPublishedAt'), sources?.publishedDateTime, !date),
      h('span', { class: 'sep', 'aria-hidden': 'true' }, '·'),
      part('type', record.type || t('popupFoundNoType'), t('editorType'), sources?.type, !record.type));
  };
  return { element, show };
}
