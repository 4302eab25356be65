// Lead images, the page's topic lists as written (cleaned later by topics.ts) and the content type.
import type { RecordImage } from '../record/types.js';
import { ldString, resolveRef, typesOf, type LdNode } from './jsonld.js';
import { firstMeta, type Page } from './page.js';
import { cleanText } from './text.js';
import { cleanUrl } from './url.js';

const MAX_IMAGES = 4;
/** Raw topic texts kept from the page (each may list several). */
const MAX_TOPICS = 40;

function dimension(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : parseInt(String(value ?? ''), 10);
  return Number.isInteger(n) && n > 0 && n < 100_000 ? n : undefined;
}

export function pickImages(page: Page, base: string): { images: RecordImage[]; source: string } {
  const images: RecordImage[] = [];
  let source = '';
  const push = (raw: unknown, width: unknown, height: unknown, from: string) => {
    const url = cleanUrl(typeof raw === 'string' ? cleanText(raw) : '', base);
    if (!url || images.length >= MAX_IMAGES || images.some((i) => i.url === url)) return;
    const image: RecordImage = { url };
    const w = dimension(width), h = dimension(height);
    if (w && h) Object.assign(image, { width: w, height: h });
    images.push(image);
    source ||= from;
  };
  const og = page.meta.get('og:image') ?? page.meta.get('og:image:url') ?? page.meta.get('og:image:secure_url') ?? [];
  og.slice(0, MAX_IMAGES).forEach((url, i) =>
    push(url, page.meta.get('og:image:width')?.[i], page.meta.get('og:image:height')?.[i], 'og:image'));
  if (page.article) {
    const raw = page.article['image'];
    for (const item of (Array.isArray(raw) ? raw : [raw]).slice(0, MAX_IMAGES)) {
      const node = resolveRef(item, page.ld);
      if (typeof node === 'string') push(node, undefined, undefined, 'json-ld image');
      else if (node && typeof node === 'object') {
        const obj = node as LdNode;
        push(ldString(obj['url'] ?? obj['contentUrl'], page.ld), obj['width'], obj['height'], 'json-ld image');
      }
    }
  }
  const twitter = firstMeta(page, ['twitter:image', 'twitter:image:src']);
  if (twitter) push(twitter.value, undefined, undefined, 'twitter:image');
  return { images, source };
}

function topicTexts(value: unknown, page: Page, whole = false): string[] {
  // Several tags, one per value (`article:tag` repeated): a comma belongs to its tag (`Mayer, Marissa`).
  if (Array.isArray(value)) return value.slice(0, 50).flatMap((v) => topicTexts(v, page, value.length > 1));
  // JSON-LD `about` and `keywords` may be things with a name (`{"@type": "Thing", "name": …}`).
  const text = cleanText(typeof value === 'string' ? value : ldString(value, page.ld));
  return whole ? [text] : text.split(/[,;|、，；]/);
}

/**
 * The page's topics as written, most specific first (tags and keywords before sections): cleaning
 * them of CMS machinery and the site's name is cleanTopics' job (topics.ts), after the page is read.
 */
export function pickTopics(page: Page): { topics: string[]; source: string } {
  const meta = (keys: string[]): [unknown, string][] => keys.map((k) => [page.meta.get(k), k]);
  const found = [...meta(['article:tag', 'news_keywords']),
    ...['keywords', 'about', 'articleSection'].map((k): [unknown, string] => [page.article?.[k], `json-ld ${k}`]),
    ...meta(['keywords', 'article:section'])];
  const topics: string[] = [];
  let source = '';
  for (const [value, from] of found) {
    const list = topicTexts(value, page).map((t) => t.trim()).filter(Boolean);
    if (list.length && topics.length < MAX_TOPICS) {
      topics.push(...list.slice(0, MAX_TOPICS - topics.length));
      source ||= from;
    }
  }
  return { topics, source };
}

/** Record types by the words of schema.org types and og:type values (liveblogposting → post). */
const TYPES: [RegExp, string][] = [
  [/scholarly|techarticle|^report$|thesis|paper/, 'paper'],
  [/posting|blog|post$/, 'post'],
  [/podcast|audio|radio|music/, 'podcast'],
  [/video|movie|episode$|clip/, 'video'],
];

function typeOf(name: string): string | null {
  for (const [re, type] of TYPES) if (re.test(name)) return type;
  return null;
}

export function pickType(page: Page): { type: string; source: string } {
  for (const t of page.article ? typesOf(page.article) : []) {
    const type = typeOf(t);
    if (type) return { type, source: 'json-ld @type' };
  }
  const og = firstMeta(page, ['og:type'])?.value.toLowerCase() ?? '';
  const type = typeOf(og);
  if (type) return { type, source: 'og:type' };
  return { type: 'article', source: og === 'article' ? 'og:type' : page.article ? 'json-ld @type' : 'default' };
}
