// The size of a remote image from its header bytes: reads until the header answers, never the whole file,
// and asks nothing of a host the person has not granted.
import type { FetchLike } from './fetch-page.js';
import { fetchImageBounded } from './fetch-image.js';
import { imageSize, type ImageSize } from './image-size.js';

/** JPEG headers sit behind EXIF and colour profiles; past this, the image is not worth measuring. */
export const IMAGE_HEADER_LIMIT = 256 * 1024;
export const IMAGE_TIMEOUT_MS = 5_000;

export interface MeasureOptions {
  /** Whether Lede may read this address (the person's grant for related pages); no request otherwise. */
  hostAccess: (url: string) => boolean | Promise<boolean>;
  timeoutMs?: number;
  redirects?: 'manual' | 'follow';
}

export async function measureImage(url: string, fetch: FetchLike, options: MeasureOptions): Promise<ImageSize | null> {
  const read = await fetchImageBounded(url, {
    fetch, hostAccess: options.hostAccess, timeoutMs: options.timeoutMs ?? IMAGE_TIMEOUT_MS, maxBytes: IMAGE_HEADER_LIMIT,
    enough: (bytes) => imageSize(bytes) !== null, redirects: options.redirects,
  });
  return read.ok ? imageSize(read.bytes) : null;
}
