// Provider name and domain: declared names first, then the title's site piece, then the domain.
import { describe, expect, it } from 'vitest';
import { registrableDomain } from '../../src/extract/node.js';
import { ld, page, run } from './helpers.js';

describe('provider', () => {
  it('uses og:site_name, then the JSON-LD publisher, then application-name', () => {
    expect(run(page('<meta property="og:site_name" content="Example Times">')).provider.name).toBe('Example Times');
    expect(run(page(ld({ '@type': 'NewsArticle', publisher: { '@type': 'Organization', name: 'Example Post' } }))).provider.name).toBe('Example Post');
    expect(run(page('<meta name="application-name" content="Example App">')).provider.name).toBe('Example App');
  });

  it('reads the site piece of the title when nothing is declared', () => {
    const out = run(page('<title>Silicon Exposed: Open flow for logic devices</title>'), 'http://siliconexposed.blogspot.com/2016/05/open.html');
    expect(out.provider).toEqual({ name: 'Silicon Exposed', domain: 'siliconexposed.blogspot.com' });
  });

  it('falls back to the logo, then to the domain itself', () => {
    const logo = page('<title>Babies who eat peanuts</title>', '<div id="logo"><a href="/"><img alt="WebMD: Better information. Better health." src="l.png"></a></div>');
    expect(run(logo, 'http://www.webmd.com/allergies/news/x').provider.name).toBe('WebMD');
    expect(run(page('<title>Plain</title>'), 'https://news.example.org/x').provider).toEqual({ name: 'example.org', domain: 'example.org' });
  });

  it('gives the registrable domain through the public suffix list', () => {
    expect(registrableDomain('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registrableDomain('www.businessinsider.com')).toBe('businessinsider.com');
    expect(registrableDomain('someone.github.io')).toBe('someone.github.io');
    expect(registrableDomain('mcupdate.tumblr.com')).toBe('mcupdate.tumblr.com');
  });

  it('turns a URL given as site name into its host', () => {
    expect(run(page('<meta property="og:site_name" content="http://www.tmz.com">'), 'https://www.tmz.com/x').provider.name).toBe('tmz.com');
  });
});
