// Reading would stop at </head> only when the head answers everything, so that the entry is the one the whole
// page gives. Since the engine reads the headline and the date beside it from the body, no head answers alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headAnswers, relatedFromHtml } from '../../src/related/from-html.js';
import { sharedDir, sharedOrSkipNote } from '../shared.js';

describe('the head check', () => {
  it('reads on when the body may still change the title (a piece like `| Author` left) or the date (only a created date in the head)', () => {
    const head = (title: string, date: string) => `<html><head><title>${title}</title><meta property="og:title" content="${title}">
<meta property="og:site_name" content="Coast News"><meta name="description" content="The harbour lamps were relit last night after a winter of repairs.">
${date}</head>`;
    const url = 'https://coast.example/lamps';
    const published = '<meta property="article:published_time" content="2026-01-05T10:00:00Z">';
    // Even a complete head: the body's <h1> and the day shown beside it can still change title and date.
    expect(headAnswers(head('Harbour lamps relit', published), url)).toBe(false);
    expect(headAnswers(head('Harbour lamps relit | Ann Reed', published), url)).toBe(false);
    const created = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour lamps relit","dateCreated":"2026-01-05T10:00:00Z"}</script>';
    expect(headAnswers(head('Harbour lamps relit', created), url)).toBe(false);
  });

  it.skipIf(!sharedOrSkipNote('the head check on the corpus'))('gives the whole page\'s entry wherever it stops the read', () => {
    const labels = JSON.parse(readFileSync(join(sharedDir, 'corpus/dev/labels.json'), 'utf8')) as Array<{ file: string; url: string }>;
    const stopped: string[] = [];
    for (const { file, url } of labels) {
      const html = readFileSync(join(sharedDir, 'corpus/dev', file), 'utf8');
      const end = /<\/head[\s>]/i.exec(html);
      if (!end) continue;
      const head = html.slice(0, end.index + end[0].length);
      if (!headAnswers(head, url)) continue;
      stopped.push(file);
      expect.soft(relatedFromHtml(head, url), file).toEqual(relatedFromHtml(html, url));
    }
    // It stops on none: whatever a head says, the body may change the entry (issue 23's rules).
    expect(stopped).toEqual([]);
  });
});
