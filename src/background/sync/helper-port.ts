// The background's line to Lede's helper (`lede host`, native messaging): requests by id, answers checked,
// the helper's own reports (the watch) handed on, and every failure turned into one the person can act on.
import type { HelperState } from '../../shared/sync-status.js';
import {
  HELPER_NAME, HELPER_PROTOCOL, isFolderId, isHelperEvent, isHelperResponse,
  type HelperErrorCode, type HelperEvent, type HelperRequest, type HelperResults,
} from '../../shared/helper-protocol.js';

/** The part of a `runtime.Port` from `connectNative` used here. */
export interface NativePort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: (port: NativePort) => void): void };
  error?: { message?: string } | null;
}

export type ConnectNative = (name: string) => NativePort;

/** The command that sets the helper up; the options page shows it with this browser's name and Lede's id. */
export const HELPER_SETUP = 'lede host install --folder DIR';

/**
 * A failure of the helper, named as the File System Access API names its own so sync sorts it the same way:
 * the helper not running is `InvalidStateError` (the folder cannot be reached: the run stops, the queue waits).
 */
export class HelperError extends Error {
  constructor(message: string, name: string, readonly code: HelperErrorCode | 'NotRunning') {
    super(message);
    this.name = name;
  }
}

const NAMES: Record<HelperErrorCode | 'NotRunning', string> = {
  NotFound: 'NotFoundError', TypeMismatch: 'TypeMismatchError', Gone: 'InvalidStateError', NotRunning: 'InvalidStateError',
  UnknownFolder: 'InvalidStateError', NoSpace: 'QuotaExceededError', ReadOnly: 'NoModificationAllowedError',
  Denied: 'NoModificationAllowedError', Refused: 'SecurityError', TooLarge: 'DataError', Exists: 'InvalidModificationError',
  Changed: 'InvalidModificationError', BadRequest: 'SyntaxError', Failed: 'UnknownError',
};

export function helperError(code: HelperErrorCode | 'NotRunning', message: string): HelperError {
  // A name refused is never a permission to ask for again: it is this request that is wrong.
  const name = code === 'Refused' ? 'TypeError' : NAMES[code] ?? 'UnknownError';
  return new HelperError(message, name, code);
}

export function notRunning(detail: string): HelperError {
  return helperError('NotRunning', `Lede’s helper is not running (${detail}). Set it up with: ${HELPER_SETUP}, or see lede host status`);
}

type Op = HelperRequest['op'];
type Args<O extends Op> = Omit<Extract<HelperRequest, { op: O }>, 'op'>;

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface HelperConnectionOptions {
  /** How long one answer may take before the helper counts as hung (it is then stopped). */
  timeoutMs?: number;
}

export class HelperConnection {
  private port: NativePort | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: Array<(event: HelperEvent) => void> = [];
  private readonly downListeners: Array<() => void> = [];

  constructor(private readonly connect: () => ConnectNative | null, private readonly options: HelperConnectionOptions = {}) {}

  /** Reports the helper sends unasked (a watched folder's changes). */
  onEvent(listener: (event: HelperEvent) => void): void {
    this.listeners.push(listener);
  }

  /** The helper went away (stopped, crashed, or was stopped for answering wrongly). */
  onDown(listener: () => void): void {
    this.downListeners.push(listener);
  }

  get connected(): boolean {
    return this.port !== null;
  }

  request<O extends Op>(op: O, args: Args<O>): Promise<HelperResults[O]> {
    let port: NativePort;
    try {
      port = this.open();
    } catch (error) {
      return Promise.reject(error);
    }
    const id = this.nextId++;
    return new Promise<HelperResults[O]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(notRunning(`it did not answer within ${(this.options.timeoutMs ?? 30_000) / 1000} s`));
        this.drop('hung');
      }, this.options.timeoutMs ?? 30_000);
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      try {
        port.postMessage({ id, op, ...args });
      } catch (error) {
        this.settle(id)?.reject(notRunning(error instanceof Error ? error.message : String(error)));
        this.drop('gone');
      }
    });
  }

  /** Stops the helper (the browser ends its process when the port closes). */
  close(): void {
    this.drop('closed');
  }

  private open(): NativePort {
    if (this.port) return this.port;
    const connect = this.connect();
    if (!connect) throw notRunning('Lede may not talk to it yet: turn the helper on in Lede’s options');
    let port: NativePort;
    try {
      port = connect(HELPER_NAME);
    } catch (error) {
      throw notRunning(error instanceof Error ? error.message : String(error));
    }
    this.port = port;
    port.onMessage.addListener((message) => {
      if (this.port === port) this.received(message);
    });
    port.onDisconnect.addListener((gone) => {
      if (this.port !== port) return;
      // Chrome puts the reason in runtime.lastError, Firefox on the port.
      const lastError = (globalThis as { chrome?: { runtime?: { lastError?: { message?: string } } } }).chrome?.runtime?.lastError;
      this.port = null;
      this.failAll(notRunning(gone?.error?.message ?? lastError?.message ?? 'it stopped'));
    });
    return port;
  }

  private received(message: unknown): void {
    if (isHelperEvent(message)) {
      for (const listener of this.listeners) listener(message);
      return;
    }
    if (!isHelperResponse(message) || message.id === null) {
      // An answer to nothing Lede asked, or not an answer at all: a helper that says that is not trusted further.
      this.failAll(notRunning(`it answered something Lede cannot read${message && (message as { ok?: boolean }).ok === false
        ? `: ${String((message as { error?: { message?: string } }).error?.message ?? '').slice(0, 200)}` : ''}`));
      this.drop('garbage');
      return;
    }
    const pending = this.settle(message.id);
    if (!pending) return;
    if (message.ok) pending.resolve(message.result);
    else pending.reject(helperError(message.error.code, message.error.message));
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    return pending;
  }

  private failAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
    for (const listener of this.downListeners) listener();
  }

  private drop(_why: string): void {
    const port = this.port;
    this.port = null;
    try {
      port?.disconnect();
    } catch {
      // Already gone.
    }
    if (port) this.failAll(notRunning('it was stopped'));
  }
}

/** Whether the helper answers hello with a protocol this Lede speaks, and the folders it serves. */
export async function helperState(helper: HelperConnection): Promise<HelperState> {
  try {
    const hello = await helper.request('hello', {});
    const folders = Array.isArray(hello?.folders) ? hello.folders.filter((f) =>
      f && isFolderId(f.id) && typeof f.name === 'string' && typeof f.path === 'string') : [];
    if (hello?.protocol !== HELPER_PROTOCOL) {
      return { running: false, error: `the helper speaks protocol ${String(hello?.protocol)}, this Lede ${HELPER_PROTOCOL}: install the same version of both` };
    }
    return { running: true, version: String(hello.version ?? ''), folders: folders.map(({ id, name, path }) => ({ id, name, path })) };
  } catch (error) {
    return { running: false, error: error instanceof Error ? error.message : String(error) };
  }
}
