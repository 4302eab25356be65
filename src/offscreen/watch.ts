// The sync folder's watch, as the offscreen document runs it: one worker holding the observer; the names it
// reports go to the background in batches, each with the watch's generation, a random id that changes
// whenever the watch may have missed something (it restarted, the browser dropped events, a report was lost).
import browser from 'webextension-polyfill';
import type { OffscreenHandlers } from '../shared/offscreen-messages.js';
import type { WatchReport } from './watch-report.js';

/** Names are gathered this long before they are sent: a `git pull` changes many at once. */
const BATCH_MS = 100;
/** Names per message; and the most kept while the background cannot be told (beyond, a gap says it all). */
const MAX_NAMES = 5_000;
const RETRY_MS = 1_000;
/** How long the worker may take to begin watching before the watch counts as not possible now. */
const START_MS = 5_000;

let worker: Worker | null = null;
let generation: string | null = null;
let starting: Promise<string | null> | null = null;
let waiting = new Set<string>();
/** Set when a report is lost: the next message says so, and the generation has changed. */
let gap = false;
let timer: ReturnType<typeof setTimeout> | null = null;

const newGeneration = (): string => crypto.randomUUID();

/** True while a watch runs or begins: the document must stay open. */
export function watching(): boolean {
  return worker !== null || starting !== null;
}

function end(): void {
  worker?.terminate();
  worker = null;
  generation = null;
  starting = null;
}

function start(): Promise<string | null> {
  if (worker && generation) return Promise.resolve(generation);
  starting ??= new Promise((resolve) => {
    const w = new Worker('watch-worker.js');
    worker = w;
    // A watch that does not begin must not hold up the sync run that asked for it.
    const late = setTimeout(() => {
      if (worker !== w || generation) return;
      end();
      resolve(null);
    }, START_MS);
    w.onmessage = (event: MessageEvent<WatchReport>) => {
      if (worker !== w) return;
      const report = event.data;
      if (report.kind === 'watching') {
        clearTimeout(late);
        generation = newGeneration();
        starting = null;
        resolve(generation);
      } else if (report.kind === 'failed') {
        const was = generation;
        if (was === null) console.warn('Lede: the sync folder is not watched:', report.error);
        end();
        resolve(null);
        // The watch ended after it began: whatever changes from now on goes unreported, and the background must know.
        if (was !== null) void tell({ generation: was, names: [], gap: true });
      } else if (report.kind === 'gap') {
        lost();
      } else {
        for (const name of report.names) waiting.add(name);
        schedule(BATCH_MS);
      }
    };
    w.onerror = () => {
      if (worker !== w) return;
      end();
      resolve(null);
    };
  });
  return starting;
}

/** Something may have been missed: what was vouched for under the old generation no longer is. */
function lost(): void {
  if (generation) generation = newGeneration();
  gap = true;
  schedule(BATCH_MS);
}

function schedule(ms: number): void {
  timer ??= setTimeout(() => {
    timer = null;
    void send();
  }, ms);
}

async function send(): Promise<void> {
  if (!generation) return;
  const names = [...waiting].slice(0, MAX_NAMES);
  for (const name of names) waiting.delete(name);
  const payload = { generation, names, gap };
  gap = false;
  if (!(await tell(payload))) {
    // Not told: try again soon, under a new generation, so no pass trusts the watch meanwhile.
    if (waiting.size + names.length <= MAX_NAMES) for (const name of names) waiting.add(name);
    lost();
    if (timer) clearTimeout(timer);
    timer = null;
    schedule(RETRY_MS);
    return;
  }
  if (waiting.size) schedule(0);
}

/** One report to the background; false when it was not taken. */
async function tell(payload: { generation: string; names: string[]; gap: boolean }): Promise<boolean> {
  try {
    const answer: unknown = await browser.runtime.sendMessage({ lede: 1, type: 'sync/observed', payload });
    return !(answer && typeof answer === 'object' && 'ledeError' in answer);
  } catch {
    return false;
  }
}

export const watchHandlers: Pick<OffscreenHandlers, 'sync/watch'> = {
  'sync/watch': async ({ on }) => {
    if (!on) {
      end();
      waiting = new Set();
      return { generation: null };
    }
    return { generation: await start() };
  },
};
