// The library page deletes a record (as it is now).
import type * as fc from 'fast-check';
import { deleted, invariants, sameAsModel, type Model } from '../model.js';
import { LIBRARY, type World } from '../world.js';

export class DeleteCommand implements fc.AsyncCommand<Model, World> {
  constructor(readonly address: string) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    const answer = await world.handlers['library/delete']({ id: this.address }, LIBRARY);
    sameAsModel(answer.deleted, model.rows.get(this.address));
    deleted(model, this.address);
    await invariants(model, world);
  }

  toString(): string {
    return `delete(${this.address})`;
  }
}
