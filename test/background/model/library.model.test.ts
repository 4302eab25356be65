// Model-based: random interleavings of the library's writers over the real store and handlers, checked after every step.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns, propertyTimeout } from '../../property-runs.js';
import { storeCommands } from './commands/index.js';
import { emptyModel } from './model.js';
import { World } from './world.js';

describe('the library under many writers', () => {
  it('loses no acknowledged write, duplicates no record, and only ever raises revisions', async () => {
    let refused = 0;
    await fc.assert(fc.asyncProperty(fc.commands(storeCommands, { maxCommands: 30, size: 'max' }), async (commands) => {
      const world = new World();
      const model = emptyModel();
      try {
        await fc.asyncModelRun(() => ({ model, real: world }), commands);
      } finally {
        world.close();
        refused += model.refused;
      }
    }), { numRuns: propertyRuns(200) });
    // The runs met the case that matters: writers refused over newer work, not only writes that went through.
    expect(refused).toBeGreaterThan(0);
  }, propertyTimeout(120_000));
});
