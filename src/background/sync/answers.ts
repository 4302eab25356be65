// The person's answers to sync's issues, and both versions behind one for the person to judge.
import type { SyncCompare } from '../../shared/messages.js';
import type { SyncChoice } from '../../shared/sync-status.js';
import type { Decisions } from './decisions.js';
import type { EngineDeps } from './engine.js';
import type { FolderSide } from './files.js';
import { fileHandle, isNotFound, readFile, stampOf } from './folder.js';
import { hashText } from './hash.js';
import type { SyncMemory } from './memory.js';

export interface AnswerDeps extends EngineDeps {
  memory: SyncMemory;
  side: FolderSide;
  decide: Decisions;
}

/** Carries out the person's choice on the issue under `name` (none: nothing to do). */
export async function resolveIssue(deps: AnswerDeps, name: string, choice: SyncChoice): Promise<void> {
  const { memory } = deps;
  const issue = memory.issues.get(name);
  if (!issue) return;
  if (choice === 'dismiss') return memory.clearIssue(name);
  if (issue.kind === 'conflict' && choice === 'use-file') {
    const t = memory.tracked.get(name);
    const handle = await fileHandle(deps.dir, name);
    if (!t || !handle) return memory.report({ kind: 'missing', name, id: issue.id, title: issue.title });
    const { text, stamp } = await readFile(handle);
    // The person chose the file over the record as it is now; should the record change again first, that is a new conflict.
    const current = await deps.library.get(t.id ?? issue.id);
    await deps.decide.readBack(t, { kind: 'changed', text, hash: await hashText(text), stamp }, current?.revision ?? null, null);
  } else if (issue.kind === 'conflict' && choice === 'use-library') {
    const stored = await deps.library.get(issue.id);
    if (!stored) {
      memory.untrack(name);
      return memory.clearIssue(name);
    }
    const text = deps.rules.textFor(stored);
    const before = await fileHandle(deps.dir, name);
    const outcome = await deps.side.write(name, text, before ? stampOf(await before.getFile()) : 'free');
    // Changed again as the person chose: the issue stays, for a choice over what is there now.
    if (outcome.kind === 'changed-before') return;
    memory.track({ name, id: stored.id, hash: await hashText(text), ...outcome.stamp, updatedAt: stored.updatedAt, revision: stored.revision, wanted: deps.rules.nameFor(stored) });
    await memory.clearIssue(name);
  } else if (issue.kind === 'missing' && choice === 'remove-record') {
    const stored = await deps.library.get(issue.id);
    if (stored && !(await deps.library.remove(issue.id, stored.revision))) return;
    memory.untrack(name);
    await memory.clearIssue(name);
  } else if (issue.kind === 'missing' && choice === 'write-again') {
    memory.untrack(name);
    await memory.clearIssue(name);
    const stored = await deps.library.get(issue.id);
    if (stored) await deps.decide.push(stored, null);
  }
}

/** The folder's file as it is now (its text, and its record or the problems that refuse it) beside the library's row. */
export async function compareVersions(deps: AnswerDeps, name: string): Promise<SyncCompare> {
  const issue = deps.memory.issues.get(name);
  const handle = await fileHandle(deps.dir, name);
  let folder: SyncCompare['folder'] = null;
  let fileId: string | null = null;
  const text = handle ? await readFile(handle).then((r) => r.text, (error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  }) : null;
  if (text !== null) {
    const decision = deps.rules.importFile(name, text);
    folder = { text, record: decision.ok ? decision.record : null, problems: decision.ok ? [] : decision.problems };
    if (decision.ok) fileId = decision.id;
  }
  const id = deps.memory.tracked.get(name)?.id ?? (issue && 'id' in issue ? issue.id : null) ?? fileId;
  return { folder, library: id ? await deps.library.get(id) : null };
}
