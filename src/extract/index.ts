// The extraction engine's first stage: a Document and its URL in, the record's fields from the
// page's metadata out, with what is still pending for the article stage (article.ts), which in turn
// says whether Readability (readability.ts) should run for the excerpt. Pure code.
import { declaredDates, modifiedDates } from './date-declared.js';
import { pickDate } from './date-pick.js';
import { pickDescription } from './excerpt.js';
import { pickImages, pickTopics, pickType } from './media.js';
import { readPage, type Page } from './page.js';
import { hostDomain, pickProviderName } from './provider.js';
import { siteHints, siteNameCandidates } from './site-names.js';
import { pickTitle } from './title.js';
import type { Extraction } from './types.js';
import { cleanUrl, pickOriginalUrl } from './url.js';

export type { Extraction } from './types.js';

export interface ExtractOptions {
  /** Registrable domain of a host (public-suffix aware, e.g. tldts' getDomain); default: host minus www. */
  registrableDomain?: (host: string) => string | null | undefined;
  /** The clock, for "never a date in the future or today's from page furniture"; default Date.now(). */
  now?: number;
}

/** An extraction plus what the later stages still have to do (they need the page's text). */
export interface EngineResult extends Extraction {
  /** True when the article stage (bylines, datelines, <time>, standfirst, first paragraph) should run. */
  needsArticle: boolean;
  /** True when Readability should run for the excerpt: only the article stage sets it. */
  needsReadability: boolean;
  pending: { excerpt: boolean; date: boolean; provider: boolean };
}

function domainOf(host: string, options: ExtractOptions): string {
  if (!host) return '';
  try {
    return options.registrableDomain?.(host) || hostDomain(host);
  } catch {
    return hostDomain(host);
  }
}

export function extractMetadata(doc: Document, url: string, options: ExtractOptions = {}): EngineResult {
  return readMetadata(readPage(doc, url), url, options);
}

/** The first stage over an already read page (Node keeps the page for the article stage). */
export function readMetadata(page: Page, url: string, options: ExtractOptions = {}): EngineResult {
  const webUrl = cleanUrl(url) ?? '';
  const domain = domainOf(page.url?.hostname ?? '', options);
  const declared = siteNameCandidates(page);
  const hints = siteHints(page, domain);
  const names = declared.map((c) => c.name);
  const title = pickTitle(page, names, hints);
  const provider = pickProviderName(page, declared, title?.removed ?? [], domain, hints);
  const description = pickDescription(page, title?.title ?? '', provider.name ? [...names, provider.name] : names);
  const date = pickDate(declaredDates(page), modifiedDates(page), options.now ?? Date.now());
  const original = pickOriginalUrl(page, webUrl);
  const type = pickType(page);
  const images = pickImages(page, original.url || webUrl);
  const topics = pickTopics(page);
  const sources: Extraction['sources'] = {
    title: title?.source ?? 'none',
    excerpt: description?.source ?? 'none',
    publishedDateTime: date?.source ?? 'none',
    originalUrl: original.source,
    webUrl: 'page url',
    type: type.source,
    providerName: provider.source,
    providerDomain: options.registrableDomain ? 'public suffix list' : 'host',
  };
  if (images.source) sources.images = images.source;
  if (topics.source) sources.suggestedTopics = topics.source;
  // A description sharing no word with the headline may be the site's tagline: the article stage
  // compares it with the article's opening.
  const pending = { excerpt: !description || description.doubtful, date: !date?.certain, provider: provider.source === 'domain' };
  return {
    title: title?.title ?? '',
    excerpt: description?.text ?? '',
    publishedDateTime: date?.value ?? null,
    originalUrl: original.url,
    webUrl,
    type: type.type,
    provider: { name: provider.name, domain },
    images: images.images,
    suggestedTopics: topics.topics,
    sources,
    // Always: the headline as its h1 shows it, and the day shown beside it, are read from the page's text.
    needsArticle: true,
    needsReadability: false,
    pending,
  };
}
