// Topic suggestions a person would file under: the page's tags cleaned of CMS machinery, and the
// library's own topics named in the title or excerpt first. Pure; runs after the page is read.
import { squash } from './text.js';

/** Suggestions offered for one page. */
export const MAX_SUGGESTIONS = 8;

/**
 * Not a topic: a path or `key/value` (`Length/medium`, `target/news/world`), a `key:value` or
 * `key=value`, an identifier (`section_world`, `articleID`), an e-mail or address, a hash or id
 * (`K3J9QX7T`, `5f2b9c1e`, `12345`), or a sentence.
 */
function machineTag(topic: string): boolean {
  if (/[/\\:=@_{}<>[\]]|^#|https?|www\./i.test(topic)) return true;
  if (/^[\d\W]+$/u.test(topic) || /^(?:null|nil|none|undefined|n\/?a|true|false|default|untitled)$/i.test(topic)) return true;
  // A CMS prefix (`section-Articles`, `tag-news`, `cat_12`).
  if (/^(?:section|tag|category|cat|type|topic|kw|id|page)[-_.]/i.test(topic)) return true;
  // Letters and digits mixed in one word of 6 or more: an id or a hash, not a word (`COVID-19` stays).
  if (topic.split(/\s+/).some((w) => w.length >= 6 && /\d/.test(w) && /\p{L}/u.test(w) && !/^\p{L}+-\d{1,4}$/u.test(w))) return true;
  // A camelCase run (`articleID`, `pageType`): code, not words.
  if (/^\p{Ll}+\p{Lu}/u.test(topic) && !/\s/.test(topic)) return true;
  return topic.length > 50 || topic.split(/\s+/).length > 5;
}

function tidy(topic: string): string {
  return topic.replace(/\s+/g, ' ').replace(/^["'“”‘’«»\s.,-]+|["'“”‘’«»\s.,-]+$/g, '').trim();
}

/** Labels of a host that name no one: `www`, `news.`, the public suffixes' usual parts. */
const GENERIC_LABEL = /^(?:www\d*|m|amp|com|net|org|co|gov|edu|ac|info|blog|blogs|news)$/;

/**
 * The page's topics (split already, most specific first: tags and keywords before sections) as at
 * most MAX_SUGGESTIONS clean suggestions: trimmed, deduplicated ignoring case, without machine tags,
 * the headline itself or the site's own name (`siteNames`: its name, domain and host, whose labels count).
 */
export function cleanTopics(raw: readonly string[], title: string, siteNames: readonly string[], max = MAX_SUGGESTIONS): string[] {
  const banned = new Set<string>([squash(title)]);
  for (const name of siteNames) {
    banned.add(squash(name));
    if (/^[\w.-]+\.[a-z]{2,}$/i.test(name)) for (const label of name.toLowerCase().split('.')) if (!GENERIC_LABEL.test(label)) banned.add(squash(label));
  }
  banned.delete('');
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of raw.slice(0, 200)) {
    const topic = tidy(value);
    const key = topic.toLocaleLowerCase();
    if (!topic || seen.has(key) || machineTag(topic) || banned.has(squash(topic))) continue;
    seen.add(key);
    out.push(topic);
    if (out.length >= max) break;
  }
  return out;
}

function mentions(text: string, topic: string): boolean {
  const t = topic.toLocaleLowerCase();
  // A whole word or phrase: `AI` in `AI models`, not in `said`.
  for (let at = text.indexOf(t); t && at >= 0; at = text.indexOf(t, at + 1)) {
    const before = text[at - 1] ?? ' ', after = text[at + t.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

/**
 * Suggestions in the order offered: the library's topics the title or excerpt names (the person's
 * own words for this subject), then the page's, each once ignoring case, at most `max`.
 */
export function rankSuggestions(pageTopics: readonly string[], libraryTopics: readonly string[], title: string, excerpt: string,
  max = MAX_SUGGESTIONS): string[] {
  const text = `${title} ${excerpt}`.toLocaleLowerCase();
  const named = libraryTopics.slice(0, 5000).filter((topic) => topic.length >= 2 && mentions(text, topic));
  // Longer names first: `Machine learning` is more specific than `Learning`.
  named.sort((a, b) => b.length - a.length);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const topic of [...named, ...pageTopics]) {
    const key = topic.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(topic);
    if (out.length >= max) break;
  }
  return out;
}
