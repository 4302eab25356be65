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

describe('the provider name from the page when it declares none', () => {
  const article = '<article><h1>Harbour reopens after the storm</h1><p>The harbour reopened on Monday after a week of repairs to the breakwater and the quay.</p></article>';
  const at = (head: string, body: string) => run(page(`<title>Harbour reopens after the storm</title>${head}`, body), 'https://www.harbourlight.co.uk/news/a');

  it('reads the copyright line', () => {
    expect(at('', `${article}<footer><p>© 2019 Harbour Light News. All rights reserved.</p></footer>`).provider.name).toBe('Harbour Light News');
    expect(at('', `${article}<div class="site-footer">Copyright 2005–2019 Harbour Light News Ltd</div>`).provider.name).toBe('Harbour Light News');
  });

  it('reads the logo\'s alt text, without the words a logo adds', () => {
    expect(at('', `<header><a class="logo" href="/"><img src="l.png" alt="Harbour Light News logo"></a></header>${article}`).provider.name).toBe('Harbour Light News');
    // An alt that names no one is no name: the domain stays.
    expect(at('', `<header><a class="logo" href="/"><img src="l.png" alt="Logo"></a></header>${article}`).provider.name).toBe('harbourlight.co.uk');
  });

  it('reads JSON-LD isPartOf, and the name the sources share when one adds a section', () => {
    expect(at(ld({ '@type': 'NewsArticle', headline: 'Harbour reopens after the storm', isPartOf: { '@type': 'WebSite', name: 'Harbour Light News' } }), article).provider.name)
      .toBe('Harbour Light News');
    const sections = '<title>Harbour reopens after the storm ＜Harbourlight\u3000Local＞</title>';
    const got = run(page(sections, `<header><img class="logo" src="a.png" alt="Harbourlight\u3000Local"><img class="logo" src="b.png" alt="News from the Harbourlight"></header>${article}`),
      'https://www.example.org/a');
    expect(got.provider.name).toBe('Harbourlight');
  });

  it('falls back to the domain only when nothing on the page names the publisher', () => {
    expect(at('', article).provider.name).toBe('harbourlight.co.uk');
  });
});

describe('siteLabel', () => {
  it('names the site from the host alone, as the browser (no suffix list) and Node both read it', async () => {
    const { siteLabel } = await import('../../src/extract/brand.js');
    expect(siteLabel('tools.ietf.org')).toBe('ietf');
    expect(siteLabel('finance.yahoo.com')).toBe('yahoo');
    expect(siteLabel('news.bbc.co.uk')).toBe('bbc');
    expect(siteLabel('www1.folha.uol.com.br')).toBe('uol');
    expect(siteLabel('someone.blogspot.com')).toBe('someone');
    expect(siteLabel('localhost')).toBe('localhost');
  });
});
