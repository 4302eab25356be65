// Two versions of a record side by side, field by field, with a choice of version per field when asked for.
//
// Record text goes in through text nodes only (h() refuses markup); the private data (`secured`) is never
// opened here: its row says only whether the two versions hold the same value.
//
// Stable hooks for tests: .compare#<id>, each field .compare-row[data-key][data-same], its sides
// .compare-side[data-side="mine"|"theirs"] holding .compare-value (and, with choices, a radio of value
// mine|theirs named <id>-<key>), .compare-same (the fields both hold alike).
import type { LedeRecord, RelatedEntry } from '../record/types.js';
import { compareRecords, defaultTake, FIELD_LABELS, takeFields, valueOf, type CompareKey, type FieldComparison } from './compare.js';
import { h } from './dom.js';
import { t } from './i18n.js';

export interface ComparisonOptions {
  /** Prefix of the ids and radio names: a page may show several comparisons. */
  id: string;
  mine: LedeRecord;
  theirs: LedeRecord;
  /** The version both started from, when known: a field only the other side changed defaults to theirs. */
  base?: LedeRecord | null | undefined;
  /** What each side is, in the person's words ("Your edits", "In the sync folder"). */
  mineLabel: string;
  theirsLabel: string;
  /** A choice of version per differing field; without it, a side-by-side view only. */
  choose?: boolean;
}

export interface Comparison {
  element: HTMLElement;
  /** How many fields differ. */
  differing: number;
  /** The fields whose other version is chosen now. */
  fromTheirs(): CompareKey[];
  /** The person's version with the chosen fields of the other. */
  merged(): LedeRecord;
}

const LABELS = new Map<CompareKey, string>([...FIELD_LABELS, ['extra', 'editorCompareExtra']]);

export function fieldLabel(key: CompareKey): string {
  return t(LABELS.get(key) ?? key);
}

function relatedLine(entry: RelatedEntry): string {
  return [entry.title || entry.webUrl, entry.title ? entry.webUrl : ''].filter(Boolean).join(' · ');
}

/** A field's value as the person reads it; the private data only as present or not. */
export function fieldText(record: LedeRecord, key: CompareKey): string {
  const value = valueOf(record, key);
  switch (key) {
    case 'secured': return value === undefined ? t('editorCompareNoPrivate') : t('editorComparePrivate');
    case 'publishedDateTime': return typeof value === 'string' ? value : t('editorDateNone');
    case 'heat': return value === -1 ? t('editorCompareHeatUnset') : String(value);
    case 'published': return value ? t('editorCompareYes') : t('editorCompareNo');
    case 'topics': return record.topics.length ? record.topics.join(', ') : t('editorCompareEmpty');
    case 'related': return record.related.length ? record.related.map(relatedLine).join('\n') : t('editorCompareEmpty');
    case 'extra': return record.extra ? Object.entries(record.extra).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n') : t('editorCompareEmpty');
    default: return value === '' || value === undefined || value === null ? t('editorCompareEmpty') : String(value);
  }
}

/** Which side changed a field since both started from one version, when that is known. */
function whoChanged(field: FieldComparison): string | null {
  if (field.changedHere && field.changedThere) return t('editorCompareBothChanged');
  if (field.changedThere) return t('editorCompareTheyChanged');
  if (field.changedHere) return t('editorCompareYouChanged');
  return null;
}

export function createComparison(options: ComparisonOptions): Comparison {
  const fields = compareRecords(options.mine, options.theirs, options.base);
  const differing = fields.filter((field) => !field.same);
  const radios = new Map<CompareKey, HTMLInputElement>();

  const side = (field: FieldComparison, which: 'mine' | 'theirs') => {
    const record = which === 'mine' ? options.mine : options.theirs;
    const name = which === 'mine' ? options.mineLabel : options.theirsLabel;
    const value = h('span', { class: field.key === 'body' || field.key === 'related' || field.key === 'extra' ? 'compare-value long' : 'compare-value' },
      fieldText(record, field.key));
    const label = h('span', { class: 'compare-side-name' }, name);
    if (!options.choose) return h('div', { class: 'compare-side', 'data-side': which }, label, value);
    const radio = h('input', {
      type: 'radio', name: `${options.id}-${field.key}`, value: which, checked: defaultTake(field) === which,
      onchange: () => row(field.key)?.setAttribute('data-take', which),
    });
    if (which === 'theirs') radios.set(field.key, radio);
    return h('label', { class: 'compare-side', 'data-side': which }, radio, label, value);
  };

  const rows = differing.map((field) => {
    const legendId = `${options.id}-${field.key.replace('.', '-')}-label`;
    const who = whoChanged(field);
    const heading = [fieldLabel(field.key), field.secret ? ` · ${t('editorCompareChanged')}` : '', who ? ` · ${who}` : ''].join('');
    const sides = [side(field, 'mine'), side(field, 'theirs')];
    const attrs = { class: 'compare-row', 'data-key': field.key, 'data-same': 'false', 'data-take': defaultTake(field) };
    return options.choose
      ? h('fieldset', attrs, h('legend', { id: legendId }, heading), h('div', { class: 'compare-sides' }, sides))
      : h('div', { ...attrs, role: 'group', 'aria-labelledby': legendId },
        h('p', { class: 'compare-field', id: legendId }, heading), h('div', { class: 'compare-sides' }, sides));
  });
  const row = (key: CompareKey) => rows.find((node) => node.dataset.key === key);

  const alike = fields.filter((field) => field.same).map((field) => fieldLabel(field.key));
  const element = h('div', { class: 'compare', id: options.id },
    differing.length === 0 ? h('p', { class: 'compare-none' }, t('editorCompareNoDifference')) : null,
    rows,
    alike.length ? h('p', { class: 'compare-same hint' }, t('editorCompareSame', alike.join(', '))) : null);

  const fromTheirs = () => [...radios].filter(([, radio]) => radio.checked).map(([key]) => key);
  return {
    element,
    differing: differing.length,
    fromTheirs,
    merged: () => takeFields(options.mine, options.theirs, fromTheirs()),
  };
}
