// Reads a tab: injects the extraction script on demand (activeTab + scripting) and collects its result.
import type { Extraction } from '../extract/types.js';
import { withTimeout } from '../shared/promise.js';
import { looksLikePdf } from './restricted.js';
import { isListOf, isObject, isString } from './shape.js';

/** The part of `scripting` used here, so Node tests can stand in for the browser. */
export interface ScriptingApi {
  executeScript(injection: { target: { tabId: number }; files?: string[]; func?: () => unknown; injectImmediately?: boolean }):
    Promise<Array<{ result?: unknown }>>;
}

export type ReadFailureKey = 'readBrowserPage' | 'readExtensionPage' | 'readWebStore' | 'readPdf' | 'readNotHtml' | 'readTimeout' | 'readNoAccess' | 'readNoTab' | 'readPageChanged' |
  'readErrorPage' | 'readFailed' | 'readNoResult';

export type ReadOutcome =
  /** `cut`: a later stage was left out or given up for time, so the record is the metadata's (the head's) so far. */
  | { ok: true; extraction: Extraction; cut: boolean }
  | { ok: false; reason: 'restricted' | 'no-access' | 'no-tab' | 'failed'; key: ReadFailureKey; detail?: string };

/** Always injected: the page's metadata (small). */
export const EXTRACT_SCRIPT = 'content/extract.js';
/** Injected when the metadata left something pending: bylines, datelines, standfirst, first paragraph. */
export const ARTICLE_SCRIPT = 'content/article.js';
/** Injected only when the article stage still wants Readability for the excerpt (Readability alone, ~38 KB). */
export const READABILITY_SCRIPT = 'content/readability.js';

/** Tells an injection error apart: no permission, tab gone, page changed, or something else. */
export function failureOf(error: unknown, address = ''): Extract<ReadOutcome, { ok: false }> {
  const message = error instanceof Error ? error.message : String(error);
  if (/No tab with id|Invalid tab ID|tab was closed/i.test(message)) return { ok: false, reason: 'no-tab', key: 'readNoTab' };
  if (/showing error page/i.test(message)) return { ok: false, reason: 'failed', key: 'readErrorPage' };
  if (/Frame with ID \d+ was removed|was unloaded|navigated|document.*(gone|destroyed)|context.*(invalidated|destroyed)/i.test(message)) {
    return { ok: false, reason: 'failed', key: 'readPageChanged' };
  }
  // Chrome names the kind of page it refuses; Firefox only says the permission is missing.
  if (/Cannot access a (chrome|about|edge|brave|opera|vivaldi|devtools|chrome-search|chrome-untrusted):/i.test(message)) {
    return { ok: false, reason: 'restricted', key: 'readBrowserPage' };
  }
  if (/URL of different extension/i.test(message)) return { ok: false, reason: 'restricted', key: 'readExtensionPage' };
  if (/extensions gallery cannot be scripted/i.test(message)) return { ok: false, reason: 'restricted', key: 'readWebStore' };
  if (/Cannot access|Missing host permission|permission|cannot be scripted|not allowed/i.test(message)) {
    if (looksLikePdf(address)) return { ok: false, reason: 'restricted', key: 'readPdf' };
    return { ok: false, reason: 'no-access', key: 'readNoAccess' };
  }
  return { ok: false, reason: 'failed', key: 'readFailed', detail: message };
}

export function isExtraction(value: unknown): value is Extraction {
  return isObject(value) && isString(value.title) && isString(value.excerpt) &&
    (value.publishedDateTime === null || isString(value.publishedDateTime)) && isString(value.originalUrl) &&
    isString(value.webUrl) && isString(value.type) && isObject(value.provider) &&
    isString(value.provider.name) && isString(value.provider.domain) && Array.isArray(value.images) &&
    isListOf(value.suggestedTopics, isString) && isObject(value.sources);
}

/** Only the fields an Extraction has: the engine's working flags (needsArticle, needsReadability, …) stay behind. */
function ownFields(result: Extraction): Extraction {
  const { title, excerpt, publishedDateTime, originalUrl, webUrl, type, provider, images, suggestedTopics, sources } = result;
  return { title, excerpt, publishedDateTime, originalUrl, webUrl, type, provider: { name: provider.name, domain: provider.domain },
    images, suggestedTopics, sources: { ...sources } };
}

async function run(scripting: ScriptingApi, tabId: number, how: { files?: string[]; func?: () => unknown }): Promise<unknown> {
  // At once, not at document_idle: a page whose image or ad never arrives never fires load, and
  // Firefox then held the read about 1.2 s. By the click the document has long been parsed.
  const results = await scripting.executeScript({ target: { tabId }, injectImmediately: true, ...how });
  return results[0]?.result;
}

/** The extraction script leaves its result here (in the isolated world, out of the page's reach). */
const readResult = (): unknown => (globalThis as { __ledeExtraction?: unknown }).__ledeExtraction;

/** How long a page may take to answer: a modal dialog or a frozen page would otherwise keep the popup loading. */
export const READ_TIMEOUT_MS = 20_000;

class ReadTimeout extends Error {}

/**
 * Reads the page in `tabId`. `address` is the tab's URL when the browser tells it. Setting
 * `control.stopped` skips the stages not yet begun (the answer is then incomplete: for a caller that dropped it).
 */
export async function readTab(scripting: ScriptingApi, tabId: number, address = '', timeoutMs = READ_TIMEOUT_MS,
  control: ReadControl = {}): Promise<ReadOutcome> {
  try {
    return await withTimeout(inject(scripting, tabId, control), timeoutMs, () => new ReadTimeout());
  } catch (error) {
    if (error instanceof ReadTimeout) return { ok: false, reason: 'failed', key: 'readTimeout' };
    return failureOf(error, address);
  }
}

/**
 * Injects one content script. Its bundle ends with the result as the script's completion value
 * (build.mjs adds that footer), which saves a round trip; a browser that does not hand it back
 * gets the result read in a second call.
 */
async function stage(scripting: ScriptingApi, tabId: number, file: string): Promise<unknown> {
  const value = await run(scripting, tabId, { files: [file] });
  return value !== undefined && value !== null ? value : run(scripting, tabId, { func: readResult });
}

/** Lets a caller stop the later stages once it no longer needs their answer, or bound them tighter. */
export interface ReadControl {
  stopped?: boolean;
  /** How long each later stage may take; LATER_STAGE_MS unless a test says otherwise. */
  laterStageMs?: number;
  /** After this long no later stage starts; PAGE_BUDGET_MS unless a test says otherwise. */
  budgetMs?: number;
}

/**
 * The article stage and Readability only improve a record the metadata stage already gave: each
 * may take this long (Readability on the largest real pages needs well under a second) before the
 * record so far is given instead. A failing later stage likewise leaves the record so far.
 */
export const LATER_STAGE_MS = 5_000;

/** No later stage starts once the read has taken this long: the page's own metadata is the record then. */
export const PAGE_BUDGET_MS = 8_000;

const LATER_STAGES = [['needsArticle', ARTICLE_SCRIPT], ['needsReadability', READABILITY_SCRIPT]] as const;

async function inject(scripting: ScriptingApi, tabId: number, control: ReadControl): Promise<ReadOutcome> {
  const started = Date.now();
  const first = await stage(scripting, tabId, EXTRACT_SCRIPT);
  if (isObject(first) && isObject(first.notReadable)) {
    return { ok: false, reason: 'restricted', key: first.notReadable.contentType === 'application/pdf' ? 'readPdf' : 'readNotHtml' };
  }
  if (isObject(first) && isString(first.error)) return { ok: false, reason: 'failed', key: 'readFailed', detail: first.error };
  if (!isExtraction(first)) return { ok: false, reason: 'failed', key: 'readNoResult' };
  let result: Extraction = first;
  let cut = false;
  // The article stage runs only when the page's own metadata is not enough, and Readability only
  // when the article stage found no standfirst for the excerpt.
  for (const [flag, file] of LATER_STAGES) {
    if (control.stopped || (result as Extraction & Record<string, unknown>)[flag] !== true) continue;
    if (Date.now() - started > (control.budgetMs ?? PAGE_BUDGET_MS)) {
      cut = true;
      break;
    }
    // Whatever goes wrong here (an error, no answer in time, no extraction) leaves the record so far.
    const late = new Error(file);
    const next = await withTimeout(stage(scripting, tabId, file), control.laterStageMs ?? LATER_STAGE_MS, () => late)
      .catch((error: unknown) => {
        if (error === late) cut = true;
        return null;
      });
    if (!isExtraction(next)) break;
    result = next;
  }
  return { ok: true, extraction: ownFields(result), cut };
}
