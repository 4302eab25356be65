// The page's declared signals read once: meta tags, links, JSON-LD, headings. Bounded for hostile pages.
import { cleanText, elementText } from './text.js';
import { mainNode, readJsonLd, type LdNode } from './jsonld.js';

/** Meta tags beyond this count are ignored: real pages have a few hundred at most. */
const MAX_META = 2000;

export interface Page {
  doc: Document;
  url: URL | null;
  /** Meta values by lower-case name/property/itemprop, in document order. */
  meta: Map<string, string[]>;
  ld: LdNode[];
  article: LdNode | null;
  /** `<title>` text. */
  title: string;
  /** Visible top headings (h1), cleaned. */
  headings: string[];
  /** For each heading: whether it sits in the site's header (a logo, not the article's headline). */
  logoHeadings: boolean[];
  lang: string;
}

function addMeta(meta: Map<string, string[]>, key: string, value: string): void {
  const k = key.trim().toLowerCase();
  if (!k || k.length > 100) return;
  const list = meta.get(k);
  if (list) {
    if (list.length < 20) list.push(value);
  } else meta.set(k, [value]);
}

export function readMeta(doc: Document): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  const tags = doc.getElementsByTagName('meta');
  const count = Math.min(tags.length, MAX_META);
  for (let i = 0; i < count; i++) {
    const tag = tags[i]!;
    const content = tag.getAttribute('content') ?? tag.getAttribute('value') ?? tag.getAttribute('datetime');
    if (content == null) continue;
    const value = content.length > 5000 ? content.slice(0, 5000) : content;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = tag.getAttribute(attr);
      if (!key) continue;
      // `property="og:title article:tag"` lists several names in one attribute.
      for (const part of key.split(/\s+/).slice(0, 5)) addMeta(meta, part, value);
    }
  }
  return meta;
}

function pageUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const SITE_HEADER = /(?:^|[-_\s])(?:header|site-header|masthead|branding|logo|site-title|site-name|navbar)(?:[-_\s]|$)/i;
const ARTICLE_WORDS = /article|entry|post|story|content|main/i;

/** An h1 inside the page's header bar or logo (a header inside <main>/<article> is the article's). */
function inSiteHeader(h1: Element): boolean {
  let node: Element | null = h1;
  let header = false;
  for (let depth = 0; node && depth < 10; depth++, node = node.parentElement) {
    if (node.tagName === 'MAIN' || node.tagName === 'ARTICLE' || node.getAttribute('role') === 'main') return false;
    if (depth >= 4) continue;
    const names = `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`;
    if (ARTICLE_WORDS.test(names)) return false;
    if ((node.tagName === 'HEADER' && depth > 0) || SITE_HEADER.test(names)) header = true;
  }
  return header;
}

export function readPage(doc: Document, url: string): Page {
  const meta = readMeta(doc);
  const ld = readJsonLd(doc);
  const titleEl = doc.querySelector('title');
  const headings: string[] = [];
  const logoHeadings: boolean[] = [];
  const h1s = doc.getElementsByTagName('h1');
  for (let i = 0; i < Math.min(h1s.length, 8); i++) {
    logoHeadings.push(inSiteHeader(h1s[i]!));
    // Permalink marks after a heading (`Title¶`) are not part of it.
    const text = elementText(h1s[i], 400).replace(/\s*[¶§#🔗]+$/u, '');
    if (text && text.length <= 400) headings.push(text);
  }
  const lang = doc.documentElement?.getAttribute('lang') ?? '';
  return {
    doc,
    url: pageUrl(url),
    meta,
    ld,
    article: mainNode(ld),
    title: titleEl ? cleanText(titleEl.textContent ?? '') : '',
    headings,
    logoHeadings,
    lang: lang.toLowerCase(),
  };
}

/** First clean, non-empty meta value among the keys, with the key that gave it. */
export function firstMeta(page: Page, keys: string[]): { value: string; key: string } | null {
  for (const key of keys) {
    for (const raw of page.meta.get(key) ?? []) {
      const value = cleanText(raw);
      if (value) return { value, key };
    }
  }
  return null;
}
