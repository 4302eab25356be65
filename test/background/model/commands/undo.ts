// The popup's Undo of its last save: only over the row that save made, never over newer work.
import type * as fc from 'fast-check';
import { expect } from 'vitest';
import { sameRecord } from '../../../../src/transfer/read-file.js';
import { acknowledged, deleted, invariants, type Model } from '../model.js';
import { POPUP, type World } from '../world.js';

export class UndoCommand implements fc.AsyncCommand<Model, World> {
  check(model: Model): boolean {
    return model.undo !== null;
  }

  async run(model: Model, world: World): Promise<void> {
    const { saved, before } = model.undo!;
    model.undo = null;
    const current = model.rows.get(saved.id) ?? null;
    const untouched = current?.revision === saved.revision;
    if (!before) {
      const answer = await world.handlers['library/delete']({ id: saved.id, revision: saved.revision }, POPUP);
      if (untouched) {
        expect(answer).toMatchObject({ deleted: { id: saved.id, revision: saved.revision } });
        deleted(model, saved.id);
      } else {
        expect(answer.deleted).toBeNull();
        expect(answer.conflict !== undefined).toBe(current !== null);
        if (current) model.refused++;
      }
      return invariants(model, world);
    }
    const answer = await world.handlers['library/restore']({ stored: before, over: { id: saved.id, revision: saved.revision } }, POPUP);
    const there = model.rows.get(before.id) ?? null;
    const free = before.id === saved.id || there === null;
    const alreadyBack = there !== null && there.updatedAt === before.updatedAt && sameRecord(there.record, before.record);
    if (untouched && free) {
      expect(answer).toEqual({ ok: true });
      if (before.id !== saved.id) deleted(model, saved.id);
      const back = await world.store.get(before.id);
      acknowledged(model, back!, before.record);
      expect(back).toMatchObject({ changedBy: 'undo', updatedAt: before.updatedAt });
    } else if (alreadyBack) {
      expect(answer).toEqual({ ok: true });
    } else {
      expect(answer).toMatchObject({ ok: false, changed: true });
      model.refused++;
    }
    await invariants(model, world);
  }

  toString(): string {
    return 'undo(popup)';
  }
}
