// The popup's compact first screen: the shared editor's fields rearranged so that what the person decides
// (title, topics, quality, heat, category, published, related) fits 400×600 without scrolling, and what Lede
// found sits in a Details section that opens on demand or by itself when a field needs attention.
import type { Extraction } from '../extract/types.js';
import type { LedeRecord } from '../record/types.js';
import { h } from '../ui/dom.js';
import { CONTROL_FOR } from '../ui/editor.js';
import { t } from '../ui/i18n.js';
import type { Attention } from './attention.js';
import { createFoundLine } from './found-line.js';
import type { FieldKey } from './saved-line.js';

type Part = string | [string, string];

/** The first screen, top to bottom, by the editor's `data-field` names; 'found' is the found line. */
const FIRST: Part[] = ['title', 'found', 'topic-input', ['quality', 'heat'], ['category', 'published'], 'related'];
/**
 * Details, top to bottom. 'private-note' is the slot for the private note (the `secured` field): a wrapper
 * with that data-field, mounted by the editor, lands here. Any other field the layout does not know goes
 * at the end of Details, so a new field is never lost, and never pushes the first screen down.
 */
const DETAILS: Part[] = ['excerpt', 'published-at', ['provider-name', 'provider-domain'], 'type',
  'original-url', 'web-url', 'private-note', 'body'];

/** Opens and closes Details from anywhere in the popup (Option+Shift+D on a Mac: matched by key code). */
export const DETAILS_SHORTCUT = { code: 'KeyD', aria: 'Alt+Shift+D' } as const;

export interface FirstScreen {
  details: HTMLDetailsElement;
  /** Opens Details, and focuses the control with this id when given. */
  openDetails(control?: string): void;
  /** After a failed check: opens Details when a marked field is in it, and focuses the first marked field. */
  revealInvalid(): void;
  /** The fast path starts in the topic input. */
  focusStart(): void;
  /** Shows an edited record's values in the found line. */
  show(record: LedeRecord): void;
  /** Marks the fields (record keys) that differ from the saved record, and only those. */
  markChanged(keys: readonly FieldKey[]): void;
}

/** The field (data-field name) that shows each key. */
function fieldOf(key: FieldKey): string {
  if (key === 'related') return 'related';
  if (key === 'secured') return 'private-note';
  return CONTROL_FOR.get(key) ?? key;
}

export interface FirstScreenOptions {
  record: LedeRecord;
  sources?: Extraction['sources'] | undefined;
  /** Fields that need attention: Details opens by itself and says why. */
  attention: Attention[];
}

export function layoutFirstScreen(form: HTMLFormElement, options: FirstScreenOptions): FirstScreen {
  const taken = new Map<string, HTMLElement>();
  for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
    // Only the form's own field wrappers: a control's data-field inside another field stays where it is.
    if (wrapper.parentElement?.closest('[data-field]')) continue;
    if (wrapper.dataset.field) taken.set(wrapper.dataset.field, wrapper);
  }
  const place = (parts: Part[]) => parts.map((part) => {
    if (typeof part === 'string') return take(part);
    const pair = part.map(take).filter((node): node is HTMLElement => node !== null);
    return pair.length ? h('div', { class: 'row' }, pair) : null;
  });
  const take = (name: string): HTMLElement | null => {
    if (name === 'found') return found.element;
    const wrapper = taken.get(name) ?? null;
    taken.delete(name);
    return wrapper;
  };

  const details = h('details', { id: 'details', class: 'details' });
  const openDetails = (control?: string) => {
    details.open = true;
    if (control) form.querySelector<HTMLElement>(`#${control}`)?.focus();
  };
  const found = createFoundLine(options.sources, (control) => openDetails(control));
  found.show(options.record);

  const first = h('div', { id: 'first-screen', class: 'first-screen' }, place(FIRST));
  const body = h('div', { class: 'details-body' }, place(DETAILS));
  // Whatever is left — fields this layout does not know — ends in Details; rows emptied above go.
  const rest = [...form.children].filter((node) => node.childElementCount > 0 || node.matches('[data-field]'));
  for (const node of [...form.children]) node.remove();
  body.append(...rest);

  const why = options.attention.map((entry) => t(entry.reason));
  const summary = h('summary', { id: 'details-toggle', 'aria-keyshortcuts': DETAILS_SHORTCUT.aria,
    title: t('popupDetailsShortcut', DETAILS_SHORTCUT.aria) },
  t('popupDetails'),
  why.length ? h('span', { id: 'details-why', class: 'details-why' }, ` · ${[...new Set(why)].join(' · ')}`) : null);
  details.append(summary, body);
  if (options.attention.length) details.open = true;

  // The found line is rebuilt on every edit: its parts take their marks from the last markChanged.
  let changed = new Set<string>();
  const markFound = () => {
    for (const part of found.element.querySelectorAll<HTMLElement>('[data-opens]')) {
      part.toggleAttribute('data-changed', changed.has(part.dataset.opens ?? ''));
    }
  };

  form.classList.add('compact');
  form.append(first, details);

  return {
    details,
    openDetails,
    revealInvalid() {
      const marked = form.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (!marked) return;
      if (details.contains(marked)) details.open = true;
      marked.focus();
    },
    focusStart() {
      form.querySelector<HTMLElement>('#topic-input')?.focus();
    },
    show: (record) => {
      found.show(record);
      markFound();
    },
    markChanged(keys) {
      changed = new Set(keys.map(fieldOf));
      for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
        wrapper.toggleAttribute('data-changed', changed.has(wrapper.dataset.field ?? ''));
      }
      markFound();
    },
  };
}
