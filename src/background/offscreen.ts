// The background's offscreen document (Chrome): created on first need, one at a time, and asked by
// typed message. Firefox's background is a page with a window of its own and never calls this.
import {
  isOffscreenFailure, type OffscreenEnvelope, type OffscreenName, type OffscreenRequest, type OffscreenResponse,
} from '../shared/offscreen-messages.js';

export const OFFSCREEN_PATH = 'offscreen/offscreen.html';

/** The part of `chrome.offscreen` and `chrome.runtime` used here, so tests can pass their own. */
export interface OffscreenApi {
  offscreen: {
    createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
  runtime: {
    getURL(path: string): string;
    getContexts(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]>;
    sendMessage(message: unknown): Promise<unknown>;
  };
}

/**
 * Why the document exists, as Chrome asks to be told. One document serves every need, so it is created
 * with all of them: the reasons are fixed at creation.
 */
const REASONS = ['DOM_PARSER', 'WORKERS'];
const JUSTIFICATION = 'Reads fetched pages (related entries) with DOMParser, which a service worker lacks; ' +
  'runs the worker that watches the sync folder for edits made outside Lede (FileSystemObserver).';

/** An unheld document is closed after this long without a message: it costs a renderer's memory. */
export const IDLE_CLOSE_MS = 60_000;

export class OffscreenDocument {
  private creating: Promise<void> | null = null;
  /** Features that need the document to stay open (a folder being watched), by name. */
  private readonly holders = new Set<string>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  /** `idleMs` may be changed later (browser tests shorten it); the next idle wait uses the new value. */
  constructor(private readonly api: OffscreenApi, public idleMs = IDLE_CLOSE_MS) {}

  /** Keeps the document open for `owner` until released; opens it now. */
  async hold(owner: string): Promise<void> {
    this.holders.add(owner);
    this.cancelIdle();
    await this.ensure();
  }

  /** Lets the document close once idle, when nobody else holds it. */
  release(owner: string): void {
    this.holders.delete(owner);
    this.scheduleIdle();
  }

  get held(): boolean {
    return this.holders.size > 0;
  }

  private cancelIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private scheduleIdle(): void {
    this.cancelIdle();
    if (this.held) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.held) this.closeUnlessBusy().catch(() => undefined);
    }, this.idleMs);
  }

  /**
   * Closes an open document unless it says it is busy: a holder's mark lives in this worker's memory and is
   * lost when the worker restarts, while the document (and a watch in it) lives on.
   */
  private async closeUnlessBusy(): Promise<void> {
    const url = this.api.runtime.getURL(OFFSCREEN_PATH);
    const open = await this.api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    if (open.length === 0) return;
    const envelope: OffscreenEnvelope<'offscreen/ping'> = { offscreen: 1, type: 'offscreen/ping', payload: {} };
    const answer = await this.api.runtime.sendMessage(envelope).catch(() => undefined) as { busy?: unknown } | undefined;
    if (answer?.busy === true || this.held) return;
    await this.api.offscreen.closeDocument();
  }

  /** Creates the document unless it is already open; two callers at once share one creation. */
  async ensure(): Promise<void> {
    // Chrome lists a document being created before its script listens: a caller then waits for the creation.
    if (this.creating) {
      await this.creating;
      return;
    }
    const url = this.api.runtime.getURL(OFFSCREEN_PATH);
    const open = await this.api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    if (open.length > 0) return;
    this.creating ??= this.api.offscreen.createDocument({ url: OFFSCREEN_PATH, reasons: REASONS, justification: JUSTIFICATION })
      .finally(() => { this.creating = null; });
    await this.creating;
  }

  /** Sends one typed message to the document, creating it first; a failure inside it is thrown here. */
  async ask<K extends OffscreenName>(type: K, payload: OffscreenRequest<K>): Promise<OffscreenResponse<K>> {
    this.cancelIdle();
    await this.ensure();
    const envelope: OffscreenEnvelope<K> = { offscreen: 1, type, payload };
    let answer: unknown;
    try {
      answer = await this.api.runtime.sendMessage(envelope);
    } finally {
      this.scheduleIdle();
    }
    if (isOffscreenFailure(answer)) throw new Error(answer.offscreenError);
    if (answer === undefined) throw new Error(`The offscreen document did not answer "${type}".`);
    return answer as OffscreenResponse<K>;
  }

  async close(): Promise<void> {
    const url = this.api.runtime.getURL(OFFSCREEN_PATH);
    const open = await this.api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    if (open.length > 0) await this.api.offscreen.closeDocument();
  }
}
