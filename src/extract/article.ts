// The extraction engine's second stage, run only when the first left something pending: dates
// people read on the page (bylines, datelines, <time>) and the excerpt from the article's text.
// No Readability here: when the excerpt needs it, this stage says so (`needsReadability`) and
// readability.ts runs next (content/readability.js in the browser, right after in Node).
import { firstParagraph, openingText, readabilityFits, standfirst } from './article-text.js';
import { brandFromPage, siteLabel } from './brand.js';
import { declaredDates, modifiedDates } from './date-declared.js';
import { parseDateText } from './date-text.js';
import { headlineOverturns } from './date-overturn.js';
import { visibleDates } from './date-visible.js';
import { pickDateInZone } from './date-zone.js';
import { isTagline } from './tagline.js';
import type { EngineResult, ExtractOptions as BaseOptions } from './index.js';
import { readPage, type Page } from './page.js';
import { siteHints, siteNameCandidates } from './site-names.js';
import { asShown } from './title-shown.js';

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
  // The headline as the page shows it (its h1): here, since this stage runs on every page and the
  // injected metadata stage stays small.
  if (result.title) {
    const names = siteNameCandidates(page).map((c) => c.name);
    const shown = asShown(page, { title: result.title, source: result.sources.title ?? 'none', removed: [] }, names, siteHints(page, result.provider.domain));
    result.title = shown.title;
    result.sources.title = shown.source;
  }
  if (result.pending.provider) {
    // The site's label read from the host the same way here and in Node (the browser has no suffix list).
    const brand = brandFromPage(page, siteLabel(page.url?.hostname ?? result.provider.domain), result.title);
    if (brand) {
      result.provider.name = brand.name;
      result.sources.providerName = brand.source;
    }
  }
  if (result.pending.date || headlineOverturns(page, result.title, options.now ?? Date.now())) {
    const declared = declaredDates(page, parseDateText);
    const candidates = [...declared, ...visibleDates(page, result.title, declared.length > 0)];
    const date = pickDateInZone(candidates, modifiedDates(page), options.now ?? Date.now(), page);
    if (date) {
      result.publishedDateTime = date.value;
      result.sources.publishedDateTime = date.source;
    }
  }
  if (result.pending.excerpt) {
    const names = result.provider.name ? [result.provider.name] : [];
    const lead = standfirst(doc, result.title, names);
    const first = lead ? '' : firstParagraph(doc, result.title, names);
    // A description sharing no word with the headline stays when the opening bears it out: else it
    // is the site's tagline, and the standfirst or the first paragraph says what the article is about.
    const kept = result.excerpt !== '' && !isTagline(result.excerpt, result.title, `${lead} ${openingText(doc, result.title, names)}`);
    if (!kept && lead) {
      result.excerpt = lead;
      result.sources.excerpt = 'standfirst';
    } else if (!kept) {
      // Until Readability says otherwise (or when it cannot run): the first prose paragraph.
      readability = options.readability !== false && readabilityFits(doc);
      if (first) {
        result.excerpt = first;
        result.sources.excerpt = 'first paragraph';
      }
    }
  }
  result.pending = { excerpt: false, date: false, provider: false };
  result.needsArticle = false;
  result.needsReadability = readability;
}
