// Structural checks of data that crosses a message or comes out of IndexedDB: types, not the format's rules.
import type { LedeRecord, Provider, RecordImage, RelatedEntry } from '../record/index.js';
import { CHANGE_SOURCES, type ChangeSource, type Draft, type StoredRecord } from '../shared/messages.js';

export type Guard<T> = (value: unknown) => value is T;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isTabId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function isListOf<T>(value: unknown, item: Guard<T>): value is T[] {
  return Array.isArray(value) && value.every(item);
}

function optional<T>(value: unknown, guard: Guard<T>): boolean {
  return value === undefined || guard(value);
}

const isExtra = (value: unknown): boolean => value === undefined || isObject(value);

function isProvider(value: unknown): value is Provider {
  return isObject(value) && isString(value.name) && isString(value.domain) && isExtra(value.extra);
}

function isImage(value: unknown): value is RecordImage {
  return isObject(value) && isString(value.url) && optional(value.width, isNumber) &&
    optional(value.height, isNumber) && optional(value.isCached, isBoolean) && isExtra(value.extra);
}

const isDateOrNull = (value: unknown): boolean => value === null || isString(value);

function isRelated(value: unknown): value is RelatedEntry {
  return isObject(value) && isString(value.title) && isString(value.excerpt) &&
    isDateOrNull(value.publishedDateTime) && isString(value.webUrl) && isString(value.type) &&
    isProvider(value.provider) && isNumber(value.quality) && isListOf(value.images, isImage) &&
    isExtra(value.extra);
}

export function isLedeRecord(value: unknown): value is LedeRecord {
  return isObject(value) && isString(value.category) && isString(value.title) && isString(value.excerpt) &&
    isDateOrNull(value.publishedDateTime) && isString(value.originalUrl) && isString(value.webUrl) &&
    isString(value.type) && isNumber(value.quality) && isNumber(value.heat) && isBoolean(value.published) &&
    isProvider(value.provider) && isListOf(value.topics, isString) && isListOf(value.related, isRelated) &&
    optional(value.secured, isString) && isExtra(value.extra) && isString(value.body);
}

/** `sources` maps a field name to where its value came from. */
export function isSources(value: unknown): boolean {
  return value === undefined || (isObject(value) && Object.values(value).every(isString));
}

/** A row's revision: a whole number from 1. */
export const isRevision = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;

const isChangeSource = (value: unknown): value is ChangeSource => CHANGE_SOURCES.includes(value as ChangeSource);

export function isStoredRecord(value: unknown): value is StoredRecord {
  return isObject(value) && isString(value.id) && value.id !== '' && isLedeRecord(value.record) &&
    isRevision(value.revision) && optional(value.changedBy, isChangeSource) &&
    isString(value.savedAt) && isString(value.updatedAt) && isSources(value.sources) &&
    optional(value.fileName, isString) && optional(value.source, isString);
}

export function isDraft(value: unknown): value is Draft {
  return isObject(value) && isTabId(value.tabId) && isString(value.url) && isLedeRecord(value.record) &&
    isSources(value.sources) && optional(value.suggestedTopics, (v): v is string[] => isListOf(v, isString)) &&
    isString(value.updatedAt);
}

export function isImportFile(value: unknown): boolean {
  return isObject(value) && isString(value.name) && isString(value.text) && optional(value.changedAt, isString) &&
    optional(value.savedAt, isString) && optional(value.fileName, isString);
}
