// One shape check per message: the background acts only on payloads of the type the map promises.
import type { MessageName, Request } from '../shared/messages.js';
import { bulkValidators } from './bulk/validators.js';
import { isDownloadsFolderName, SYNC_CHOICES, type SyncChoice } from '../shared/sync-status.js';
import { isFolderId } from '../shared/helper-protocol.js';
import {
  isDraft, isImportFile, isListOf, isLedeRecord, isNumber, isObject, isRevision, isSources, isStoredRecord, isString, isTabId,
} from './shape.js';

export type Validators = { [K in MessageName]: (payload: unknown) => payload is Request<K> };

const LIST_LIMIT_MAX = 500;
/** Files in one import message; the library page sends a large import in batches of this size. */
export const IMPORT_BATCH_MAX = 500;

function isEmpty(payload: unknown): payload is Record<string, never> {
  return isObject(payload) && Object.keys(payload).length === 0;
}

function hasId(payload: unknown): payload is Record<string, unknown> & { id: string } {
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
    isSources(p.sources) && (p.previousId === undefined || (isString(p.previousId) && p.previousId !== '')) &&
    (p.revision === undefined || p.revision === null || isRevision(p.revision)) &&
    (p.mergeWith === undefined || (isObject(p.mergeWith) && hasId(p.mergeWith) && isRevision(p.mergeWith.revision))),
  'library/get': (p): p is Request<'library/get'> => hasId(p),
  'library/list': (p): p is Request<'library/list'> =>
    isObject(p) && optionalText(p.text) && optionalText(p.topic) && optionalText(p.provider) &&
    optionalCount(p.offset, Number.MAX_SAFE_INTEGER) && optionalCount(p.limit, LIST_LIMIT_MAX) &&
    (p.includePrivate === undefined || typeof p.includePrivate === 'boolean'),
  'library/delete': (p): p is Request<'library/delete'> => hasId(p) && (p.revision === undefined || isRevision(p.revision)),
  'library/restore': (p): p is Request<'library/restore'> => isObject(p) && isStoredRecord(p.stored) &&
    (p.over === undefined || (isObject(p.over) && hasId(p.over) && isRevision(p.over.revision))),
  'library/topics': (p): p is Request<'library/topics'> => isEmpty(p),
  'library/providers': (p): p is Request<'library/providers'> => isEmpty(p),
  'library/export': (p): p is Request<'library/export'> => hasId(p),
  'library/files': (p): p is Request<'library/files'> =>
    isObject(p) && isString(p.exportId) && p.exportId.length <= 100 &&
    optionalCount(p.offset, Number.MAX_SAFE_INTEGER) && p.offset !== undefined && optionalCount(p.limit, LIST_LIMIT_MAX) && p.limit !== undefined,
  'library/import': (p): p is Request<'library/import'> =>
    isObject(p) && isListOf(p.files, (f): f is unknown => isImportFile(f)) && (p.files as unknown[]).length <= IMPORT_BATCH_MAX,
  'library/landed': (p): p is Request<'library/landed'> =>
    isObject(p) && isListOf(p.items, (item): item is { id: string; digest: string } =>
      isObject(item) && isString(item.id) && item.id.length <= 4000 && isString(item.digest) && item.digest.length <= 64) &&
    (p.items as unknown[]).length <= 100_000,
  'draft/put': (p): p is Request<'draft/put'> => isObject(p) && isDraft(p.draft),
  'draft/clear': (p): p is Request<'draft/clear'> => isObject(p) && isTabId(p.tabId),
  'related/fetch': (p): p is Request<'related/fetch'> =>
    isObject(p) && isString(p.url) && p.url.length <= 4000 && (p.tabId === undefined || isTabId(p.tabId)),
  'related/pending': (p): p is Request<'related/pending'> =>
    isObject(p) && isDraft(p.draft) && isString(p.url) && p.url.length <= 4000,
  'related/prepare': (p): p is Request<'related/prepare'> => isObject(p),
  'related/waiting': (p): p is Request<'related/waiting'> => isObject(p) && isTabId(p.tabId),
  'related/tabs': (p): p is Request<'related/tabs'> => isObject(p) && isTabId(p.tabId),
  'related/tab': (p): p is Request<'related/tab'> =>
    isObject(p) && isTabId(p.tabId) && isString(p.url) && p.url.length <= 4000,
  'related/suggest': (p): p is Request<'related/suggest'> =>
    isObject(p) && isLedeRecord(p.record) && (p.tabId === undefined || isTabId(p.tabId)),
  'settings/get': (p): p is Request<'settings/get'> => isEmpty(p),
  'settings/set': (p): p is Request<'settings/set'> => isObject(p) && isObject(p.settings),
  'key/status': (p): p is Request<'key/status'> => isEmpty(p),
  'key/create': (p): p is Request<'key/create'> => isObject(p) && optionalSecret(p.passphrase) && only(p, ['passphrase']),
  'key/import': (p): p is Request<'key/import'> =>
    isObject(p) && isString(p.backup) && p.backup.length <= 1000 && optionalSecret(p.passphrase) && only(p, ['backup', 'passphrase']),
  'key/change': (p): p is Request<'key/change'> => isObject(p) && optionalSecret(p.passphrase) && only(p, ['passphrase']),
  'key/confirm': (p): p is Request<'key/confirm'> => hasId(p) && p.id.length <= 100 && typeof (p as Record<string, unknown>).kept === 'boolean' && only(p, ['id', 'kept']),
  'key/list': (p): p is Request<'key/list'> => isEmpty(p),
  'key/remove': (p): p is Request<'key/remove'> => hasId(p) && p.id.length <= 100 && only(p, ['id']),
  'key/rederive': (p): p is Request<'key/rederive'> =>
    isObject(p) && isString(p.passphrase) && p.passphrase !== '' && optionalSecret(p.passphrase) && only(p, ['passphrase']),
  'key/resume': (p): p is Request<'key/resume'> => isEmpty(p),
  'private/encrypt': (p): p is Request<'private/encrypt'> =>
    isObject(p) && isObject(p.data) && (p.data.note === undefined || isString(p.data.note)) &&
    (p.data.selection === undefined || isString(p.data.selection)),
  'private/decrypt': (p): p is Request<'private/decrypt'> => isObject(p) && isString(p.secured),
  'private/check': (p): p is Request<'private/check'> =>
    isObject(p) && Array.isArray(p.secured) && p.secured.length <= LIST_LIMIT_MAX && p.secured.every(isString),
  'page/selection': (p): p is Request<'page/selection'> => isObject(p) && isTabId(p.tabId),
  'sync/status': (p): p is Request<'sync/status'> => isEmpty(p),
  'sync/run': (p): p is Request<'sync/run'> => isObject(p) && typeof p.full === 'boolean',
  'sync/choose': (p): p is Request<'sync/choose'> => isObject(p) && isString(p.folder) &&
    ((p.mode === 'folder' && p.folder.length <= 500) || (p.mode === 'downloads' && isDownloadsFolderName(p.folder)) ||
      // The helper's folders are ids of its own config, never paths.
      (p.mode === 'helper' && isFolderId(p.folder))),
  'sync/helper': (p): p is Request<'sync/helper'> => isEmpty(p),
  'sync/stop': (p): p is Request<'sync/stop'> => isEmpty(p),
  'sync/resolve': (p): p is Request<'sync/resolve'> => isObject(p) && isString(p.name) && p.name !== '' &&
    SYNC_CHOICES.includes(p.choice as SyncChoice),
  'sync/images': (p): p is Request<'sync/images'> => isObject(p) && typeof p.on === 'boolean',
  'sync/compare': (p): p is Request<'sync/compare'> => isObject(p) && isEntryName(p.name) && only(p, ['name']),
  'sync/ignore': (p): p is Request<'sync/ignore'> => isObject(p) && Array.isArray(p.patterns) && p.patterns.length <= 200 &&
    p.patterns.every((x) => isString(x) && x.trim() !== '' && x.length <= 300) && only(p, ['patterns']),
  'sync/observed': (p): p is Request<'sync/observed'> => isObject(p) && isString(p.generation) && p.generation.length <= 100 &&
    typeof p.gap === 'boolean' && Array.isArray(p.names) && p.names.length <= 5_000 &&
    p.names.every(isEntryName) && only(p, ['generation', 'names', 'gap']),
  ...bulkValidators,
};

/** One name in the sync folder itself: never a path, never `.` or `..`. */
function isEntryName(value: unknown): boolean {
  return isString(value) && value !== '' && value.length <= 1_000 && value !== '.' && value !== '..' && !/[/\\]/.test(value);
}

function optionalSecret(value: unknown): boolean {
  return value === undefined || (isString(value) && value.length <= 1000);
}

function only(payload: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(payload).every((key) => keys.includes(key));
}

export { LIST_LIMIT_MAX };
