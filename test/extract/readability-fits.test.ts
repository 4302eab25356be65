// The bound on Readability: a tree too large or too deep is not handed to it, in Node as in browsers.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_ELEMENTS, readabilityFits } from '../../src/extract/article-text.js';

const doc = (body: string) => parseHTML(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`).document as unknown as Document;
const nested = (depth: number) => `${'<div>'.repeat(depth)}<p>text</p>${'</div>'.repeat(depth)}`;

describe('readabilityFits', () => {
  it('lets an ordinary article through', () => {
    expect(readabilityFits(doc('<article><h1>Headline</h1><p>One.</p><p>Two.</p><ul><li>a</li></ul></article><footer>f</footer>'))).toBe(true);
  });

  it('counts elements in a linkedom document too (its getElementsByTagName("*") answers 0)', () => {
    const head = 4; // html, head, title, body
    expect(readabilityFits(doc('<p>x</p>'.repeat(MAX_ELEMENTS - head)))).toBe(true);
    expect(readabilityFits(doc('<p>x</p>'.repeat(MAX_ELEMENTS - head + 1)))).toBe(false);
  });

  it('refuses a tree deeper than MAX_DEPTH, wherever the deep branch is', () => {
    // html > body > divs > p: the p sits at depth divs + 2 under the root.
    expect(readabilityFits(doc(nested(MAX_DEPTH - 2)))).toBe(true);
    expect(readabilityFits(doc(nested(MAX_DEPTH)))).toBe(false);
    expect(readabilityFits(doc(`<p>first</p>${'<section><p>wide</p></section>'.repeat(50)}${nested(MAX_DEPTH + 5)}<p>last</p>`))).toBe(false);
  });
});
