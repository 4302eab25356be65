// The extraction engine: a Document and its URL in, the record's fields and their sources out. Pure code.
import { pickDate } from './date-pick.js';
import { dateCandidates, modifiedDates } from './date-sources.js';
import { pageZone } from './date-zone.js';
import { firstParagraph, pickDescription } from './excerpt.js';
import { pickImages, pickTopics, pickType } from './media.js';
import { readPage } from './page.js';
import { hostDomain, pickProviderName } from './provider.js';
import { siteHints, siteNameCandidates } from './site-names.js';
import { pickTitle } from './title.js';
import type { Extraction } from './types.js';
import { cleanUrl, pickOriginalUrl } from './url.js';

export type { Extraction } from './types.js';

export interface ExtractOptions {
  /** Registrable domain of a host (public-suffix aware, e.g. tldts' getDomain); default: host minus www. */
  registrableDomain?: (host: string) => string | null | undefined;
  /** The clock, for "never today's date from page furniture"; default Date.now(). */
  now?: number;
}

/** An extraction plus what the caller still has to do: run Readability when the page gave no excerpt. */
export interface EngineResult extends Extraction {
  needsReadability: boolean;
}

function domainOf(host: string, options: ExtractOptions): string {
  if (!host) return '';
  try {
    return options.registrableDomain?.(host) || hostDomain(host);
  } catch {
    return hostDomain(host);
  }
}

export function extract(doc: Document, url: string, options: ExtractOptions = {}): EngineResult {
  const page = readPage(doc, url);
  const webUrl = cleanUrl(url) ?? '';
  const host = page.url?.hostname ?? '';
  const domain = domainOf(host, options);
  const declared = siteNameCandidates(page);
  const hints = siteHints(page, domain);
  const names = declared.map((c) => c.name);
  const title = pickTitle(page, names, hints);
  const provider = pickProviderName(page, declared, title?.removed ?? [], domain, hints);
  const allNames = provider.name ? [...names, provider.name] : names;
  const description = pickDescription(page, title?.title ?? '', allNames);
  const paragraph = description ? '' : firstParagraph(doc, title?.title ?? '', allNames);
  const date = pickDate(dateCandidates(page), modifiedDates(page), options.now ?? Date.now(), pageZone(page));
  const original = pickOriginalUrl(page, webUrl);
  const type = pickType(page);
  const images = pickImages(page, original.url || webUrl);
  const topics = pickTopics(page);
  const sources: Extraction['sources'] = {
    title: title?.source ?? 'none',
    excerpt: description?.source ?? (paragraph ? 'first paragraph' : 'none'),
    publishedDateTime: date?.source ?? 'none',
    originalUrl: original.source,
    webUrl: 'page url',
    type: type.source,
    providerName: provider.source,
    providerDomain: options.registrableDomain ? 'public suffix list' : 'host',
  };
  if (images.source) sources.images = images.source;
  if (topics.source) sources.suggestedTopics = topics.source;
  return {
    title: title?.title ?? '',
    excerpt: description?.text ?? paragraph,
    publishedDateTime: date?.value ?? null,
    originalUrl: original.url,
    webUrl,
    type: type.type,
    provider: { name: provider.name, domain },
    images: images.images,
    suggestedTopics: topics.topics,
    sources,
    needsReadability: !description,
  };
}
