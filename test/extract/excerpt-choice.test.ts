// The right excerpt: what this article is about, not the site's tagline, a byline or a photo credit.
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const ARTICLE = '<article><h1>Lemon tart with a burnt honey crust</h1>' +
  '<p class="byline">By Jane Roe and John Doe Monday, March 4, 2019, 04:05 pm PT</p>' +
  '<figure><img src="t.jpg"><figcaption>The tart, cooling.</figcaption></figure>' +
  '<p>Photo: John Doe/Harbour Light Kitchen. All food styling by the authors for this feature.</p>' +
  '<p>This lemon tart keeps its crust crisp for two days because the honey is burnt before it goes into the pastry, and the filling sets without any cream.</p>' +
  '<p>Start the pastry the evening before: the dough rests overnight in the fridge, and the lemons give more juice at room temperature.</p></article>';

function html(description: string, body = ARTICLE): string {
  return `<!doctype html><html lang="en"><head><title>Lemon tart with a burnt honey crust | Small Kitchen</title>` +
    `<meta property="og:site_name" content="Small Kitchen"><meta name="description" content="${description}"></head><body>${body}</body></html>`;
}

describe('the excerpt', () => {
  it('drops a site tagline that shares nothing with the headline and the opening, for the first prose paragraph', () => {
    const got = run(html('Recipes and stories from a small kitchen by the sea.'), 'https://www.example.com/tart');
    expect(got.excerpt).toMatch(/^This lemon tart keeps its crust crisp/);
    const tool = run(html('Acme is the easiest way to run your tools at once!'), 'https://www.example.com/tart');
    expect(tool.excerpt).toMatch(/^This lemon tart/);
  });

  it('never takes a server error printed into the page (PHP warnings before the article) for the excerpt', () => {
    const page = `<html><head><title>Tart</title></head><body>Warning: Cannot modify header information - headers already sent by (output started at /srv/www/wp-config.php:12) in /srv/www/wp-includes/pluggable.php on line 1296
<article><h1>Lemon tart</h1><p>This lemon tart keeps its crust crisp for two days, because the pastry is baked blind with burnt honey.</p></article></body></html>`;
    expect(run(page, 'https://www.example.com/tart').excerpt).toMatch(/^This lemon tart/);
  });

  it('keeps a description that shares no word with the headline when the article bears it out', () => {
    const teaser = 'Burnt honey before the pastry, no cream in the filling: the crust stays crisp for two days.';
    expect(run(html(teaser), 'https://www.example.com/tart').excerpt).toBe(teaser);
  });

  it('skips a byline with its dateline and a photo credit when taking the first paragraph', () => {
    const got = run(html(''), 'https://www.example.com/tart');
    expect(got.excerpt).toMatch(/^This lemon tart/);
  });

  it('keeps a description that says `your browser` late in a long text; drops a banner that says it first', () => {
    const long = 'Nothing beats a lemon tart whose crust stays crisp, and this is the richest one we have baked in years of trying. Warning: the photographs might make your browser chug, so close your other tabs.';
    expect(run(html(long), 'https://www.example.com/tart').excerpt).toBe(long.slice(0, 200).trimEnd());
    expect(run(html('Your browser is out of date. Please update it to read this page and many others like it on the web today.'), 'https://www.example.com/tart').excerpt)
      .toMatch(/^This lemon tart/);
  });

  it('reads an abstract declared in Dublin Core when there is no description', () => {
    const page = '<!doctype html><html><head><title>remoteStorage</title><meta name="DC.Description.Abstract" content="This draft describes a protocol by which client-side applications can store documents on a server of another domain."></head><body><pre>Abstract</pre></body></html>';
    expect(run(page, 'https://tools.example.org/html/draft-x').excerpt).toMatch(/^This draft describes a protocol/);
  });
});

describe('prose that looks like a byline', () => {
  it('keeps a sentence that opens with `By Monday` or names a weekday', async () => {
    const { notProse } = await import('../../src/extract/article-text.js');
    expect(notProse('By Monday, officials had evacuated 3,000 residents from the coast.')).toBe(false);
    expect(notProse('On Monday, the council voted 7-2 to close the pool.')).toBe(false);
    expect(notProse('By Jane Roe and John Doe Monday, March 4, 2019, 04:05 pm PT')).toBe(true);
    expect(notProse('Photo: John Doe/Reuters')).toBe(true);
    expect(notProse('The tart, cooling on the rack. (AP Photo/Jane Roe)')).toBe(true);
  });
});
