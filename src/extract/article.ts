// The extraction engine's second stage, run only when the first left something pending: dates
// people read on the page (bylines, datelines, <time>) and the excerpt from the article's text.
// No Readability here: when the excerpt needs it, this stage says so (`needsReadability`) and
// readability.ts runs next (content/readability.js in the browser, right after in Node).
import { firstParagraph, readabilityFits, standfirst } from './article-text.js';
import { brandFromPage } from './brand.js';
import { declaredDates, modifiedDates } from './date-declared.js';
import { pickDate } from './date-pick.js';
import { parseDateText } from './date-text.js';
import { visibleDates } from './date-visible.js';
import { offsetGuess } from './date-zone.js';
import type { EngineResult, ExtractOptions as BaseOptions } from './index.js';
import { readPage, type Page } from './page.js';

interface ExtractOptions extends BaseOptions {
  /** false rules Readability out (huge pages): the first prose paragraph is the excerpt. */
  readability?: boolean;
}

/**
 * Completes `result` in place from the article's text; clears its pending flags and `needsArticle`.
 * Sets `needsReadability` only when the excerpt was pending and the page shows no standfirst: then
 * Readability's paragraph would rank above the first prose paragraph kept here as the fallback.
 */
export function completeWithArticle(doc: Document, url: string, result: EngineResult, options: ExtractOptions = {}, read?: Page): void {
  const page = read ?? readPage(doc, url);
  let readability = false;
  if (result.pending.provider) {
    const brand = brandFromPage(page, result.provider.domain.split('.')[0] ?? '');
    if (brand) {
      result.provider.name = brand;
      result.sources.providerName = 'logo';
    }
  }
  if (result.pending.date) {
    const candidates = [...declaredDates(page, parseDateText), ...visibleDates(page)];
    const date = pickDate(candidates, modifiedDates(page), options.now ?? Date.now(), offsetGuess(page));
    if (date) {
      result.publishedDateTime = date.value;
      result.sources.publishedDateTime = date.source;
    }
  }
  if (result.pending.excerpt) {
    const names = result.provider.name ? [result.provider.name] : [];
    let paragraph = standfirst(doc, result.title, names);
    let source = 'standfirst';
    if (!paragraph) {
      // Until Readability says otherwise (or when it cannot run): the first prose paragraph.
      paragraph = firstParagraph(doc, result.title, names);
      source = 'first paragraph';
      readability = options.readability !== false && readabilityFits(doc);
    }
    if (paragraph) {
      result.excerpt = paragraph;
      result.sources.excerpt = source;
    }
  }
  result.pending = { excerpt: false, date: false, provider: false };
  result.needsArticle = false;
  result.needsReadability = readability;
}
