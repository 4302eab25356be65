// A zip of other clippers' notes brought in (an Obsidian vault exported as a zip): each note mapped, Lede records
// kept for the usual import, attachments and unsafe paths named, a lying or damaged zip bringing nothing.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { serializeRecord } from '../../../src/record/index.js';
import { bringZip } from '../../../src/transfer/bring/zip.js';
import { bytesSource } from '../../../src/transfer/zip-read.js';
import { sampleRecord } from '../../background/fakes.js';
import { bombZip, zipOf } from '../zip-hostile.js';

const note = (url: string, title: string, tags: string[] = ['clippings']) => `---
title: "${title}"
source: "${url}"
published: 2024-05-01
description: "About ${title}."
tags:
${tags.map((t) => `  - "${t}"`).join('\n')}
---
Body of ${title}.
`;

describe('bringZip', () => {
  it('brings every note of a vault, nested folders too; Lede records go to the import; the rest is named with why', async () => {
    const lede = serializeRecord(sampleRecord({ originalUrl: 'https://lede.example/a', webUrl: 'https://lede.example/a' }));
    const zip = zipSync({
      'Vault/Clippings/First.md': strToU8(note('https://one.example/story?utm_source=x', 'First')),
      'Vault/Clippings/2024/Second.md': strToU8(note('https://two.example/p', 'Second', ['news'])),
      'Vault/Clippings/Again.md': strToU8(note('https://one.example/story', 'Again', ['later'])),
      'Vault/Lede/a.md': strToU8(lede),
      'Vault/Broken.md': strToU8('---\ntitle: [unclosed\nsource: https://x.example\n---\n'),
      'Vault/attachments/pic.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      '../escape.md': strToU8(note('https://evil.example/', 'Escape')),
    });
    const brought = await bringZip('vault.zip', bytesSource(zip, 1024));
    expect(brought.source).toBe('notes');
    expect(brought.entries.map((e) => e.url).sort()).toEqual(['https://one.example/story', 'https://one.example/story', 'https://two.example/p']);
    const second = brought.entries.find((e) => e.url === 'https://two.example/p')!;
    expect(second).toMatchObject({ title: 'Second', excerpt: 'About Second.', topics: ['news'], where: 'vault.zip/Vault/Clippings/2024/Second.md' });
    expect(second.body).toContain('Body of Second.');
    expect(second.mapping).toEqual(expect.arrayContaining([{ from: 'source', to: 'originalUrl' }]));
    expect(brought.records).toEqual([{ name: 'vault.zip/Vault/Lede/a.md', text: lede }]);
    const refused = Object.fromEntries(brought.refused.map((r) => [r.where, r.reason]));
    expect(Object.keys(refused).sort()).toEqual(['vault.zip/../escape.md', 'vault.zip/Vault/Broken.md', 'vault.zip/Vault/attachments/pic.png']);
    expect(refused['vault.zip/../escape.md']).toMatch(/zip-slip/);
    expect(refused['vault.zip/Vault/attachments/pic.png']).toMatch(/not a \.md/);
    expect(refused['vault.zip/Vault/Broken.md']).toMatch(/front matter|YAML|yaml/i);
  });

  it('brings nothing from a zip it cannot read through, and says why', async () => {
    const good = zipOf([{ name: 'a.md', text: note('https://one.example/a', 'A'), deflate: true }, { name: 'b.md', text: note('https://two.example/b', 'B'), deflate: true }]);
    const cut = good.slice(0, good.length - 30);
    const broken = await bringZip('cut.zip', bytesSource(cut));
    expect(broken.entries).toEqual([]);
    expect(broken.refused).toEqual([{ where: 'cut.zip', reason: expect.stringMatching(/readable zip.*nothing was brought from it$/) }]);
    const garbage = await bringZip('not.zip', bytesSource(strToU8('just text, no zip at all')));
    expect(garbage.entries).toEqual([]);
    expect(garbage.refused[0]!.reason).toMatch(/nothing was brought from it$/);
  });

  it('stops an entry that produces more than it declared (bytes counted as produced), the rest brought', async () => {
    const zip = bombZip(note('https://one.example/a', 'A'), 8);
    const brought = await bringZip('bomb.zip', bytesSource(zip));
    expect(brought.entries.map((e) => e.url)).toEqual(['https://one.example/a']);
    expect(brought.refused).toEqual([{ where: 'bomb.zip/bomb.md', reason: expect.any(String) }]);
  });

  it('brings nothing from a read cancelled half-way', async () => {
    const zip = zipSync(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`n${i}.md`, strToU8(note(`https://s${i}.example/p`, `N${i}`))])));
    let asked = 0;
    const brought = await bringZip('big.zip', bytesSource(zip, 512), { cancelled: () => ++asked > 3 });
    expect(brought.entries).toEqual([]);
    expect(brought.refused[0]!.reason).toMatch(/cancelled/);
  });
});
