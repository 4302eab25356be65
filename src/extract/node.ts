// Node entry: HTML text and its URL in, an Extraction out; linkedom parses, tldts gives the domain.
import { parseHTML } from 'linkedom';
import { budgetFrom, extractFromDocument, htmlToParse, type ReadBudget } from './document.js';
import { registrableDomain } from './public-suffix.js';
import type { Extraction } from './types.js';

export { registrableDomain };

/** linkedom's document for a page's markup (an inert DOM in memory: nothing in it runs or loads). */
export function parseWithLinkedom(markup: string): Document {
  return parseHTML(markup).document as unknown as Document;
}

/** `budget`: the read's deadline (READ_BUDGET_MS from now unless given); it says `cut` when a stage was left out for time. */
export function extractFromHtml(html: string, url: string, options: { now?: number; budget?: ReadBudget } = {}): Extraction {
  const budget = options.budget ?? budgetFrom();
  const { text, readability } = htmlToParse(html);
  return extractFromDocument(parseWithLinkedom(text), url, { registrableDomain, now: options.now, readability, budget });
}
