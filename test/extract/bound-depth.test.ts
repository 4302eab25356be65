// The nesting bound a page's HTML gets before a parser sees it: Blink's shape past the bound, and no
// change at all to a page that does not nest that deep (so no real page reads differently).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundNesting, MAX_NESTING } from '../../src/extract/bound-depth.js';
import { sharedDir, sharedOrSkipNote } from '../shared.js';

describe('boundNesting', () => {
  it('leaves wrappers past the bound out, keeping their text', () => {
    expect(boundNesting('<div><div><div><p>x</p>y</div></div></div>', 2)).toBe('<div><div><p>x</p>y</div></div>');
    expect(boundNesting('<b><i><b><i>one<b>two', 2)).toBe('<b><i>onetwo');
  });

  it('makes other elements past the bound siblings there, as Blink does', () => {
    expect(boundNesting('<section><section><section><h1>a</h1><p>b</p></section></section></section>', 2))
      .toBe('<section><section><section></section><h1>a</h1><p>b</p></section></section>');
  });

  it('counts as a parser does: implied end tags, void elements, raw text, comments, quoted values, SVG', () => {
    const same = [
      '<p>one<p>two<p>three'.repeat(50),
      '<ul>' + '<li>item'.repeat(50) + '</ul>',
      '<br><img src=x><meta charset=utf-8><input>'.repeat(20),
      '<script>"<div><div><div><div>"</script><style>a<b>{}</style><textarea><div><div></textarea>',
      '<!-- <div><div><div><div> --><div title="a > <div>"></div>',
      '<svg><path/><path/><path/><path/></svg>',
    ];
    for (const html of same) expect(boundNesting(html, 3)).toBe(html);
  });

  it('is linear: a million tags nested, unclosed or stray take a fraction of a second (about 0.2 s idle)', () => {
    const hostile = '<div>'.repeat(300_000) + '<b><i>'.repeat(300_000) + '</x>'.repeat(300_000) + '<a x="'.repeat(1000);
    const start = performance.now();
    const out = boundNesting(hostile);
    // Quadratic would be minutes; the bound leaves room for a machine shared by several builds.
    expect(performance.now() - start).toBeLessThan(process.env.CI ? 6000 : 3000);
    expect(out.length).toBeLessThan(hostile.length);
  });

  const corpus = join(sharedDir, 'corpus', 'dev');
  (sharedOrSkipNote('the unchanged-corpus check') && existsSync(corpus) ? it : it.skip)('changes no page of the corpus', () => {
    const pages = readdirSync(corpus).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(50);
    for (const file of pages) {
      const html = readFileSync(join(corpus, file), 'utf8');
      expect(boundNesting(html, MAX_NESTING) === html, file).toBe(true);
    }
  });
});
