// The library's messages: save, delete and undo through the store's versioned writes, and its reads.
import { recordFileName } from '../record/filename.js';
import { errorsOf, validateRecord, validateWritable, type Problem } from '../record/index.js';
import type { ChangeSource, MessageName, Request, Response } from '../shared/messages.js';
import { exportText } from '../transfer/read-file.js';
import type { BackgroundDeps, Sender } from './handlers.js';
import { libraryKey } from './store/index.js';
import { storedChars, withinChars } from './transfer.js';

type LibraryMessage = 'library/save' | 'library/get' | 'library/list' | 'library/delete' | 'library/restore' |
  'library/topics' | 'library/providers' | 'library/export';
type LibraryHandlers = { [K in LibraryMessage & MessageName]: (payload: Request<K>, sender: Sender) => Promise<Response<K>> };

/** Who a write is for: the caller's own word (background code), else the page that sent it. */
export function changeSource(sender: Sender): ChangeSource {
  if (sender.by) return sender.by;
  let path = '';
  try {
    path = sender.url ? new URL(sender.url).pathname : '';
  } catch {
    // No page address: a write of the popup's kind.
  }
  return path === '/pages/library/library.html' ? 'library' : 'popup';
}

function keyProblem(): Problem {
  return { key: 'originalUrl', message: 'needs an http(s) address: the library keeps each record under it', severity: 'error' };
}

/**
 * Folder sync hears of every change twice: before it (`intend`, so a worker stopped half-way leaves the job
 * queued) and after it (`changed`, which runs it). A sync failure never fails the change itself.
 */
export async function mirror(deps: BackgroundDeps, when: 'intend' | 'changed', ids: Array<string | undefined>): Promise<void> {
  const known = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  await deps.sync?.[when](known).catch((error: unknown) => console.error('Lede: sync queue', error));
}

export function libraryHandlers(deps: BackgroundDeps): LibraryHandlers {
  const { store } = deps;
  return {
    'library/save': async ({ record, tabId, sources, previousId, revision, mergeWith }, sender) => {
      // The size contract too: a save never keeps what its export could not re-import.
      const problems = errorsOf(validateWritable(record));
      if (!libraryKey(record) && !problems.some((p) => p.key === 'originalUrl' || p.key === 'webUrl')) {
        problems.push(keyProblem());
      }
      if (problems.length) return { ok: false, problems };
      const { fileNameTemplate } = await deps.settings.get();
      await mirror(deps, 'intend', [libraryKey(record), previousId]);
      const saved = await store.save(record, changeSource(sender), {
        previousId, revision: revision ?? null, fileNameTemplate,
        ...(sources ? { sources } : {}), ...(mergeWith ? { mergeWith } : {}),
      });
      await mirror(deps, 'changed', [libraryKey(record), previousId]);
      if (!saved.ok) return saved;
      const { stored } = saved;
      if (previousId && previousId !== stored.id) await deps.badges.forget(previousId);
      if (tabId !== undefined) {
        await deps.drafts.clear(tabId);
        await deps.badges.show(tabId, stored.id);
      }
      return saved;
    },
    'library/get': ({ id }) => store.get(id),
    'library/list': async (query) => {
      const listed = await store.list(query, query.includePrivate && query.text?.trim() ? await deps.vault.searchMatcher() : undefined);
      // Cut by bytes as well as by count: the page asks for the rest from where this answer ends.
      return { ...listed, records: withinChars(listed.records, storedChars) };
    },
    'library/delete': async ({ id, revision }, sender) => {
      await mirror(deps, 'intend', [id]);
      const result = await store.remove(id, changeSource(sender), revision);
      await mirror(deps, 'changed', [id]);
      if (!result.ok) return { deleted: null, conflict: { current: result.conflict.current } };
      await deps.badges.forget(id);
      return { deleted: result.deleted };
    },
    'library/restore': async ({ stored, over }) => {
      if (errorsOf(validateRecord(stored.record)).length || libraryKey(stored.record) !== stored.id) return { ok: false };
      await mirror(deps, 'intend', [stored.id, over?.id]);
      const restored = await store.restore(stored, over);
      await mirror(deps, 'changed', [stored.id, over?.id]);
      if (restored.ok && over && over.id !== stored.id) await deps.badges.forget(over.id);
      return restored.ok ? { ok: true } : { ok: false, changed: true, current: restored.conflict.current };
    },
    'library/topics': () => store.topics(),
    'library/providers': () => store.providers(),
    'library/export': async ({ id }) => {
      const stored = await store.get(id);
      // The one file-name rule (recordFileName) and the kept source: the same file a zip export holds.
      return stored ? { filename: stored.fileName ?? recordFileName(stored.record, { savedAt: stored.savedAt }), text: exportText(stored.record, stored.source) } : null;
    },
  };
}
