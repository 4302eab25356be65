// The helper's loop and the extension's line to it: bad frames and requests answered clearly, the watch batched
// under a generation, and a helper that answers garbage, hangs or is missing turned into "not running".
import { endianness } from 'node:os';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HelperConnection, type NativePort } from '../../src/background/sync/helper-port.js';
import { FolderWatcher } from '../../src/host/watch.js';
import { EXTENSION_MESSAGE_MAX, type HelperEvent } from '../../src/shared/helper-protocol.js';
import { allowedFolder, ask, put, startHelper, type LiveHelper } from './harness.js';

let helper: LiveHelper | null = null;
afterEach(() => {
  helper?.input.end();
  helper = null;
});

const until = async (what: string, check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

function rawFrame(length: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(4);
  if (endianness() === 'LE') head.writeUInt32LE(length);
  else head.writeUInt32BE(length);
  return Buffer.concat([head, body]);
}

describe('lede host, the loop', () => {
  it('answers hello with the allowed folders', async () => {
    const w = allowedFolder();
    helper = startHelper(w.configPath);
    expect((await ask(helper, { op: 'hello' })).result).toEqual({ protocol: 1, version: 'test', folders: [{ id: 'notes', name: 'notes', path: w.folder }] });
  });

  it('answers garbage, an oversize message and malformed requests with an error, and goes on serving', async () => {
    const w = allowedFolder();
    helper = startHelper(w.configPath);
    helper.input.write(rawFrame(9, Buffer.from('{garbage!')));
    // Over the limit: skipped as it streams in, never kept whole.
    helper.input.write(rawFrame(EXTENSION_MESSAGE_MAX + 1));
    for (let sent = 0; sent <= EXTENSION_MESSAGE_MAX; sent += 256 * 1024) helper.input.write(Buffer.alloc(Math.min(256 * 1024, EXTENSION_MESSAGE_MAX + 1 - sent), 0x61));
    await until('two refusals', () => helper!.sent.length >= 2);
    expect(helper.sent.slice(0, 2)).toEqual([
      { id: null, ok: false, error: { code: 'BadRequest', message: 'a message that is not UTF-8 JSON' } },
      { id: null, ok: false, error: { code: 'TooLarge', message: `a message of ${EXTENSION_MESSAGE_MAX + 1} bytes is over the ${EXTENSION_MESSAGE_MAX}-byte limit` } },
    ]);
    expect(await ask(helper, { op: 'rm -rf' })).toMatchObject({ ok: false, error: { code: 'BadRequest', message: 'no such operation: rm -rf' } });
    expect(await ask(helper, { op: 'read', folder: 'notes', name: 'a.md', offset: -1 })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    expect(await ask(helper, { op: 'stat', folder: 'notes', names: new Array(1001).fill('a.md') })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    expect(await ask(helper, { op: 'write', folder: 'notes', name: 'a.md', data: 'eA==' })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    expect(await put(helper, 'a.md', 'still serving')).toMatchObject({ ok: true });
  });

  it('pages a listing of 10,000 files under the 1 MB limit', async () => {
    const w = allowedFolder();
    for (let i = 0; i < 10_000; i++) writeFileSync(join(w.folder, `2026-01-01-a-record-with-a-rather-long-title-number-${String(i).padStart(5, '0')}.md`), 'x');
    helper = startHelper(w.configPath);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ask(helper, { op: 'list', folder: 'notes', ...(token ? { token } : {}) });
      names.push(...page.result.entries.map((e: { name: string }) => e.name));
      token = page.result.token ?? undefined;
      pages++;
    } while (token);
    expect(names).toHaveLength(10_000);
    expect(pages).toBeGreaterThan(1);
    expect(Math.max(...helper.sent.map((m) => Buffer.byteLength(JSON.stringify(m))))).toBeLessThan(1024 * 1024);
  });
});

describe('the helper’s watch', () => {
  it('batches names: a burst is one report; its own temporary files are not reported', async () => {
    const events: HelperEvent[] = [];
    const watcher = new FolderWatcher('notes', '/', (e) => events.push(e), { quietMs: 30, maxMs: 200, watch: (() => ({ on: () => undefined, close: () => undefined })) as never });
    watcher.start();
    for (const name of ['a.md', 'b.md', 'a.md', '.lede-1234.tmp', 'c.md']) watcher.saw(name);
    await until('a report', () => events.length > 0);
    await new Promise((r) => setTimeout(r, 60));
    expect(events).toEqual([{ event: 'changed', folder: 'notes', generation: watcher.generation, names: ['a.md', 'b.md', 'c.md'] }]);
    watcher.saw(null);
    await until('the gap', () => events.length > 1);
    expect(events[1]).toEqual({ event: 'gap', folder: 'notes', generation: watcher.generation });
    watcher.stop();
  });

  it('reports real changes in the folder within a moment, and the end of the watch when the folder goes', async () => {
    const w = allowedFolder();
    helper = startHelper(w.configPath);
    const on = await ask(helper, { op: 'watch', folder: 'notes', on: true });
    expect(on.result.generation).toMatch(/^[0-9a-f]{24}$/);
    expect((await ask(helper, { op: 'watch', folder: 'notes', on: true })).result.generation).toBe(on.result.generation);
    writeFileSync(join(w.folder, 'outside.md'), 'edited outside');
    await until('the change reported', () => helper!.sent.some((m: any) => m.event === 'changed' && m.names.includes('outside.md')), 1000);
    renameSync(w.folder, `${w.folder}-moved`);
    await until('the watch ended', () => helper!.sent.some((m: any) => m.event === 'ended'), 2000);
    rmSync(`${w.folder}-moved`, { recursive: true });
  });
});

describe('the extension’s line to the helper', () => {
  function fakePort(answer: (message: any, reply: (m: unknown) => void) => void) {
    const listeners: Array<(m: unknown) => void> = [];
    const gone: Array<(p: NativePort) => void> = [];
    let disconnected = 0;
    const port: NativePort = {
      postMessage: (m) => queueMicrotask(() => answer(m, (r) => listeners.forEach((l) => l(r)))),
      disconnect: () => void disconnected++,
      onMessage: { addListener: (l) => listeners.push(l) },
      onDisconnect: { addListener: (l) => gone.push(l) },
    };
    return { port, gone, disconnects: () => disconnected };
  }

  it('a helper answering garbage: every request fails as "not running" and the helper is stopped', async () => {
    const fake = fakePort((_m, reply) => reply({ hello: 'I am not a helper' }));
    const connection = new HelperConnection(() => () => fake.port);
    await expect(connection.request('hello', {})).rejects.toMatchObject({ name: 'InvalidStateError', message: expect.stringMatching(/not running \(it answered something Lede cannot read\)/) });
    expect(fake.disconnects()).toBe(1);
  });

  it('a hung helper times out as not running; a missing one says how to set it up', async () => {
    const fake = fakePort(() => undefined);
    const hung = new HelperConnection(() => () => fake.port, { timeoutMs: 50 });
    await expect(hung.request('hello', {})).rejects.toThrow(/did not answer within 0.05 s/);
    const missing = new HelperConnection(() => () => {
      throw new Error('Specified native messaging host not found.');
    });
    await expect(missing.request('hello', {})).rejects.toThrow(/not running \(Specified native messaging host not found\.\)\. Set it up with: lede host install/);
    const notAllowed = new HelperConnection(() => null);
    await expect(notAllowed.request('hello', {})).rejects.toThrow(/turn the helper on in Lede’s options/);
  });

  it('a helper crashing mid-request: the pending requests fail, the next one starts it again', async () => {
    let starts = 0;
    const fakes: Array<ReturnType<typeof fakePort>> = [];
    const connection = new HelperConnection(() => () => {
      starts++;
      const fake = fakePort((m, reply) => {
        if (starts === 1) return fake.gone.forEach((l) => l({ ...fake.port, error: { message: 'Native host has exited.' } }));
        reply({ id: m.id, ok: true, result: { protocol: 1, version: 'x', folders: [] } });
      });
      fakes.push(fake);
      return fake.port;
    });
    await expect(connection.request('hello', {})).rejects.toThrow(/not running \(Native host has exited\.\)/);
    await expect(connection.request('hello', {})).resolves.toMatchObject({ protocol: 1 });
    expect(starts).toBe(2);
  });
});
