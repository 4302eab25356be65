// An import of one record file: the merge rule decides against the row inside the write's transaction.
import type * as fc from 'fast-check';
import { expect } from 'vitest';
import { serializeRecord } from '../../../../src/record/index.js';
import { mergeDecision } from '../../../../src/transfer/merge.js';
import { readRecordFile } from '../../../../src/transfer/read-file.js';
import { acknowledged, freshRecord, invariants, token, type Model } from '../model.js';
import { LIBRARY, type World } from '../world.js';

/** A file changed long before any save of the run, or long after it. */
const WHEN = { old: '2001-01-01T00:00:00.000Z', new: '2099-01-01T00:00:00.000Z' } as const;

export class ImportCommand implements fc.AsyncCommand<Model, World> {
  constructor(readonly address: string, readonly when: keyof typeof WHEN) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    const current = model.rows.get(this.address) ?? null;
    const base = current?.record ?? freshRecord(this.address, '');
    const text = serializeRecord({ ...base, title: token('imported') });
    const read = readRecordFile('import.md', text);
    if (!read.ok) throw new Error('the model wrote a file that does not read');
    const changedAt = WHEN[this.when];
    // The rule itself is pure and tested on its own; here it says what the library must end up holding.
    const decision = mergeDecision({ record: read.record, source: read.source, changedAt }, current);
    const { entries } = await world.handlers['library/import']({ files: [{ name: 'import.md', text, changedAt }] }, LIBRARY);
    expect(entries).toMatchObject([{ action: decision.action }]);
    if (decision.action === 'imported' || decision.action === 'updated') {
      const stored = await world.store.get(this.address);
      acknowledged(model, stored!, read.record);
      expect(stored).toMatchObject({ changedBy: 'import', updatedAt: changedAt });
    }
    await invariants(model, world);
  }

  toString(): string {
    return `import(${this.address}, ${this.when})`;
  }
}
