// The size of a remote image from its header bytes: reads until the header answers, never the whole file.
import type { FetchLike } from './fetch-page.js';
import { imageSize, type ImageSize } from './image-size.js';

/** JPEG headers sit behind EXIF and colour profiles; past this, the image is not worth measuring. */
export const IMAGE_HEADER_LIMIT = 256 * 1024;
export const IMAGE_TIMEOUT_MS = 5_000;

export async function measureImage(url: string, fetch: FetchLike, timeoutMs = IMAGE_TIMEOUT_MS): Promise<ImageSize | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { credentials: 'omit', signal: controller.signal, headers: { accept: 'image/*' } });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    const reader = response.body?.getReader();
    if (!reader) return imageSize(new Uint8Array(await response.arrayBuffer()).subarray(0, IMAGE_HEADER_LIMIT));
    let bytes = new Uint8Array(0);
    for (;;) {
      const { done, value } = await reader.read();
      if (value) {
        const next = new Uint8Array(bytes.length + value.length);
        next.set(bytes);
        next.set(value, bytes.length);
        bytes = next.subarray(0, IMAGE_HEADER_LIMIT);
        const size = imageSize(bytes);
        if (size || bytes.length >= IMAGE_HEADER_LIMIT) {
          await reader.cancel().catch(() => undefined);
          return size;
        }
      }
      if (done) return imageSize(bytes);
    }
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
