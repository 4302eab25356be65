// One imported record through the write path: the merge rule decides against the row inside the transaction.
import { isSafeFileName } from '../../record/filename.js';
import { mergeDecision, type Incoming, type MergeDecision } from '../../transfer/merge.js';
import type { Writer } from './writer.js';

export interface ImportItem {
  id: string;
  incoming: Incoming;
  meta?: { savedAt?: string; fileName?: string; fileNameTemplate?: string };
}

export async function importOne(writer: Writer, { id, incoming, meta = {} }: ImportItem): Promise<MergeDecision> {
  const state = await writer.read(id);
  const existing = state.current;
  const decision = state.raw !== undefined && !existing
    // A row that fails today's checks is replaced only by a deliberate import of the same address.
    ? { action: 'updated' as const, reason: 'replaces a library row that failed its checks' }
    : mergeDecision(incoming, existing);
  if (decision.action !== 'imported' && decision.action !== 'updated') return decision;
  await writer.put(state, {
    record: incoming.record,
    // The content is as of the file's date: a backup brought back keeps its times.
    ...(existing ? {} : { savedAt: meta.savedAt }),
    ...(incoming.changedAt ? { updatedAt: incoming.changedAt } : {}),
    // A file keeps the name it came with when that name is safe everywhere.
    ...(!existing && meta.fileName && isSafeFileName(meta.fileName) ? { fileName: meta.fileName } : {}),
    fileNameTemplate: meta.fileNameTemplate,
    source: incoming.source ?? null,
  });
  return decision;
}
