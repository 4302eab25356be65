// The article's own links to other articles, offered as related entries: what its JSON-LD names
// (relatedLink, citation, isBasedOn) and links inside the article's text to article-like pages —
// never navigation, tag or section pages, share buttons, or the page itself. Pure: a Document in.
import { readJsonLd, ldString, mainNode, resolveRef, type LdNode } from '../extract/jsonld.js';
import { cleanText, elementText } from '../extract/text.js';
import { cleanUrl } from '../extract/url.js';
import { normaliseUrl } from '../record/url.js';

export interface LinkSuggestion {
  url: string;
  /** The link's words or the name JSON-LD gives; may be empty. */
  title: string;
  source: 'json-ld relatedLink' | 'json-ld citation' | 'json-ld isBasedOn' | 'article link';
}

const MAX_SUGGESTIONS = 12;
const MAX_LINKS_SCANNED = 2000;

/** Paths of lists, people, accounts and site pages, not articles. */
const NOT_ARTICLE_PATH = /\/(?:tags?|topics?|category|categories|section|sections|authors?|people|profile|users?|search|login|signin|sign-in|register|subscribe|subscription|newsletters?|about|contact|privacy|terms|cookies?|help|faq|feed|rss|archive|archives|page|shop|store|cart|account|jobs|careers|advertise)(?:\/|$)/i;
/** Share buttons and intents, by host and path. */
const SHARE = /(?:^|\.)(?:facebook\.com\/(?:sharer|share|dialog)|twitter\.com\/(?:intent|share)|x\.com\/intent|linkedin\.com\/(?:share|cws|sharing)|pinterest\.\w+\/pin\/create|reddit\.com\/submit|news\.ycombinator\.com\/submitlink|wa\.me|api\.whatsapp\.com|t\.me\/share|telegram\.me\/share|getpocket\.com\/(?:save|edit)|mail\.google\.com)/i;
/** Social posts, profiles and app-store pages: a link there is a mention, not an article. */
const PLATFORM = /(?:^|\.)(?:twitter\.com|x\.com|facebook\.com|instagram\.com|tiktok\.com|itunes\.apple\.com|apps\.apple\.com|play\.google\.com)$/i;
const FILE = /\.(?:jpe?g|png|gif|webp|avif|svg|mp3|mp4|zip|gz|exe|dmg|css|js|json|xml)$/i;
/** Class or id words of the blocks inside an article that are not its text. */
const FURNITURE = /\b(?:share|sharing|social|tags?|byline|author|related|recommend|promo|newsletter|subscribe|comments?|footer|nav|menu|breadcrumbs?|caption|credit|advert|ad-|sponsor)/i;

/**
 * Looks like an article's address: a path with a long slug (three or more words), a number-and-words
 * path (dates, ids), or a page file; not a site's home or a section.
 */
export function articleLike(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const path = decodeURIComponent(u.pathname).replace(/\/+$/, '');
  if (!path || NOT_ARTICLE_PATH.test(path + '/') || FILE.test(path) || SHARE.test(u.hostname + u.pathname)) return false;
  const segments = path.split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  if (/[-_+]\w+[-_+]\w+/.test(last.replace(/\.\w+$/, ''))) return true; // a-long-slug
  if (/\.(?:s?html?|php|aspx?)$/i.test(last) && segments.length >= 1 && last.length > 8) return true;
  if (segments.length >= 2 && segments.some((s) => /\d{3,}/.test(s)) && segments.some((s) => /[a-z]{3,}/i.test(s))) return true;
  if (/[?&](?:id|p|story|article)=\w+/i.test(u.search)) return true;
  return false;
}

function ldLinks(doc: Document): Array<{ raw: string; title: string; source: LinkSuggestion['source'] }> {
  const nodes = readJsonLd(doc);
  const main = mainNode(nodes);
  const holders: LdNode[] = [main, ...nodes.filter((n) => n !== main && n['relatedLink'] !== undefined)].filter((n): n is LdNode => !!n);
  const out: Array<{ raw: string; title: string; source: LinkSuggestion['source'] }> = [];
  for (const node of holders) {
    for (const [key, source] of [['relatedLink', 'json-ld relatedLink'], ['citation', 'json-ld citation'], ['isBasedOn', 'json-ld isBasedOn']] as const) {
      const value = node[key];
      for (const item of (Array.isArray(value) ? value : [value]).slice(0, 50)) {
        const v = resolveRef(item, nodes);
        if (typeof v === 'string') out.push({ raw: v, title: '', source });
        else if (v && typeof v === 'object') {
          const obj = v as LdNode;
          const raw = ldString(obj['url'] ?? obj['@id'] ?? obj['mainEntityOfPage'], nodes, '@id');
          if (raw) out.push({ raw, title: cleanText(ldString(obj['headline'] ?? obj['name'], nodes)), source });
        }
      }
    }
  }
  return out;
}

/** The element that holds the article's text: articleBody, else the one <article>, else none (no guessing). */
function articleBody(doc: Document): Element | null {
  const marked = doc.querySelector('[itemprop~="articleBody"], [property~="articleBody"]');
  if (marked) return marked;
  const articles = doc.getElementsByTagName('article');
  return articles.length === 1 ? articles[0]! : null;
}

function inFurniture(link: Element, body: Element): boolean {
  for (let node: Element | null = link.parentElement; node && node !== body; node = node.parentElement) {
    if (/^(?:NAV|ASIDE|HEADER|FOOTER|FIGCAPTION|FIGURE|FORM|BUTTON)$/.test(node.tagName)) return true;
    const names = `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`;
    if (names.length > 1 && names.length < 300 && FURNITURE.test(names)) return true;
  }
  return false;
}

function bodyLinks(doc: Document): Array<{ raw: string; title: string; source: LinkSuggestion['source'] }> {
  const body = articleBody(doc);
  if (!body) return [];
  const out: Array<{ raw: string; title: string; source: LinkSuggestion['source'] }> = [];
  const links = body.getElementsByTagName('a');
  for (let i = 0; i < Math.min(links.length, MAX_LINKS_SCANNED); i++) {
    const a = links[i]!;
    const rel = (a.getAttribute('rel') ?? '').toLowerCase();
    if (/\btag\b|\bauthor\b/.test(rel) || a.hasAttribute('download')) continue;
    // A link in running text: inside a paragraph, list item or quote, with words of its own.
    if (!a.closest('p, li, blockquote, dd') || inFurniture(a, body)) continue;
    const title = elementText(a, 300);
    if (title.length < 3) continue;
    out.push({ raw: a.getAttribute('href') ?? '', title, source: 'article link' });
  }
  return out;
}

/** At most a dozen links, JSON-LD's first, each address once, none to the page itself. */
export function linkSuggestions(doc: Document, pageUrl: string, canonicalUrl = ''): LinkSuggestion[] {
  const own = new Set([pageUrl, canonicalUrl].map((u) => normaliseUrl(u)).filter(Boolean));
  const seen = new Set<string>();
  const out: LinkSuggestion[] = [];
  for (const { raw, title, source } of [...ldLinks(doc), ...bodyLinks(doc)]) {
    const url = cleanUrl(raw, pageUrl);
    if (!url) continue;
    const key = normaliseUrl(url);
    if (!key || own.has(key) || seen.has(key)) continue;
    // JSON-LD names its links on purpose; a body link must look like an article.
    if (source === 'article link' && !articleLike(url)) continue;
    const { hostname, pathname } = new URL(url);
    if (SHARE.test(hostname + pathname) || PLATFORM.test(hostname)) continue;
    seen.add(key);
    out.push({ url, title, source });
    if (out.length >= MAX_SUGGESTIONS) break;
  }
  return out;
}
