// Two versions of one record compared field by field, and a record made of the fields the person chose from each.
import type { LedeRecord } from '../record/types.js';

/** A record key, or `provider.name` / `provider.domain`: the fields as the person sees them. */
export type FieldKey = Exclude<keyof LedeRecord, 'provider' | 'extra'> | 'provider.name' | 'provider.domain';

/** A field of the comparison: the editor's fields, and `extra`, the keys the format does not know. */
export type CompareKey = FieldKey | 'extra';

/** Each field with the i18n key of its label, in the form's order. */
export const FIELD_LABELS: ReadonlyArray<[FieldKey, string]> = [
  ['title', 'editorTitle'], ['excerpt', 'editorExcerpt'], ['publishedDateTime', 'editorPublishedAt'],
  ['category', 'editorCategory'], ['type', 'editorType'], ['quality', 'editorQuality'], ['heat', 'editorHeat'],
  ['published', 'editorPublished'], ['provider.name', 'editorProviderName'], ['provider.domain', 'editorProviderDomain'],
  ['originalUrl', 'editorOriginalUrl'], ['webUrl', 'editorWebUrl'], ['topics', 'editorTopics'],
  ['related', 'editorRelated'], ['body', 'editorBody'], ['secured', 'popupPrivateNote'],
];

const COMPARED: readonly CompareKey[] = [...FIELD_LABELS.map(([key]) => key), 'extra'];

export function valueOf(record: LedeRecord, key: CompareKey): unknown {
  if (key === 'provider.name') return record.provider.name;
  if (key === 'provider.domain') return record.provider.domain;
  return record[key];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields of `current` whose values differ from `saved`, in the form's order. */
export function changedFields(saved: LedeRecord, current: LedeRecord): FieldKey[] {
  return FIELD_LABELS.map(([key]) => key).filter((key) => !same(valueOf(saved, key), valueOf(current, key)));
}

export interface FieldComparison {
  key: CompareKey;
  /** Both versions hold the same value. */
  same: boolean;
  /** Against the version both started from, when known: which side changed the field. */
  changedHere: boolean;
  changedThere: boolean;
  /** The private data (`secured`): shown only as changed or the same, never opened. */
  secret: boolean;
}

/**
 * Every field of `mine` beside `theirs`. With `base` (the record as the editor opened it), each field also
 * says which side changed it, so the person's untouched fields can default to the other's newer value.
 */
export function compareRecords(mine: LedeRecord, theirs: LedeRecord, base?: LedeRecord | null): FieldComparison[] {
  return COMPARED
    .filter((key) => key !== 'extra' || mine.extra !== undefined || theirs.extra !== undefined)
    .map((key) => {
      const here = valueOf(mine, key);
      const there = valueOf(theirs, key);
      const from = base ? valueOf(base, key) : undefined;
      return {
        key,
        same: same(here, there),
        changedHere: base ? !same(here, from) : false,
        changedThere: base ? !same(there, from) : false,
        secret: key === 'secured',
      };
    });
}

/** Which version a field takes by default: the other's when only the other side changed it, else the person's own. */
export function defaultTake(field: FieldComparison): 'mine' | 'theirs' {
  return !field.same && field.changedThere && !field.changedHere ? 'theirs' : 'mine';
}

/** `mine` with the fields named in `fromTheirs` taken from `theirs` (a copy; neither input changes). */
export function takeFields(mine: LedeRecord, theirs: LedeRecord, fromTheirs: Iterable<CompareKey>): LedeRecord {
  const out = JSON.parse(JSON.stringify(mine)) as LedeRecord;
  const copy = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)) as T);
  for (const key of fromTheirs) {
    if (key === 'provider.name') out.provider.name = theirs.provider.name;
    else if (key === 'provider.domain') out.provider.domain = theirs.provider.domain;
    else if (key === 'secured' || key === 'extra') {
      if (theirs[key] === undefined) delete out[key];
      else (out as unknown as Record<string, unknown>)[key] = copy(theirs[key]);
    } else (out as unknown as Record<string, unknown>)[key] = copy(theirs[key]);
  }
  return out;
}
