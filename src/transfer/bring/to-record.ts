// A brought entry as a record at once (what the source says, the person's defaults for the rest), and later
// the fields the source did not give filled in from Lede's own reading of the page, never over what was set.
import { cutCodePoints } from '../../record/text.js';
import { DEFAULT_TYPE, EXCERPT_MAX, type LedeRecord } from '../../record/types.js';
import type { BroughtEntry } from './types.js';

/** The person's choices for a batch: the same as a new record's defaults, plus topics added to every entry. */
export interface BringDefaults {
  category: string;
  quality: number;
  heat: number;
  published: boolean;
  topics?: string[];
  /** `news.bbc.co.uk` → `bbc.co.uk` (tldts in the background and the CLI). */
  registrableDomain(host: string): string;
}

/** Fields a fill from the page may set: those the source left to Lede. */
export type FillableField = 'title' | 'excerpt' | 'publishedDateTime' | 'type' | 'provider.name' | 'provider.domain' | 'originalUrl';

/** What a later fill may change: the fields the source gave no value for, and what the record held for each when brought. */
export interface FillPlan {
  fillable: FillableField[];
  /** The brought record's value of each fillable field: a field that no longer holds it was changed by the person. */
  brought: Partial<Record<FillableField, string | null>>;
}

export interface BroughtRecord extends FillPlan {
  record: LedeRecord;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export function recordFromBrought(entry: BroughtEntry, defaults: BringDefaults): BroughtRecord {
  const fillable: FillableField[] = ['type', 'originalUrl'];
  if (!entry.title) fillable.push('title');
  if (!entry.excerpt) fillable.push('excerpt');
  if (!entry.publishedDateTime) fillable.push('publishedDateTime');
  if (!entry.provider) fillable.push('provider.name');
  fillable.push('provider.domain');
  const host = hostOf(entry.url);
  const record: LedeRecord = {
    category: defaults.category,
    // The address stands in for a title until the page gives one: the format requires a title.
    title: entry.title || entry.url,
    excerpt: cutCodePoints(entry.excerpt ?? '', EXCERPT_MAX),
    publishedDateTime: entry.publishedDateTime ?? null,
    originalUrl: entry.url,
    webUrl: entry.url,
    type: DEFAULT_TYPE,
    quality: defaults.quality,
    heat: defaults.heat,
    published: defaults.published,
    provider: { name: entry.provider ?? '', domain: host ? safeDomain(defaults, host) : '' },
    topics: [...new Set([...entry.topics, ...(defaults.topics ?? [])])],
    related: [],
    body: entry.body ?? '',
  };
  if (entry.extra && Object.keys(entry.extra).length) record.extra = { ...entry.extra };
  return { record, fillable, brought: Object.fromEntries(fillable.map((field) => [field, valueOf(record, field)])) };
}

function safeDomain(defaults: BringDefaults, host: string): string {
  try {
    return defaults.registrableDomain(host) || host;
  } catch {
    return host;
  }
}

/**
 * The record as it is now, with each still-fillable field taken from the page's record where the page
 * gives it; a field the person changed since it was brought (it no longer holds what was brought) is theirs.
 */
export function fillFromPage(current: LedeRecord, plan: FillPlan, page: LedeRecord): LedeRecord {
  const out: LedeRecord = { ...current, provider: { ...current.provider } };
  const untouched = (field: FillableField) => valueOf(current, field) === plan.brought[field];
  for (const field of plan.fillable) {
    if (!untouched(field)) continue;
    const value = valueOf(page, field);
    if (value === '' || value === null) continue;
    if (field === 'provider.name') out.provider.name = value as string;
    else if (field === 'provider.domain') out.provider.domain = value as string;
    else (out as unknown as Record<string, unknown>)[field] = value;
  }
  return out;
}

function valueOf(record: LedeRecord, field: FillableField): string | null {
  if (field === 'provider.name') return record.provider.name;
  if (field === 'provider.domain') return record.provider.domain;
  return record[field];
}
