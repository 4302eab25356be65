// The whole engine over a Document already parsed: linkedom's in Node, DOMParser's in Chrome's offscreen
// document and Firefox's background page. Addresses are resolved against `url`, never the document's base
// (a DOMParser document's base is the extension page that made it).
import { completeWithArticle } from './article.js';
import { boundHtml, LARGE_PAGE } from './bound-html.js';
import { boundNesting } from './bound-depth.js';
import { readMetadata, type ExtractOptions } from './index.js';
import { readPage } from './page.js';
import { completeWithReadability } from './readability.js';
import { cleanTopics } from './topics.js';
import type { Extraction } from './types.js';

/** How long reading one page may take (parse and every stage): past it, the later stages are left out. */
export const READ_BUDGET_MS = 3_000;

/** A deadline for the work on one page; the engine sets `cut` when it left a stage out for time. */
export interface ReadBudget {
  /** Date.now() past which no further stage starts. */
  until: number;
  cut?: boolean;
}

export function budgetFrom(ms = READ_BUDGET_MS): ReadBudget {
  return { until: Date.now() + ms };
}

/** Whether the budget is spent (and then marked so). */
export function spent(budget: ReadBudget | undefined): boolean {
  if (!budget || Date.now() <= budget.until) return false;
  budget.cut = true;
  return true;
}

export interface DocumentOptions extends ExtractOptions {
  /** false rules Readability out (pages over LARGE_PAGE): the first prose paragraph is the excerpt. */
  readability?: boolean;
  /** Past it, the article stage and Readability are left out and the metadata's record stands. */
  budget?: ReadBudget;
}

/** The text a parser is given for a page's HTML (bounded, wrapped when it is a bare fragment), and whether Readability may run. */
export function htmlToParse(html: string): { text: string; readability: boolean } {
  const raw = typeof html === 'string' ? html : '';
  const text = boundNesting(boundHtml(raw));
  return {
    text: text.includes('<html') ? text : `<!doctype html><html><head></head><body>${text}</body></html>`,
    readability: raw.length <= LARGE_PAGE,
  };
}

export function extractFromDocument(doc: Document, url: string, options: DocumentOptions = {}): Extraction {
  const { readability = true, budget, ...engineOptions } = options;
  const page = readPage(doc, url);
  const result = readMetadata(page, url, engineOptions);
  // Both later stages in the browser's order: the article stage, then Readability when it asks.
  if (result.needsArticle && !spent(budget)) completeWithArticle(doc, url, result, { ...engineOptions, readability }, page);
  if (result.needsReadability && !spent(budget)) completeWithReadability(doc, result);
  const { needsArticle: _article, needsReadability: _readability, pending: _pending, ...extraction } = result;
  extraction.suggestedTopics = cleanTopics(extraction.suggestedTopics, extraction.title, [extraction.provider.name, extraction.provider.domain, extraction.webUrl ? new URL(extraction.webUrl).hostname : '']);
  return extraction;
}
