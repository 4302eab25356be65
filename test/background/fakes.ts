// Stand-ins for the browser APIs the background uses, and sample data, for Node tests.
import 'fake-indexeddb/auto';
import type { Extraction } from '../../src/extract/types.js';
import type { LedeRecord } from '../../src/record/index.js';
import { Badges, type BadgeApi } from '../../src/background/badge.js';
import { DraftStore } from '../../src/background/drafts.js';
import type { BackgroundDeps } from '../../src/background/handlers.js';
import type { ScriptingApi } from '../../src/background/inject.js';
import { SettingsStore } from '../../src/background/settings-store.js';
import { memoryArea } from '../../src/background/storage-areas.js';
import { libraryKey, LibraryStore, type SaveOptions } from '../../src/background/store/index.js';
import type { ChangeSource, StoredRecord } from '../../src/shared/messages.js';
import { KeyStore } from '../../src/background/key-store.js';
import { PrivateVault } from '../../src/background/private-vault.js';
import type { FetchLike } from '../../src/related/fetch-page.js';
import { linkedomReader } from '../../src/related/from-html.js';

let dbCount = 0;
/** A key store in its own fresh database. */
export function freshKeyStore(): KeyStore {
  return new KeyStore(`lede-keys-test-${process.pid}-${++dbCount}`);
}

/** A library in its own fresh database. */
export function freshStore(now?: () => Date): LibraryStore {
  return new LibraryStore(`lede-test-${process.pid}-${++dbCount}`, now);
}

/**
 * Saves `record` as a person would who opened the row as it is now (at its current revision, or as a new
 * record): the setup of a test, not a writer under test. Throws when the store refuses.
 */
export async function saveNow(store: LibraryStore, record: LedeRecord, options: Omit<SaveOptions, 'revision'> = {},
  by: ChangeSource = 'library'): Promise<{ stored: StoredRecord; created: boolean }> {
  const opened = await store.get(options.previousId ?? libraryKey(record));
  const saved = await store.save(record, by, { ...options, revision: opened?.revision ?? null });
  if (!saved.ok) throw new Error(`not saved: ${JSON.stringify(saved)}`);
  return saved;
}

export function sampleRecord(overrides: Partial<LedeRecord> = {}): LedeRecord {
  return {
    category: 'news',
    title: 'Meta’s AI plan',
    excerpt: 'What the company wants from open models.',
    publishedDateTime: '2023-05-03T12:24:00Z',
    originalUrl: 'https://stratechery.com/2023/meta-ai/',
    webUrl: 'https://www.stratechery.com/2023/meta-ai/?utm_source=feed',
    type: 'article',
    quality: 15,
    heat: -1,
    published: false,
    provider: { name: 'Stratechery', domain: 'stratechery.com' },
    topics: ['AI', 'Facebook AI'],
    related: [],
    body: '',
    ...overrides,
  };
}

export function sampleExtraction(overrides: Partial<Extraction> = {}): Extraction {
  return {
    title: 'A headline',
    excerpt: 'The standfirst.',
    publishedDateTime: '2024-01-02T03:04:05Z',
    originalUrl: 'https://news.bbc.co.uk/story/1',
    webUrl: 'https://news.bbc.co.uk/story/1?at_medium=RSS',
    type: 'article',
    provider: { name: 'BBC News', domain: 'news.bbc.co.uk' },
    images: [],
    suggestedTopics: ['Politics'],
    sources: { title: 'og:title' },
    ...overrides,
  };
}

/**
 * A scripting API that answers like a page holding `extraction` once a script ran, or throws `error`.
 * A `contentType` other than HTML makes the first stage answer `notReadable`, as content/extract.js does.
 * `after` maps a later script (content/article.js, …) to what the page holds once that one ran.
 */
export function fakeScripting(behaviour: { extraction?: unknown; after?: Record<string, unknown>; contentType?: string; error?: Error; completionValue?: boolean; delayMs?: number;
  /** A script file whose injection throws this error, or never answers. */
  failAt?: Record<string, Error | 'hang'> }): ScriptingApi & {
  calls: Array<{ files?: string[]; func?: boolean; immediately?: boolean }>;
} {
  const calls: Array<{ files?: string[]; func?: boolean; immediately?: boolean }> = [];
  let injected = false;
  let held: unknown;
  return {
    calls,
    async executeScript(injection) {
      calls.push({ files: injection.files, func: injection.func !== undefined, immediately: injection.injectImmediately });
      if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      if (behaviour.error) throw behaviour.error;
      if (injection.files) {
        const file = injection.files[0] ?? '';
        const failure = behaviour.failAt?.[file];
        if (failure === 'hang') return new Promise<never>(() => undefined);
        if (failure) throw failure;
        const notReadable = behaviour.contentType && !/^(text\/html|application\/xhtml\+xml)$/.test(behaviour.contentType)
          ? { notReadable: { contentType: behaviour.contentType } } : undefined;
        held = behaviour.after && file in behaviour.after ? behaviour.after[file] : injected ? held : notReadable ?? behaviour.extraction;
        injected = true;
        // Like a real browser, a file's last expression can be its result (our bundles end with it).
        return [{ result: behaviour.completionValue ? held : undefined }];
      }
      return [{ result: injected ? held : undefined }];
    },
  };
}

export function fakeBadgeApi(): BadgeApi & { texts: Map<number, string> } {
  const texts = new Map<number, string>();
  return {
    texts,
    async setBadgeText({ tabId, text }) {
      texts.set(tabId, text);
    },
    async setBadgeBackgroundColor() {},
  };
}

export interface TestDeps extends BackgroundDeps {
  badgeApi: ReturnType<typeof fakeBadgeApi>;
  tabs: Map<number, string>;
  /** Hosts the extension may read related pages on. */
  granted: Set<string>;
}

export function makeDeps(options: { tabs?: Record<number, string>; scripting?: ScriptingApi; fileAccess?: boolean; fetch?: FetchLike } = {}): TestDeps {
  const tabs = new Map(Object.entries(options.tabs ?? {}).map(([id, url]) => [Number(id), url]));
  const badgeApi = fakeBadgeApi();
  const store = freshStore();
  const granted = new Set<string>();
  return {
    store,
    vault: new PrivateVault(freshKeyStore(), store),
    drafts: new DraftStore(memoryArea()),
    settings: new SettingsStore(memoryArea()),
    badges: new Badges(badgeApi),
    badgeApi,
    tabs,
    scripting: options.scripting ?? fakeScripting({ extraction: sampleExtraction() }),
    tabUrl: async (tabId) => (tabs.has(tabId) ? tabs.get(tabId)! : null),
    fileAccess: async () => options.fileAccess ?? false,
    t: (key, ...subs) => (subs.length ? `${key}: ${subs.join(', ')}` : key),
    granted,
    related: {
      fetch: options.fetch ?? (async () => { throw new TypeError('no network in tests'); }),
      reader: linkedomReader,
      hostAccess: async (url) => granted.has(new URL(url).hostname),
      pendingArea: memoryArea(),
      listTabs: async (tabId) => [...tabs].filter(([id, url]) => id !== tabId && /^https?:/.test(url)).map(([id, url]) => ({ id, title: `Tab ${id}`, url })),
    },
  };
}
