// One shape check per message: the background acts only on payloads of the type the map promises.
import type { MessageName, Request } from '../shared/messages.js';
import {
  isDraft, isLedeRecord, isNumber, isObject, isSources, isStoredRecord, isString, isTabId,
} from './shape.js';

export type Validators = { [K in MessageName]: (payload: unknown) => payload is Request<K> };

const LIST_LIMIT_MAX = 500;

function isEmpty(payload: unknown): payload is Record<string, never> {
  return isObject(payload) && Object.keys(payload).length === 0;
}

function hasId(payload: unknown): payload is { id: string } {
  return isObject(payload) && isString(payload.id) && payload.id !== '';
}

function optionalText(value: unknown): boolean {
  return value === undefined || (isString(value) && value.length <= 500);
}

function optionalCount(value: unknown, max: number): boolean {
  return value === undefined || (isNumber(value) && Number.isInteger(value) && value >= 0 && value <= max);
}

export const validators: Validators = {
  'page/read': (p): p is Request<'page/read'> => isObject(p) && isTabId(p.tabId),
  'library/save': (p): p is Request<'library/save'> =>
    isObject(p) && isLedeRecord(p.record) && (p.tabId === undefined || isTabId(p.tabId)) &&
    isSources(p.sources) && (p.previousId === undefined || (isString(p.previousId) && p.previousId !== '')),
  'library/get': (p): p is Request<'library/get'> => hasId(p),
  'library/list': (p): p is Request<'library/list'> =>
    isObject(p) && optionalText(p.text) && optionalText(p.topic) && optionalText(p.provider) &&
    optionalCount(p.offset, Number.MAX_SAFE_INTEGER) && optionalCount(p.limit, LIST_LIMIT_MAX),
  'library/delete': (p): p is Request<'library/delete'> => hasId(p),
  'library/restore': (p): p is Request<'library/restore'> => isObject(p) && isStoredRecord(p.stored),
  'library/topics': (p): p is Request<'library/topics'> => isEmpty(p),
  'library/providers': (p): p is Request<'library/providers'> => isEmpty(p),
  'library/export': (p): p is Request<'library/export'> => hasId(p),
  'draft/put': (p): p is Request<'draft/put'> => isObject(p) && isDraft(p.draft),
  'draft/clear': (p): p is Request<'draft/clear'> => isObject(p) && isTabId(p.tabId),
  'related/fetch': (p): p is Request<'related/fetch'> =>
    isObject(p) && isString(p.url) && p.url.length <= 4000 && (p.tabId === undefined || isTabId(p.tabId)),
  'related/pending': (p): p is Request<'related/pending'> =>
    isObject(p) && isDraft(p.draft) && isString(p.url) && p.url.length <= 4000,
  'related/tabs': (p): p is Request<'related/tabs'> => isObject(p) && isTabId(p.tabId),
  'related/tab': (p): p is Request<'related/tab'> =>
    isObject(p) && isTabId(p.tabId) && isString(p.url) && p.url.length <= 4000,
  'related/suggest': (p): p is Request<'related/suggest'> =>
    isObject(p) && isLedeRecord(p.record) && (p.tabId === undefined || isTabId(p.tabId)),
  'settings/get': (p): p is Request<'settings/get'> => isEmpty(p),
  'settings/set': (p): p is Request<'settings/set'> => isObject(p) && isObject(p.settings),
};

export { LIST_LIMIT_MAX };
