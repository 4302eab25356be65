// The reference record: read to the exact values it holds, and written back byte for byte.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRecord, serializeRecord } from '../../src/record/index.js';
import { sharedDir, sharedOrSkipNote } from '../shared.js';

describe.runIf(sharedOrSkipNote('the seed-record test'))('seed record', () => {
  const path = join(sharedDir, 'fixtures', 'seed-record.md');
  // Read lazily: a skipped describe still runs its body while tests are collected.
  let bytes = Buffer.alloc(0);
  let text = '';
  beforeAll(() => {
    bytes = readFileSync(path);
    text = bytes.toString('utf8');
  });

  it('reads every value', () => {
    const result = parseRecord(bytes, { file: path });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    expect(result.warnings).toEqual([]);
    const r = result.record;
    expect(r.category).toBe('news');
    expect(r.title).toBe('Facebook Earnings, Generative AI and Messaging Monetization, Open Source and AI');
    expect(r.excerpt).toBe('Meta’s earnings showed that all of Meta’s Myths were, in fact, myths. Plus, how LLMs can benefit Meta ad products, and why Meta might open source more AI models.');
    expect(r.publishedDateTime).toBe('2023-05-03T12:24:00Z');
    expect(r.originalUrl).toBe('https://stratechery.com/2023/facebook-earnings-generative-ai-and-messaging-monetization-open-source-and-ai/');
    expect(r.webUrl).toBe(r.originalUrl);
    expect(r.type).toBe('article');
    expect(r.quality).toBe(15);
    expect(r.heat).toBe(-1);
    expect(r.published).toBe(false);
    expect(r.provider).toEqual({ name: 'Stratechery', domain: 'stratechery.com' });
    expect(r.topics).toEqual(['Facebook AI', 'AI']);
    expect(r.related).toHaveLength(2);
    const [first, second] = r.related;
    expect(first).toEqual({
      title: 'Ex-Facebook and DeepMind employees in talks to raise sizable initial funding round to build OpenAI rival',
      excerpt: 'The French project, known as Mistral, could become the latest generative AI startup to land sizable early investment from top US investors.',
      publishedDateTime: '2023-05-05T13:41:00Z',
      webUrl: 'https://www.businessinsider.com/exclusive-mistral-in-talks-raise-big-cash-build-openai-rival-2023-5',
      type: 'article',
      provider: { name: 'Business Insider', domain: 'businessinsider.com' },
      quality: 69,
      images: [{ url: 'https://i.insider.com/64550023dcb78700180d0248?width=1200&format=jpeg', width: 1200, height: 600, isCached: true }],
    });
    expect(second!.title).toBe('In praise of Facebook');
    expect([...second!.excerpt]).toHaveLength(200);
    expect(second!.publishedDateTime).toBe('2023-05-03T13:31:00Z');
    expect(second!.provider).toEqual({ name: 'Hampshire Review', domain: 'hampshirereview.com' });
    expect(second!.quality).toBe(39);
    expect(second!.images).toEqual([{
      url: 'https://bloximages.newyork1.vip.townnews.com/hampshirereview.com/content/tncms/assets/v3/editorial/2/bc/2bc66de2-fd27-11ec-94c2-575afd51e3a7/62c5801e6fa34.image.jpg?crop=850%2C446%2C0%2C321&resize=850%2C446&order=crop%2Cresize',
      width: 850, height: 446, isCached: true,
    }]);
    const [cipher, iv] = r.secured!.split(';');
    expect(Buffer.from(cipher!, 'base64')).toHaveLength(400);
    expect(Buffer.from(iv!, 'base64')).toHaveLength(16);
    expect(r.body).toBe('');
    expect(r.extra).toBeUndefined();
  });

  it('writes it back byte for byte', () => {
    const result = parseRecord(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Buffer.from(serializeRecord(result.record))).toEqual(bytes);
  });

  it('reads it the same with CRLF line ends and a BOM', () => {
    const crlf = '\ufeff' + text.replace(/\n/g, '\r\n');
    const a = parseRecord(text);
    const b = parseRecord(crlf);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(serializeRecord(b.record)).toBe(serializeRecord(a.record));
  });
});
