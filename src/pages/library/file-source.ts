// A picked File as a zip reader's source: random access for the zip's directory, then one streamed pass.
import type { ZipSource } from '../../transfer/zip-read.js';

export function fileSource(file: File): ZipSource {
  return {
    size: file.size,
    slice: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
    async *chunks() {
      const reader = file.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        void reader.cancel().catch(() => undefined);
      }
    },
  };
}
