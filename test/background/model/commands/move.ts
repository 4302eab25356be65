// The library's editor changes a record's originalUrl: to a free address (a move), or onto another record's.
import type * as fc from 'fast-check';
import { expect } from 'vitest';
import { acknowledged, deleted, invariants, sameAsModel, token, type Model } from '../model.js';
import { LIBRARY, type World } from '../world.js';

export class MoveCommand implements fc.AsyncCommand<Model, World> {
  /** `merge`: the person merges onto the other record, as it is now ('fresh') or as it was before a later change ('stale'). */
  constructor(readonly to: string, readonly merge: 'no' | 'fresh' | 'stale') {}

  check(model: Model): boolean {
    const opened = model.editors.library;
    return opened?.stored != null && opened.stored.id !== this.to;
  }

  async run(model: Model, world: World): Promise<void> {
    const opened = model.editors.library!.stored!;
    const record = { ...opened.record, originalUrl: this.to, title: token('moved') };
    const from = model.rows.get(opened.id) ?? null;
    const other = model.rows.get(this.to) ?? null;
    const mergeRevision = other && this.merge !== 'no' ? other.revision - (this.merge === 'stale' ? 1 : 0) : null;
    const answer = await world.handlers['library/save']({
      record, previousId: opened.id, revision: opened.revision,
      ...(mergeRevision ? { mergeWith: { id: this.to, revision: mergeRevision } } : {}),
    }, LIBRARY);
    if (from?.revision !== opened.revision) {
      if (answer.ok || !('conflict' in answer)) throw new Error(`a stale move was not a conflict: ${JSON.stringify(answer)}`);
      sameAsModel(answer.conflict.current, from);
      model.refused++;
    } else if (other && mergeRevision !== other.revision) {
      // Onto another record without merging it (or merged against an older version): refused, naming it.
      if (answer.ok || !('addressTaken' in answer)) throw new Error(`an address edit onto another record was not refused: ${JSON.stringify(answer)}`);
      sameAsModel(answer.addressTaken.other, other);
      model.refused++;
    } else {
      if (!answer.ok) throw new Error(`a move was refused: ${JSON.stringify(answer)}`);
      expect(answer.created).toBe(false);
      deleted(model, opened.id);
      acknowledged(model, answer.stored, record);
      model.editors.library = { address: this.to, stored: answer.stored };
    }
    await invariants(model, world);
  }

  toString(): string {
    return `move(library → ${this.to}, merge: ${this.merge})`;
  }
}
