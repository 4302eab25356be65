// The background's "a library row changed" event, and the typed listener the popup and pages use.
import { CHANGE_SOURCES, type ChangeSource, type LibraryChanged } from './messages.js';

type Listener = (message: unknown, sender: { id?: string; tab?: unknown }) => undefined;

interface EventApi {
  runtime: {
    id: string;
    onMessage: { addListener(listener: Listener): void; removeListener(listener: Listener): void };
  };
}

function isRowChange(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.id === 'string' && m.id !== '' && typeof m.revision === 'number' && Number.isInteger(m.revision) &&
    m.revision >= 1 && (m.deleted === undefined || typeof m.deleted === 'boolean');
}

/** The event's shape, checked before any listener sees it. */
export function isLibraryChanged(message: unknown): message is LibraryChanged {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.lede === 1 && m.event === 'library/changed' && isRowChange(m) &&
    CHANGE_SOURCES.includes(m.by as ChangeSource) && typeof m.at === 'string' &&
    (m.also === undefined || (Array.isArray(m.also) && m.also.every(isRowChange)));
}

/** One event per row: the message's own, then each of `also`. */
export function eachChange(message: LibraryChanged): LibraryChanged[] {
  const { also = [], ...first } = message;
  return [first, ...also.map(({ id, revision, deleted }) => ({
    lede: 1 as const, event: 'library/changed' as const, id, revision, by: message.by, at: message.at, ...(deleted ? { deleted } : {}),
  }))];
}

/** Any event of ours (a message with `event` and no `type`): never a request, so never answered. */
export function isLedeEvent(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { lede?: unknown }).lede === 1 &&
    typeof (message as { event?: unknown }).event === 'string';
}

function eventApi(): EventApi {
  const scope = globalThis as { browser?: EventApi; chrome?: EventApi };
  const api = scope.browser?.runtime ? scope.browser : scope.chrome;
  if (!api?.runtime?.onMessage) throw new Error('The extension API is not available here.');
  return api;
}

/**
 * Calls `listener` for each change to a library row the background reports; returns the unsubscribe.
 * The listener answers nothing (returns undefined), so the background's own requests are untouched.
 */
export function onLibraryChanged(listener: (change: LibraryChanged) => void, api: EventApi = eventApi()): () => void {
  const onMessage: Listener = (message, sender) => {
    // Only the background sends it: from this extension, not from a tab (a content script of ours).
    if (sender.id !== api.runtime.id || sender.tab !== undefined || !isLibraryChanged(message)) return undefined;
    for (const change of eachChange(message)) listener(change);
    return undefined;
  };
  api.runtime.onMessage.addListener(onMessage);
  return () => api.runtime.onMessage.removeListener(onMessage);
}
