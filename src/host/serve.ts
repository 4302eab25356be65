// `lede host`: the native-messaging loop. Reads framed requests on stdin, answers on stdout (nothing else goes
// there: logs go to stderr), checks every request's shape and folder before any file is touched.
import type { Readable, Writable } from 'node:stream';
import { basename } from 'node:path';
import {
  EXTENSION_MESSAGE_MAX, HELPER_PROTOCOL, HOST_MESSAGE_MAX, isFolderId, STAT_MAX,
  type HelperErrorCode, type HelperEvent, type HelperResponse, type HelperStamp,
} from '../shared/helper-protocol.js';
import { readConfig, type HostConfig } from './config.js';
import { Confined, HostError } from './confine.js';
import { encodeFrame, FrameError, FrameReader } from './frame.js';
import { FolderOps } from './ops.js';
import { FolderWatcher, type WatchOptions } from './watch.js';

export interface ServeOptions {
  configPath: string;
  input: Readable;
  output: Writable;
  log(text: string): void;
  version: string;
  watch?: WatchOptions;
}

type Req = Record<string, unknown>;

const str = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new HostError('BadRequest', `${what} must be a string`);
  return value;
};
const optionalStr = (value: unknown, what: string): string | undefined => (value === undefined ? undefined : str(value, what));

export async function serve(options: ServeOptions): Promise<void> {
  let config: HostConfig = readConfig(options.configPath);
  const folderFor = (id: string): Confined => {
    const folder = config.folders.find((f) => f.id === id);
    if (!folder) throw new HostError('UnknownFolder', `no folder "${id}" is allowed in ${options.configPath}: run lede host install --folder DIR`);
    return new Confined(folder);
  };
  const ops = new FolderOps(folderFor);
  const watchers = new Map<string, FolderWatcher>();
  let closed = false;

  const send = (message: HelperResponse | HelperEvent): void => {
    if (closed) return;
    let frame: Buffer;
    try {
      frame = encodeFrame(message, HOST_MESSAGE_MAX);
    } catch (error) {
      // Never sent over the limit (the browser would drop the connection): the request fails instead.
      const id = 'id' in message ? message.id : null;
      frame = encodeFrame({ id, ok: false, error: { code: 'TooLarge', message: (error as Error).message } }, HOST_MESSAGE_MAX);
    }
    options.output.write(frame);
  };

  const folderArg = (req: Req): string => {
    if (!isFolderId(req.folder)) throw new HostError('BadRequest', 'a folder is named by its id in the helper’s config, never by a path');
    folderFor(req.folder);
    return req.folder;
  };

  async function answer(req: Req): Promise<unknown> {
    switch (req.op) {
      case 'hello':
        config = readConfig(options.configPath);
        return {
          protocol: HELPER_PROTOCOL, version: options.version,
          folders: config.folders.map((f) => ({ id: f.id, name: basename(f.path), path: f.path })),
        };
      case 'list':
        return ops.list(folderArg(req), optionalStr(req.dir, 'dir'), optionalStr(req.token, 'token'));
      case 'stat': {
        const folder = folderArg(req);
        if (!Array.isArray(req.names) || req.names.length > STAT_MAX) throw new HostError('BadRequest', `names must be a list of at most ${STAT_MAX}`);
        return { stats: await ops.stat(folder, optionalStr(req.dir, 'dir'), req.names.map((n) => str(n, 'a name'))) };
      }
      case 'read': {
        const folder = folderArg(req);
        if (!Number.isSafeInteger(req.offset) || (req.offset as number) < 0) throw new HostError('BadRequest', 'offset must be a whole number');
        return ops.read(folder, optionalStr(req.dir, 'dir'), str(req.name, 'name'), req.offset as number);
      }
      case 'write': {
        const folder = folderArg(req);
        if (typeof req.last !== 'boolean') throw new HostError('BadRequest', 'last must be true or false');
        const expect = req.expect as HelperStamp | 'free' | undefined;
        if (expect !== undefined && expect !== 'free' && !(typeof expect === 'object' && expect !== null
          && Number.isFinite(expect.lastModified) && Number.isSafeInteger(expect.size))) throw new HostError('BadRequest', 'expect must be a stamp or "free"');
        return ops.write({
          folder, dir: optionalStr(req.dir, 'dir'), name: str(req.name, 'name'), data: str(req.data, 'data'),
          upload: optionalStr(req.upload, 'upload'), last: req.last, ...(expect === undefined ? {} : { expect }),
        });
      }
      case 'abort':
        await ops.abort(str(req.upload, 'upload'));
        return {};
      case 'remove':
        await ops.remove(folderArg(req), optionalStr(req.dir, 'dir'), str(req.name, 'name'));
        return {};
      case 'move':
        await ops.move(folderArg(req), optionalStr(req.dir, 'dir'), str(req.from, 'from'), str(req.to, 'to'));
        return {};
      case 'mkdir':
        await ops.mkdir(folderArg(req), str(req.name, 'name'));
        return {};
      case 'watch': {
        const folder = folderArg(req);
        const running = watchers.get(folder);
        if (req.on !== true) {
          running?.stop();
          watchers.delete(folder);
          return { generation: null };
        }
        if (running) return { generation: running.generation };
        const root = await folderFor(folder).root();
        const watcher = new FolderWatcher(folder, root, (event) => {
          if (event.event === 'ended') watchers.delete(folder);
          send(event);
        }, options.watch);
        watcher.start();
        watchers.set(folder, watcher);
        return { generation: watcher.generation };
      }
      default:
        throw new HostError('BadRequest', `no such operation: ${String(req.op).slice(0, 40)}`);
    }
  }

  const handle = async (message: unknown): Promise<void> => {
    const req = message as Req;
    const id = req && typeof req === 'object' && Number.isSafeInteger(req.id) ? req.id as number : null;
    try {
      if (id === null) throw new HostError('BadRequest', 'a request needs a numeric id');
      send({ id, ok: true, result: await answer(req) });
    } catch (error) {
      const code: HelperErrorCode = error instanceof HostError ? error.code : 'Failed';
      if (!(error instanceof HostError)) options.log(`lede host: ${(error as Error)?.stack ?? String(error)}\n`);
      send({ id, ok: false, error: { code, message: (error as Error)?.message ?? String(error) } });
    }
  };

  const reader = new FrameReader(EXTENSION_MESSAGE_MAX);
  const running = new Set<Promise<void>>();
  await new Promise<void>((resolve) => {
    options.input.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        if (!frame.ok) {
          // Not a request the helper can answer by id: said once, and the stream read on.
          options.log(`lede host: ${frame.error.message}\n`);
          send({ id: null, ok: false, error: { code: (frame.error as FrameError).code, message: frame.error.message } });
          continue;
        }
        const work = handle(frame.message);
        running.add(work);
        void work.finally(() => running.delete(work));
      }
    });
    options.input.on('end', resolve);
    options.input.on('close', resolve);
    options.input.on('error', resolve);
    options.output.on('error', () => {
      closed = true;
      resolve();
    });
  });
  await Promise.allSettled([...running]);
  closed = true;
  for (const watcher of watchers.values()) watcher.stop();
  await ops.close();
}
