// An editor opens the record at an address (the popup on a page, the library's editor), or a page not saved yet.
import type * as fc from 'fast-check';
import { expect } from 'vitest';
import { invariants, sameAsModel, type Actor, type Model } from '../model.js';
import type { World } from '../world.js';

export class OpenCommand implements fc.AsyncCommand<Model, World> {
  constructor(readonly actor: Actor, readonly address: string) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    const stored = await world.handlers['library/get']({ id: this.address }, {});
    sameAsModel(stored, model.rows.get(this.address));
    expect(stored === null).toBe(!model.rows.has(this.address));
    model.editors[this.actor] = { address: this.address, stored };
    await invariants(model, world);
  }

  toString(): string {
    return `open(${this.actor}, ${this.address})`;
  }
}
