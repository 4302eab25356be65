// The service worker stops and starts again: a new store over the same database; open pages keep what they hold.
import type * as fc from 'fast-check';
import { invariants, type Model } from '../model.js';
import type { World } from '../world.js';

export class RestartCommand implements fc.AsyncCommand<Model, World> {
  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    world.restart();
    await invariants(model, world);
  }

  toString(): string {
    return 'restart(service worker)';
  }
}
