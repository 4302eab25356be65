// "Keep copies of related images": each related entry's image kept beside the records in images/, under a
// stable name (the URL's hash and the type), `isCached: true` on the entry; images no record refers to are
// removed; a failed download leaves `isCached: false` and is tried again later, with a growing wait.
import type { StoredRecord } from '../../shared/messages.js';
import type { SyncLibrary } from './library.js';
import { fileHandle, removeFile, type SyncDirHandle } from './folder.js';
import { hashText } from './hash.js';
import { backoffMs } from './queue.js';
import type { SyncState } from './state.js';

export const IMAGES_FOLDER = 'images';
/** Larger images are not kept (a photo library is not what a record folder is for). */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif',
  'image/svg+xml': 'svg', 'image/bmp': 'bmp', 'image/x-icon': 'ico', 'image/vnd.microsoft.icon': 'ico',
};

/** `3f2a…9c.jpg`: the same image URL always gets the same name; the type picks the extension. */
export async function imageFileName(url: string, type: string): Promise<string | null> {
  const ext = EXTENSIONS[type.split(';')[0]!.trim().toLowerCase()];
  return ext ? `${await hashText(url)}.${ext}` : null;
}

export type FetchImage = (url: string) => Promise<{ bytes: Uint8Array; type: string }>;

interface Kept {
  /** url → file name in images/, for every image Lede wrote there. */
  files: Record<string, string>;
  /** url → when to try again after a failure. */
  failed: Record<string, { attempts: number; notBefore: number; error: string }>;
}

const META = 'images';

export interface ImageDeps {
  dir: SyncDirHandle;
  state: SyncState;
  library: SyncLibrary;
  fetchImage: FetchImage;
  /** The record changed (its isCached flags): write its file. */
  recordChanged(id: string): Promise<void>;
  now?: () => number;
}

export class ImageKeeper {
  readonly counts = { written: 0, removed: 0, failed: 0 };

  constructor(private readonly deps: ImageDeps) {}

  /** Keeps every referenced image, marks the entries (each as its image is kept), removes what nothing refers to. */
  async pass(records: StoredRecord[]): Promise<void> {
    const { state, library } = this.deps;
    const now = (this.deps.now ?? Date.now)();
    const kept = (await state.getMeta<Kept>(META)) ?? { files: {}, failed: {} };
    const referenced = new Set<string>();
    const folder = await this.deps.dir.getDirectoryHandle(IMAGES_FOLDER, { create: true });
    try {
      for (const stored of records) {
        for (const entry of stored.record.related) {
          for (const image of entry.images) {
            referenced.add(image.url);
            const cached = await this.keep(folder, image.url, kept, now);
            if (Boolean(image.isCached) === cached) continue;
            // Progress kept per image: the copy is remembered before the row says it is there.
            await state.setMeta(META, kept);
            // Only the flag, on the row as it is now: an edit made since the pass began stays.
            const saved = await library.setCached(stored.id, image.url, cached);
            if (saved) await this.deps.recordChanged(saved.id);
          }
        }
      }
      for (const [url, name] of Object.entries(kept.files)) {
        if (referenced.has(url)) continue;
        await removeFile(folder, name);
        delete kept.files[url];
        this.counts.removed++;
      }
      for (const url of Object.keys(kept.failed)) if (!referenced.has(url)) delete kept.failed[url];
    } finally {
      await state.setMeta(META, kept);
    }
  }

  /** Whether a copy of the image is in images/ now (fetched if needed and due). */
  private async keep(folder: SyncDirHandle, url: string, kept: Kept, now: number): Promise<boolean> {
    const name = kept.files[url];
    if (name && await fileHandle(folder, name)) return true;
    if (name) delete kept.files[url];
    const failure = kept.failed[url];
    if (failure && failure.notBefore > now) return false;
    try {
      const { bytes, type } = await this.deps.fetchImage(url);
      const fileName = await imageFileName(url, type);
      if (!fileName) throw new Error(`not an image type Lede keeps: ${type || 'none'}`);
      if (bytes.byteLength > IMAGE_MAX_BYTES) throw new Error(`larger than ${IMAGE_MAX_BYTES / 1024 / 1024} MB`);
      const writable = await (await folder.getFileHandle(fileName, { create: true })).createWritable();
      try {
        await writable.write(bytes);
        await writable.close();
      } catch (error) {
        await writable.abort().catch(() => undefined);
        throw error;
      }
      kept.files[url] = fileName;
      delete kept.failed[url];
      this.counts.written++;
      return true;
    } catch (error) {
      const attempts = (failure?.attempts ?? 0) + 1;
      kept.failed[url] = { attempts, notBefore: now + backoffMs(attempts - 1), error: error instanceof Error ? error.message : String(error) };
      this.counts.failed++;
      return false;
    }
  }
}

/** Fetches an image with the browser's fetch: the bytes and the type the server gave. */
export async function fetchImage(url: string): Promise<{ bytes: Uint8Array; type: string }> {
  if (!/^https?:/i.test(url)) throw new Error('only http(s) images are kept');
  const response = await fetch(url, { credentials: 'omit', redirect: 'follow' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > IMAGE_MAX_BYTES) throw new Error(`larger than ${IMAGE_MAX_BYTES / 1024 / 1024} MB`);
  return { bytes: new Uint8Array(await response.arrayBuffer()), type: response.headers.get('content-type') ?? '' };
}
