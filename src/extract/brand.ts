// The publisher's name from the page when it declares none (the article stage's fallback before the
// domain): JSON-LD isPartOf and site nodes, the title's site part, the logo's alt text, the copyright
// line, and last the brand's own spelling of its domain name (`WebMD` for webmd.com).
import { ldString, typesOf } from './jsonld.js';
import { firstMeta, type Page } from './page.js';
import { hostDomain, platformDomain } from './provider.js';
import { cleanText, squash } from './text.js';
import { splitTitle, titleKey } from './title.js';

/** Second-level labels under a country code that name no one (`co.uk`, `com.br`, `ne.jp`). */
const SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|ne|or|go|gob|nic|mil)$/;

/**
 * The label that names the site in a host (`ietf` of tools.ietf.org, `bbc` of news.bbc.co.uk, `user`
 * of user.blogspot.com), without a public suffix list: the browser's article stage has none, and the
 * CLI must read the same label from the same page.
 */
export function siteLabel(host: string): string {
  const platform = platformDomain(host);
  if (platform) return platform.split('.')[0]!;
  const labels = hostDomain(host).split('.');
  if (labels.length < 2) return labels[0] ?? '';
  const cut = labels.length >= 3 && SECOND_LEVEL.test(labels[labels.length - 2]!) ? 3 : 2;
  return labels[labels.length - cut] ?? labels[0]!;
}

function nameLike(name: string): boolean {
  return name.length >= 2 && name.length <= 60 && name.split(/\s+/).length <= 6 && !/^https?:|^\d+$|[@{}<>]/i.test(name);
}

/** Alt texts and lines that name no one. */
const GENERIC = /^(?:logo|home|homepage|site logo|header logo|image|banner|menu|search|back to top|go to homepage|\d{4})$/i;
/** What a logo's alt or a copyright line adds to the name. */
const DECORATION = /\s+(?:logo|home ?page|home)$|^(?:logo|home)\s*(?:of|[-:|])?\s+|\s*,?\s+(?:inc|ltd|llc|gmbh|plc|s\.?a|co)\.?$|\s*,?\s+all rights reserved.*$/gi;

/** A name from a text that may add a slogan (`WebMD: Better information.`): the piece naming the domain, else the first. */
function tidyName(text: string, label: string): string {
  const pieces = splitTitle(cleanText(text)).pieces.map((p) => p.trim()).filter(Boolean);
  const piece = pieces.find((p) => label.length >= 3 && squash(p).includes(squash(label))) ?? pieces[0] ?? '';
  const name = piece.replace(DECORATION, '').replace(/[\s.,:;|-]+$/, '').trim();
  return nameLike(name) && !GENERIC.test(name) ? name : '';
}

/** Names of the site's own JSON-LD nodes: the article's isPartOf, a WebSite or an Organization. */
function ldNames(page: Page): string[] {
  const out: string[] = [];
  if (page.article) out.push(ldString(page.article['isPartOf'], page.ld));
  for (const node of page.ld.slice(0, 60)) {
    if (typesOf(node).some((t) => t === 'website' || t === 'organization' || t === 'newsmediaorganization')) out.push(ldString(node['name'], page.ld));
  }
  return out;
}

/** The title's pieces other than the headline: `Headline ＜Site Section＞` gives `Site Section`. */
function titleParts(page: Page, headline: string): string[] {
  const { pieces } = splitTitle(page.title);
  if (pieces.length < 2) return [];
  const key = titleKey(headline);
  return pieces.map((p) => p.trim()).filter((p) => titleKey(p) !== key && !key.includes(titleKey(p)));
}

function logoAlts(page: Page): string[] {
  const logos = page.doc.querySelectorAll('[class*="logo" i] img[alt], img[class*="logo" i][alt], [id*="logo" i] img[alt], img[src*="logo" i][alt], a[class*="brand" i] img[alt]');
  const out: string[] = [];
  for (let i = 0; i < Math.min(logos.length, 6); i++) out.push(logos[i]!.getAttribute('alt') ?? '');
  return out;
}

/** `© 2019 Harbour Light News`, `Copyright 2005–2019 Harbour Light News Ltd. All rights reserved.` */
const COPYRIGHT = /(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)?\d{2,4})?\s*,?\s*)?(?:by\s+)?([^\n.|·©]{2,60}?)(?=\s*(?:[.|·,]|all rights|$))/i;

function copyrightName(page: Page): string {
  const meta = firstMeta(page, ['copyright', 'dc.rights'])?.value ?? '';
  const footer = page.doc.querySelector('footer, [class*="footer" i], [id*="footer" i], [class*="copyright" i]');
  for (const text of [meta, cleanText((footer?.textContent ?? '').slice(0, 5000))]) {
    const m = COPYRIGHT.exec(text);
    if (m) return m[1]!;
  }
  return '';
}

/** The brand's own spelling of the domain's label (`IETF`, `Yahoo`) as the page writes it most, when not just lower case. */
function domainSpelling(page: Page, label: string): string {
  if (label.length < 2) return '';
  const text = [firstMeta(page, ['copyright', 'author'])?.value ?? '', page.title, (page.doc.body?.textContent ?? '').slice(0, 100_000)].join(' ');
  const counts = new Map<string, number>();
  const word = new RegExp(`(?<![\\p{L}\\p{N}.])${label.replace(/[^a-z0-9]/gi, '.')}(?![\\p{L}\\p{N}]|\\.[a-z])`, 'giu');
  for (const m of text.matchAll(word)) if (m[0] !== label.toLowerCase()) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  let best = '';
  for (const [spelling, n] of counts) if (n > (counts.get(best) ?? 0)) best = spelling;
  return best;
}

/** Whether two names are one: equal, or one holds the other, ignoring case and punctuation. */
function same(a: string, b: string): boolean {
  const x = squash(a), y = squash(b);
  return x.length >= 2 && y.length >= 2 && (x === y || x.includes(y) || y.includes(x));
}

/**
 * The name most of the page's evidence agrees on (ties: JSON-LD, title, logo, copyright in that
 * order). A name of several words of which only some recur in another source (`福娘童話集 きょうのイソップ童話`
 * beside `…の福娘童話集`) is the recurring run: the rest is a section or a slogan.
 */
export function brandFromPage(page: Page, label: string, headline = ''): { name: string; source: string } | null {
  const found: { name: string; source: string }[] = [];
  const add = (list: string[], source: string) => {
    for (const raw of list) {
      const name = tidyName(raw, label);
      if (name) found.push({ name, source });
    }
  };
  add(ldNames(page), 'json-ld site');
  add(titleParts(page, headline), 'title');
  add(logoAlts(page), 'logo');
  add([copyrightName(page)], 'copyright');
  let best: { name: string; source: string } | null = null;
  let bestScore = 0;
  for (const c of found) {
    const score = found.filter((other) => same(c.name, other.name)).length + (label.length >= 3 && squash(c.name).includes(squash(label)) ? 1 : 0);
    // A piece of the title alone may be a section or a document's id: it counts only when confirmed.
    if (score > bestScore && (score > 1 || c.source !== 'title')) [best, bestScore] = [c, score];
  }
  if (best) {
    const words = best.name.split(/[\s\u3000]+/);
    for (let size = words.length - 1; size >= 1; size--) {
      for (let from = 0; from + size <= words.length; from++) {
        const run = words.slice(from, from + size).join(' ');
        if (squash(run).length >= 3 && found.some((o) => !same(o.name, best!.name) && squash(o.name).includes(squash(run)))) return { name: run, source: best.source };
      }
    }
    return best;
  }
  const spelling = domainSpelling(page, label);
  return spelling ? { name: spelling, source: 'domain as the page writes it' } : null;
}
