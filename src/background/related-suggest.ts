// Suggestions for the related list: library records sharing the record's topics or provider, and the
// page's own links to other articles (read in the tab on request by content/links.js).
import { normaliseUrl } from '../record/url.js';
import type { LedeRecord } from '../record/types.js';
import type { LinkSuggestion } from '../related/links.js';
import type { LibrarySuggestion } from '../shared/messages.js';
import type { ScriptingApi } from './inject.js';
import { isListOf, isObject, isString } from './shape.js';
import type { LibraryStore } from './store/index.js';

const MAX_TOPICS = 6;
const MAX_SUGGESTIONS = 8;

/** Records sharing the most topics first, then the same provider; never the record itself or one already related. */
export async function librarySuggestions(store: LibraryStore, record: LedeRecord): Promise<LibrarySuggestion[]> {
  const taken = new Set([record.originalUrl, record.webUrl, ...record.related.map((e) => e.webUrl)].map(normaliseUrl).filter(Boolean));
  const scored = new Map<string, LibrarySuggestion & { score: number }>();
  const consider = (stored: LibrarySuggestion['stored'], topic: string | null) => {
    const r = stored.record;
    if (taken.has(normaliseUrl(r.originalUrl)) || taken.has(normaliseUrl(r.webUrl))) return;
    const found = scored.get(stored.id) ?? { stored, sharedTopics: [], sameProvider: false, score: 0 };
    if (topic && !found.sharedTopics.includes(topic)) {
      found.sharedTopics.push(topic);
      found.score += 2;
    } else if (!topic && !found.sameProvider) {
      found.sameProvider = true;
      found.score += 1;
    }
    scored.set(stored.id, found);
  };
  for (const topic of record.topics.slice(0, MAX_TOPICS)) {
    for (const stored of (await store.list({ topic, limit: 50 })).records) consider(stored, topic);
  }
  const provider = record.provider.name.trim() || record.provider.domain.trim();
  if (provider) for (const stored of (await store.list({ provider, limit: 50 })).records) consider(stored, null);
  return [...scored.values()]
    .sort((a, b) => b.score - a.score || b.stored.savedAt.localeCompare(a.stored.savedAt))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ score: _score, ...rest }) => rest);
}

function isLinkSuggestion(value: unknown): value is LinkSuggestion {
  return isObject(value) && isString(value.url) && isString(value.title) && isString(value.source);
}

/** The tab's links, read by content/links.js; none when the tab cannot be read (no access, not a page). */
export async function pageLinks(scripting: ScriptingApi, tabId: number): Promise<LinkSuggestion[]> {
  try {
    await scripting.executeScript({ target: { tabId }, files: ['content/links.js'] });
    const [frame] = await scripting.executeScript({
      target: { tabId },
      func: () => (globalThis as { __ledeLinks?: unknown }).__ledeLinks,
    });
    return isListOf(frame?.result, isLinkSuggestion) ? frame.result : [];
  } catch {
    return [];
  }
}
