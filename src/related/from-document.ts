// A related entry from a page's HTML through whichever parser the place has: linkedom in Node (from-html.ts),
// DOMParser in Chrome's offscreen document and Firefox's background page. One engine, one builder, so the
// extension's entry is byte for byte what `lede related` prints.
import { budgetFrom, extractFromDocument, htmlToParse, READ_BUDGET_MS, type ReadBudget } from '../extract/document.js';
import { declaredDates } from '../extract/date-declared.js';
import { readMetadata } from '../extract/index.js';
import { hasAddedPiece } from '../extract/title.js';
import { readPage } from '../extract/page.js';
import type { Extraction } from '../extract/types.js';
import type { RelatedEntry } from '../record/types.js';
import { DEFAULT_RELATED, relatedFromExtraction, type RelatedDefaults } from './entry.js';
import type { RelatedReader } from './fetch-related.js';

/** Markup in, an inert Document out (nothing in it runs or loads). */
export type ParseHtml = (markup: string) => Document;
export type DomainOf = (host: string) => string;

/** An entry read, and whether its page took so long that the later stages were left out (`cut`). */
export interface ReadEntry {
  entry: RelatedEntry;
  extraction: Extraction;
  cut: boolean;
}

/** The entry and the extraction it came from, for a Document of the page read at `url`. */
export function relatedFromDocument(doc: Document, url: string, registrableDomain: DomainOf,
  defaults: RelatedDefaults = DEFAULT_RELATED, readability = true, budget?: ReadBudget): ReadEntry {
  const extraction = extractFromDocument(doc, url, { registrableDomain, readability, budget });
  return { entry: relatedFromExtraction(extraction, registrableDomain, defaults), extraction, cut: budget?.cut === true };
}

/** The page's HTML parsed as the CLI parses it (bounded, fragments wrapped), then read within `budgetMs`. */
export function readRelatedHtml(html: string, url: string, parse: ParseHtml, registrableDomain: DomainOf,
  defaults: RelatedDefaults = DEFAULT_RELATED, budgetMs = READ_BUDGET_MS): ReadEntry {
  const budget = budgetFrom(budgetMs);
  const { text, readability } = htmlToParse(html);
  return relatedFromDocument(parse(text), url, registrableDomain, defaults, readability, budget);
}

/**
 * True when the page's <head> alone gives every field the metadata stage looks for, so the body
 * (often most of the bytes) need not be fetched at all; the entry is then the one the whole page gives.
 */
export function headAnswersDocument(doc: Document, url: string, registrableDomain: DomainOf): boolean {
  const page = readPage(doc, url);
  const result = readMetadata(page, url, { registrableDomain });
  if (result.needsArticle || result.title === '') return false;
  // Two answers the body can still change: a title with a piece a site adds (the article's <h1> lets the
  // engine cut `| Author`), and a date the head declares only as created or generic (a published date
  // declared in the body, microdata or JSON-LD, ranks above it).
  return !hasAddedPiece(result.title) && declaredDates(page).some((date) => date.rank === 1);
}

/** The same, from the head's markup (the page up to its `</head>`). */
export function headAnswersHtml(head: string, url: string, parse: ParseHtml, registrableDomain: DomainOf): boolean {
  return headAnswersDocument(parse(`${head}</html>`), url, registrableDomain);
}

/** A reader (fetch-related.ts) that parses with `parse` right here: DOMParser in a page, linkedom in Node. */
export function documentReader(parse: ParseHtml, registrableDomain: DomainOf): RelatedReader {
  return {
    headAnswers: (head, url) => headAnswersHtml(head, url, parse, registrableDomain),
    entry: (html, url, defaults) => {
      const { entry, cut } = readRelatedHtml(html, url, parse, registrableDomain, defaults);
      return { entry, cut };
    },
  };
}
