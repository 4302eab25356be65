// An editor saves what it opened, edited: at the revision it opened, which may be stale by now.
import type * as fc from 'fast-check';
import { expect } from 'vitest';
import { acknowledged, freshRecord, invariants, sameAsModel, token, type Actor, type Model } from '../model.js';
import { LIBRARY, POPUP, type World } from '../world.js';

export class SaveCommand implements fc.AsyncCommand<Model, World> {
  constructor(readonly actor: Actor, readonly field: 'title' | 'quality') {}

  check(model: Model): boolean {
    return model.editors[this.actor] !== null;
  }

  async run(model: Model, world: World): Promise<void> {
    const opened = model.editors[this.actor]!;
    const base = opened.stored?.record ?? freshRecord(opened.address, token('New'));
    const record = this.field === 'title' ? { ...base, title: token(`${this.actor} edit`) } : { ...base, quality: (base.quality + 7) % 101 };
    const current = model.rows.get(opened.address) ?? null;
    // The save may go through only over the very row the editor opened.
    const fresh = opened.stored ? current?.revision === opened.stored.revision : current === null;
    const answer = await world.handlers['library/save']({
      record, ...(opened.stored ? { previousId: opened.stored.id } : {}), revision: opened.stored?.revision ?? null,
    }, this.actor === 'popup' ? POPUP : LIBRARY);
    if (fresh) {
      if (!answer.ok) throw new Error(`a save over the row it opened was refused: ${JSON.stringify(answer)}`);
      acknowledged(model, answer.stored, record);
      expect(answer.stored.changedBy).toBe(this.actor);
      if (this.actor === 'popup') model.undo = { saved: answer.stored, before: opened.stored };
      model.editors[this.actor] = { address: opened.address, stored: answer.stored };
    } else {
      expect(answer.ok).toBe(false);
      if (answer.ok || !('conflict' in answer)) throw new Error(`a stale save was not answered as a conflict: ${JSON.stringify(answer)}`);
      sameAsModel(answer.conflict.current, current);
      model.refused++;
    }
    await invariants(model, world);
  }

  toString(): string {
    return `save(${this.actor}, ${this.field})`;
  }
}
