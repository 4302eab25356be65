// What every benchmark shares: Debian's Chromium, and the median of a run's figures.
import { existsSync } from 'node:fs';

/** Debian's Chromium binary (the /usr/bin wrapper adds flags of its own), or undefined when absent. */
export const chromiumPath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Run in an extension page: forgets sync's note of the watch generation its last every-stamp pass began under
 * (what a gap does), so the next full pass asks every file's stamp.
 */
export function forgetWatchInPage() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('lede-sync');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('meta', 'readwrite');
      tx.objectStore('meta').put(null, 'watched');
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}
