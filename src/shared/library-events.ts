// The background's "a library row changed" event, and the typed listener the popup and pages use.
import { CHANGE_SOURCES, type ChangeSource, type LibraryChanged } from './messages.js';

type Listener = (message: unknown, sender: { id?: string; tab?: unknown }) => undefined;

interface EventApi {
  runtime: {
    id: string;
    onMessage: { addListener(listener: Listener): void; removeListener(listener: Listener): void };
  };
}

/** The event's shape, checked before any listener sees it. */
export function isLibraryChanged(message: unknown): message is LibraryChanged {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.lede === 1 && m.event === 'library/changed' && typeof m.id === 'string' && m.id !== '' &&
    typeof m.revision === 'number' && Number.isInteger(m.revision) && m.revision >= 1 &&
    CHANGE_SOURCES.includes(m.by as ChangeSource) && typeof m.at === 'string' &&
    (m.deleted === undefined || typeof m.deleted === 'boolean');
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
    listener(message);
    return undefined;
  };
  api.runtime.onMessage.addListener(onMessage);
  return () => api.runtime.onMessage.removeListener(onMessage);
}
