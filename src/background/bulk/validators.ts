// Shape checks of the bulk messages: entries brought from the library page, a batch's choices, the controls.
import { BATCH_ACTIONS, type BatchAction, type BatchChoices } from '../../shared/bulk-status.js';
import type { Request } from '../../shared/messages.js';
import type { BroughtEntry } from '../../transfer/bring/types.js';
import { isListOf, isNumber, isObject, isString, isTabId } from '../shape.js';

/** Entries in one `bulk/bring` message; the library page sends a large file in slices of this size. */
export const BRING_SLICE_MAX = 1_000;
const TEXT_MAX = 100_000;

const text = (value: unknown, max = TEXT_MAX): boolean => value === undefined || (isString(value) && value.length <= max);
const strings = (value: unknown, count: number): boolean => isListOf(value, isString) && value.length <= count && value.every((s) => s.length <= 1_000);

function isEntry(value: unknown): value is BroughtEntry {
  return isObject(value) && isString(value.url) && value.url.length <= 4_000 && isString(value.where) && value.where.length <= 1_000 &&
    text(value.title) && text(value.excerpt) && text(value.publishedDateTime, 40) && text(value.savedAt, 40) && strings(value.topics, 1_000) &&
    (value.folders === undefined || strings(value.folders, 100)) && text(value.provider) && text(value.body, 8 * 1024 * 1024) &&
    (value.extra === undefined || isObject(value.extra)) &&
    (value.mapping === undefined || isListOf(value.mapping, (m): m is { from: string; to: string } => isObject(m) && isString(m.from) && isString(m.to)));
}

function isChoices(value: unknown): value is BatchChoices {
  return isObject(value) && strings(value.topics, 100) && text(value.category, 200) &&
    (value.quality === undefined || (isNumber(value.quality) && Number.isInteger(value.quality) && value.quality >= 0 && value.quality <= 100));
}

const isGrant = (value: unknown): boolean => value === undefined ||
  (isObject(value) && strings(value.origins, 10_000) && (value.permissions === undefined || strings(value.permissions, 10)));
const isId = (value: unknown): value is string => isString(value) && value.length > 0 && value.length <= 200;

export const bulkValidators = {
  'bulk/bring': (p: unknown): p is Request<'bulk/bring'> =>
    isObject(p) && isObject(p.batch) && isId(p.batch.id) && isString(p.batch.label) && p.batch.label.length <= 500 && isGrant(p.batch.grantedForBatch) &&
    isListOf(p.entries, isEntry) && p.entries.length <= BRING_SLICE_MAX && isChoices(p.choices) && typeof p.fill === 'boolean',
  'bulk/tabs': (p: unknown): p is Request<'bulk/tabs'> =>
    isObject(p) && isTabId(p.tabId) && (p.tabIds === undefined || (isListOf(p.tabIds, isTabId) && p.tabIds.length <= 1_000)) &&
    isChoices(p.choices) && isGrant(p.grantedForBatch) && (p.waitForAccess === undefined || typeof p.waitForAccess === 'boolean'),
  'bulk/status': (p: unknown): p is Request<'bulk/status'> => isObject(p) && Object.keys(p).length === 0,
  'bulk/control': (p: unknown): p is Request<'bulk/control'> =>
    isObject(p) && isId(p.batch) && BATCH_ACTIONS.includes(p.action as BatchAction),
  'bulk/retry': (p: unknown): p is Request<'bulk/retry'> => isObject(p) && isId(p.job),
};
