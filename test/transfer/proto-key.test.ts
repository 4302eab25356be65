// An imported record's `__proto__` key (issue 19, case 16) is data at every step: read, stored, edited
// through the library's save, exported. Checked here over the real handlers; Chromium's messaging kept it too.
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { serializeRecord } from '../../src/record/index.js';
import { makeDeps } from '../background/fakes.js';
import { sampleRecord } from '../record/fixtures.js';

describe('a key named __proto__', () => {
  it('survives the first edit and the export after it, at the top and inside another key', async () => {
    const handlers = createHandlers(makeDeps());
    const text = serializeRecord(sampleRecord()).replace('---\n\n', '\n__proto__: kept\nother:\n  __proto__: inner\n---\n\n');
    const imported = await handlers['library/import']({ files: [{ name: 'p.md', text }] }, {});
    expect(imported.entries[0]).toMatchObject({ action: 'imported' });
    const stored = (await handlers['library/get']({ id: 'https://example.com/a' }, {}))!;
    const edited = { ...JSON.parse(JSON.stringify(stored.record)), title: 'Edited' };
    const saved = await handlers['library/save']({ record: edited, previousId: stored.id, revision: stored.revision }, {});
    expect(saved.ok).toBe(true);
    const exported = (await handlers['library/export']({ id: 'https://example.com/a' }, {}))!.text;
    expect(exported).toContain('title: "Edited"');
    expect(exported).toContain('\n__proto__: kept\nother:\n  __proto__: inner\n---\n');
    expect(Object.getPrototypeOf((await handlers['library/get']({ id: 'https://example.com/a' }, {}))!.record.extra)).toBe(Object.prototype);
  });
});
