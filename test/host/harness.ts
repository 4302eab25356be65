// Lede's helper in-process for tests: a temporary allowed folder, its config, and a HelperConnection whose "port"
// frames every message through the real native-messaging framing into the real `serve` loop.
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { HelperConnection, type NativePort } from '../../src/background/sync/helper-port.js';
import { writeConfig } from '../../src/host/config.js';
import { encodeFrame, FrameReader } from '../../src/host/frame.js';
import { serve } from '../../src/host/serve.js';
import { EXTENSION_MESSAGE_MAX, HOST_MESSAGE_MAX } from '../../src/shared/helper-protocol.js';

export function tempDir(prefix = 'lede-host-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** A folder allowed as `notes`, and the config that allows it. */
export function allowedFolder(): { base: string; folder: string; configPath: string } {
  const base = tempDir();
  const folder = join(base, 'notes');
  mkdirSync(folder);
  const configPath = join(base, 'host.json');
  writeConfig(configPath, { version: 1, folders: [{ id: 'notes', path: folder }] });
  return { base, folder, configPath };
}

export interface LiveHelper {
  /** The helper's stdin as the browser writes it: raw bytes, for tests of bad frames. */
  input: PassThrough;
  output: PassThrough;
  /** Every message the helper sent, in order. */
  sent: unknown[];
  done: Promise<void>;
}

/** Starts one helper "process" over streams. */
export function startHelper(configPath: string, quietMs = 20): LiveHelper {
  const input = new PassThrough();
  const output = new PassThrough();
  const sent: unknown[] = [];
  const reader = new FrameReader(HOST_MESSAGE_MAX + 1);
  output.on('data', (chunk: Buffer) => {
    for (const frame of reader.push(chunk)) sent.push(frame.ok ? frame.message : { unreadable: frame.error.message });
  });
  const done = serve({ configPath, input, output, log: () => undefined, version: 'test', watch: { quietMs, maxMs: quietMs * 5 } });
  return { input, output, sent, done };
}

/** A connection to an in-process helper; `kill()` ends the current one as a crash would. */
export function connectInProcess(configPath: string, options: { timeoutMs?: number; quietMs?: number } = {}) {
  let current: { helper: LiveHelper; port: NativePort; gone: (port: NativePort) => void } | null = null;
  let starts = 0;
  let allowed = true;
  const connection = new HelperConnection(() => (allowed ? () => {
    starts++;
    const helper = startHelper(configPath, options.quietMs);
    const messageListeners: Array<(m: unknown) => void> = [];
    const goneListeners: Array<(p: NativePort) => void> = [];
    const reader = new FrameReader(HOST_MESSAGE_MAX);
    const port: NativePort = {
      postMessage(message) {
        helper.input.write(encodeFrame(message, EXTENSION_MESSAGE_MAX));
      },
      disconnect() {
        helper.input.end();
      },
      onMessage: { addListener: (l) => messageListeners.push(l) },
      onDisconnect: { addListener: (l) => goneListeners.push(l) },
      error: null,
    };
    helper.output.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        // As a browser does with a frame it cannot read: the port is closed.
        if (!frame.ok) {
          port.error = { message: 'Error when communicating with the native messaging host.' };
          for (const l of goneListeners) l(port);
          return;
        }
        for (const l of messageListeners) l(frame.message);
      }
    });
    current = { helper, port, gone: (p) => goneListeners.forEach((l) => l(p)) };
    return port;
  } : null), { timeoutMs: options.timeoutMs ?? 5000 });
  return {
    connection,
    get starts() {
      return starts;
    },
    /** The nativeMessaging permission withdrawn (or never granted): no connectNative. */
    set allowed(on: boolean) {
      allowed = on;
    },
    current: () => current,
    /**
     * The helper process dies: its streams end and the browser reports the port gone. What it was doing in that
     * instant finishes first (in-process work cannot be cut off), its answers lost: a process killed just after
     * its last rename, before it could answer.
     */
    async kill() {
      if (!current) return;
      const { helper, port, gone } = current;
      current = null;
      helper.output.removeAllListeners('data');
      helper.input.destroy();
      await helper.done;
      helper.output.destroy();
      port.error = { message: 'Native host has exited.' };
      gone(port);
    },
  };
}

let nextId = 1000;
/** One request to a started helper, and its answer. */
export async function ask(helper: LiveHelper, request: Record<string, unknown>): Promise<any> {
  const id = nextId++;
  helper.input.write(encodeFrame({ id, ...request }, EXTENSION_MESSAGE_MAX));
  const deadline = Date.now() + 5000;
  for (;;) {
    const answer = helper.sent.find((m) => (m as { id?: number }).id === id);
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`no answer to ${JSON.stringify(request).slice(0, 100)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Writes a whole file through the protocol (one chunk). */
export function put(helper: LiveHelper, name: string, text: string, extra: Record<string, unknown> = {}): Promise<any> {
  return ask(helper, { op: 'write', folder: 'notes', name, data: Buffer.from(text).toString('base64'), last: true, ...extra });
}
