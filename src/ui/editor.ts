// The record editor shared by the popup and the library page: every field of a record, as a form.
import type { Extraction } from '../extract/types.js';
import type { Problem } from '../record/problems.js';
import { validateRecord } from '../record/validate.js';
import type { LedeRecord } from '../record/types.js';
import { rankSuggestions } from '../extract/topics.js';
import { createChips } from './chips.js';
import { librarySpelling } from './topics.js';
import { localInputToUtc, localZoneLabel, utcToLocalInput } from './datetime.js';
import { h } from './dom.js';
import { excerptCount, limitEdit } from './excerpt.js';
import { field, setFieldError } from './fields.js';
import { t } from './i18n.js';
import { createRelatedList, type RelatedHost } from './related.js';

export interface EditorOptions {
  record: LedeRecord;
  sources?: Extraction['sources'] | undefined;
  /** The page's suggestions, offered first. */
  suggestedTopics?: string[] | undefined;
  /** Every topic in the library. */
  knownTopics?: string[] | undefined;
  categories: string[];
  onChange?: (record: LedeRecord) => void;
  /** Ctrl/Cmd+Enter anywhere in the form. */
  onSubmit?: () => void;
  /** The private note section (private-note.ts), shown before the body; it owns the record's `secured`. */
  privateNote?: { element: HTMLElement; secured(): string | undefined };
  /** Reading related pages by address; without it, entries are added and filled by hand. */
  relatedHost?: RelatedHost | undefined;
}

export interface Editor {
  element: HTMLFormElement;
  /** The record as the form now shows it. */
  read(): LedeRecord;
  /** Checks the fields, shows what is wrong beside each, focuses the first; true when all is well. */
  validate(): boolean;
  /** Shows the background's problems beside their fields; returns those no field shows. */
  showProblems(problems: Problem[]): Problem[];
  focus(): void;
  /** Replaces the library's topics offered by the autocomplete (they may arrive after the form). */
  setKnownTopics(topics: string[]): void;
}

export const RECORD_TYPES = ['article', 'video', 'podcast', 'paper', 'post', 'book', 'report'];

/** Which form control shows each key of the record (and of `sources`). */
/** A Map: the keys come from stored sources and problems, and `constructor` must find nothing. */
export const CONTROL_FOR = new Map<string, string>(Object.entries({
  title: 'title', excerpt: 'excerpt', publishedDateTime: 'published-at', category: 'category',
  type: 'type', quality: 'quality', heat: 'heat', published: 'published', originalUrl: 'original-url',
  webUrl: 'web-url', 'provider.name': 'provider-name', providerName: 'provider-name',
  'provider.domain': 'provider-domain', providerDomain: 'provider-domain', topics: 'topic-input',
  suggestedTopics: 'topic-input', body: 'body',
}));

/** The editor's own wording of a field's error, where it has one; otherwise the table's message shows. */
const EDITOR_MESSAGE: Record<string, string> = {
  title: 'editorErrorTitle', quality: 'editorErrorQuality', heat: 'editorErrorHeat',
  'original-url': 'editorErrorUrl', 'web-url': 'editorErrorUrl',
};

function clone(record: LedeRecord): LedeRecord {
  return JSON.parse(JSON.stringify(record)) as LedeRecord;
}

export function createEditor(options: EditorOptions): Editor {
  const base = clone(options.record);
  const changed = () => options.onChange?.(read());

  // A headline is one line of text, but shown whole: a two-row textarea that refuses line breaks.
  const title = h('textarea', {
    id: 'title', rows: 2, required: true, value: base.title, autocomplete: 'off', spellcheck: true,
    onkeydown: (event: KeyboardEvent) => {
      if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) event.preventDefault();
    },
    oninput: () => {
      if (/[\r\n]/.test(title.value)) title.value = title.value.replace(/\s*[\r\n]+\s*/g, ' ');
    },
  });

  const excerpt = h('textarea', { id: 'excerpt', rows: 3, value: base.excerpt });
  const count = h('p', { id: 'excerpt-count', class: 'counter' });
  const limitNote = h('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  let lastExcerpt = excerpt.value;
  const showCount = () => {
    const state = excerptCount(excerpt.value);
    count.textContent = state.atLimit ? t('editorExcerptLimit', state.used)
      : t('editorExcerptCount', state.used, state.remaining);
    count.classList.toggle('at-limit', state.atLimit);
    count.classList.toggle('near-limit', !state.atLimit && state.remaining <= 20);
    limitNote.textContent = state.atLimit ? t('editorExcerptLimit', state.used) : '';
  };
  excerpt.addEventListener('input', (event) => {
    if ((event as InputEvent).isComposing) return;
    const cut = limitEdit(lastExcerpt, excerpt.value);
    if (cut) {
      excerpt.value = cut.value;
      excerpt.setSelectionRange(cut.caret, cut.caret);
    }
    lastExcerpt = excerpt.value;
    showCount();
  });
  excerpt.addEventListener('compositionend', () => excerpt.dispatchEvent(new Event('input', { bubbles: true })));
  const initial = limitEdit('', excerpt.value);
  if (initial) excerpt.value = lastExcerpt = initial.value;
  showCount();

  const initialLocal = utcToLocalInput(base.publishedDateTime);
  const publishedAt = h('input', { id: 'published-at', type: 'datetime-local', step: 1, value: initialLocal });
  const stored = h('span', { id: 'published-at-utc' });
  const zone = h('span', { id: 'published-at-zone' });
  const showStored = () => {
    const utc = readDate();
    stored.textContent = utc ? t('editorDateStored', utc) : t('editorDateNone');
    // The offset of that day, not of today: summer and winter time differ.
    zone.textContent = t('editorDateZone', localZoneLabel(utc ? new Date(utc) : new Date()));
  };
  const clearDate = h('button', {
    id: 'clear-date', type: 'button', class: 'link-button',
    onclick: () => { publishedAt.value = ''; showStored(); changed(); publishedAt.focus(); },
  }, t('editorDateClear'));
  publishedAt.addEventListener('input', showStored);
  // An untouched field keeps the record's value exactly, whatever the local zone.
  // Compared with the field's own value: browsers shorten `…T10:00:00` to `…T10:00`.
  const untouched = publishedAt.value;
  const readDate = () => publishedAt.value === untouched ? base.publishedDateTime
    : localInputToUtc(publishedAt.value);

  const categories = [...options.categories];
  if (base.category && !categories.includes(base.category)) categories.push(base.category);
  const category = h('select', { id: 'category' },
    categories.map((name) => h('option', { value: name, selected: name === base.category }, name)));

  const type = h('input', { id: 'type', type: 'text', list: 'type-options', value: base.type, autocomplete: 'off' });
  const typeOptions = h('datalist', { id: 'type-options' }, RECORD_TYPES.map((value) => h('option', { value })));

  const quality = h('input', { id: 'quality', type: 'number', min: 0, max: 100, step: 1, value: String(base.quality) });
  const qualityRange = h('input', {
    id: 'quality-range', type: 'range', min: 0, max: 100, step: 1, value: String(base.quality),
    'aria-label': t('editorQualitySlider'),
  });
  qualityRange.addEventListener('input', () => { quality.value = qualityRange.value; });
  quality.addEventListener('input', () => {
    if (/^\d+$/.test(quality.value) && Number(quality.value) <= 100) qualityRange.value = quality.value;
  });

  const heat = h('input', { id: 'heat', type: 'number', min: -1, step: 1, value: String(base.heat) });
  const published = h('input', { id: 'published', type: 'checkbox', checked: base.published });

  const providerName = h('input', { id: 'provider-name', type: 'text', value: base.provider.name, autocomplete: 'off' });
  const providerDomain = h('input', { id: 'provider-domain', type: 'text', value: base.provider.domain, autocomplete: 'off', spellcheck: false });
  const originalUrl = h('input', { id: 'original-url', type: 'url', value: base.originalUrl, autocomplete: 'off', spellcheck: false });
  const webUrl = h('input', { id: 'web-url', type: 'url', value: base.webUrl, autocomplete: 'off', spellcheck: false });

  // The library's topics that the title or excerpt names come first, then the page's own.
  // The page's suggestions in the library's spelling, where the library holds them in another case.
  const offered = (known: string[]) => rankSuggestions((options.suggestedTopics ?? []).map((topic) => librarySpelling(topic, known)),
    known, base.title, base.excerpt);
  const candidates = [...offered(options.knownTopics ?? []), ...(options.knownTopics ?? [])];
  const library = [...(options.knownTopics ?? [])];
  const chips = createChips({ topics: base.topics, candidates, library, suggested: offered(options.knownTopics ?? []), onChange: changed });

  const related = createRelatedList({ entries: base.related, record: () => read(), host: options.relatedHost, onChange: changed });

  const body = h('textarea', { id: 'body', rows: 4, value: base.body });

  const form = h('form', { id: 'editor', class: 'editor', novalidate: true, 'aria-label': t('editorFormLabel') },
    field(t('editorTitle'), title),
    field(t('editorExcerpt'), excerpt, { hint: h('div', { class: 'hint-row' }, count, limitNote) }),
    field(t('editorPublishedAt'), publishedAt, {
      extra: clearDate,
      hint: h('p', { class: 'hint', id: 'published-at-hint' }, zone, ' · ', stored),
    }),
    h('div', { class: 'row' },
      field(t('editorCategory'), category, { wide: false }),
      field(t('editorType'), type, { wide: false, extra: typeOptions })),
    h('div', { class: 'row' },
      field(t('editorQuality'), quality, { wide: false, extra: qualityRange }),
      field(t('editorHeat'), heat, { wide: false, hint: t('editorHeatHint') })),
    h('div', { class: 'field wide check', 'data-field': 'published' }, published, h('label', { for: 'published' }, t('editorPublished'))),
    h('div', { class: 'row' },
      field(t('editorProviderName'), providerName, { wide: false }),
      field(t('editorProviderDomain'), providerDomain, { wide: false })),
    field(t('editorOriginalUrl'), originalUrl),
    field(t('editorWebUrl'), webUrl),
    h('div', { class: 'field wide', 'data-field': 'topic-input' },
      h('label', { for: 'topic-input' }, t('editorTopics')), chips.element,
      h('p', { class: 'error', id: 'topic-input-error', hidden: true })),
    h('fieldset', { class: 'field wide', 'data-field': 'related' }, h('legend', null, t('editorRelated')), related.element),
    options.privateNote?.element,
    field(t('editorBody'), body),
  );
  showStored();

  // Hover hints: where the page's value of each field was read.
  for (const [key, source] of Object.entries(options.sources ?? {})) {
    const id = CONTROL_FOR.get(key);
    const control = id ? form.querySelector<HTMLElement>(`#${id}`) : null;
    if (!control || !source) continue;
    const hint = t('editorSource', source);
    control.title = hint;
    control.dataset.source = source;
    const label = form.querySelector<HTMLElement>(`label[for="${control.id}"]`);
    if (label) label.title = hint;
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', (event) => {
    if (event.target === category || event.target === published) changed();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      options.onSubmit?.();
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') {
      event.preventDefault(); // a plain Enter in a one-line field must not save half-finished edits
    }
  });

  function read(): LedeRecord {
    const record = clone(base);
    record.title = title.value.trim();
    record.excerpt = excerpt.value;
    record.publishedDateTime = readDate();
    record.category = category.value;
    record.type = type.value.trim();
    record.quality = Number(quality.value);
    record.heat = heat.value.trim() === '' ? -1 : Number(heat.value);
    record.published = published.checked;
    record.provider = { ...record.provider, name: providerName.value.trim(), domain: providerDomain.value.trim() };
    record.originalUrl = originalUrl.value.trim();
    record.webUrl = webUrl.value.trim();
    record.topics = chips.value();
    record.related = related.value();
    record.body = body.value;
    if (options.privateNote) {
      const secured = options.privateNote.secured();
      if (secured === undefined) delete record.secured;
      else record.secured = secured;
    }
    return record;
  }

  function validate(): boolean {
    chips.commitInput();
    const record = read();
    // The record's rules come from the format's table (validateRecord); only what the form itself can
    // get wrong (a half-typed date, a number field left empty) is checked here.
    const shown = new Map<string, string>();
    let blocked: string | null = null;
    const show = (id: string, message: string, severity: 'error' | 'warning') => {
      if (shown.has(id)) return;
      shown.set(id, message);
      if (severity === 'error') blocked ??= id;
    };
    if (publishedAt.value && !record.publishedDateTime) show('published-at', t('editorErrorDate'), 'error');
    if (quality.value === '') show('quality', t('editorErrorQuality'), 'error');
    for (const problem of validateRecord(record)) {
      const id = CONTROL_FOR.get(problem.key ?? '');
      if (!id) continue;
      const key = problem.severity === 'error' ? EDITOR_MESSAGE[id] : undefined;
      show(id, key ? t(key) : problem.message, problem.severity);
    }
    for (const id of new Set(CONTROL_FOR.values())) setFieldError(form, id, shown.get(id) ?? null);
    if (blocked) form.querySelector<HTMLElement>(`#${blocked}`)?.focus();
    const relatedOk = related.validate();
    return relatedOk && !blocked;
  }

  function showProblems(problems: Problem[]): Problem[] {
    const rest: Problem[] = [];
    let focused = false;
    for (const problem of problems) {
      const id = CONTROL_FOR.get(problem.key ?? '');
      if (!id || !setFieldError(form, id, problem.message)) {
        rest.push(problem);
        continue;
      }
      if (!focused) form.querySelector<HTMLElement>(`#${id}`)?.focus();
      focused = true;
    }
    return rest;
  }

  function setKnownTopics(topics: string[]): void {
    // The chips read this very array on every keystroke.
    const ranked = offered(topics);
    candidates.splice(0, candidates.length, ...ranked, ...topics);
    library.splice(0, library.length, ...topics);
    chips.setSuggested(ranked);
  }

  return { element: form, read, validate, showProblems, focus: () => title.focus(), setKnownTopics };
}
