// Gathers one source's entries: an address once (a later one folds its topics into the first), and the cap.
import { normaliseUrl } from '../../record/url.js';
import { joinTopics } from './text.js';
import { BRING_MAX_ENTRIES, type BringSource, type Brought, type BroughtEntry } from './types.js';

export class Collector {
  private readonly byKey = new Map<string, BroughtEntry>();
  readonly brought: Brought;
  private full = false;

  constructor(source: BringSource) {
    this.brought = { source, entries: [], refused: [], duplicates: [] };
  }

  /** False once the cap is reached: the caller stops reading. */
  add(entry: BroughtEntry): boolean {
    if (this.full) return false;
    const key = normaliseUrl(entry.url);
    const first = this.byKey.get(key);
    if (first) {
      first.topics = joinTopics(first.topics, entry.topics);
      if (entry.folders && first.folders) first.folders = first.folders.length >= entry.folders.length ? first.folders : entry.folders;
      this.brought.duplicates.push({ where: entry.where, reason: `the same address as ${first.where}; its tags were added there` });
      return true;
    }
    this.byKey.set(key, entry);
    this.brought.entries.push(entry);
    if (this.brought.entries.length >= BRING_MAX_ENTRIES) {
      this.full = true;
      this.brought.refused.push({ where: entry.where, reason: `Lede brings at most ${BRING_MAX_ENTRIES.toLocaleString('en')} entries from one file; the rest of it was not read` });
      return false;
    }
    return true;
  }

  refuse(where: string, reason: string): void {
    this.brought.refused.push({ where, reason });
  }
}
