// What the build bundles: each extension script with its output path, and the Node entries.

/** Extension scripts, bundled once per browser (`only`: for that browser alone). Page HTML/CSS beside them is copied as is. */
export const extensionEntries = [
  { in: 'src/background/index.ts', out: 'background' },
  { in: 'src/content/extract.ts', out: 'content/extract' },
  { in: 'src/content/article.ts', out: 'content/article' },
  { in: 'src/content/readability.ts', out: 'content/readability' },
  { in: 'src/content/links.ts', out: 'content/links' },
  { in: 'src/popup/early.ts', out: 'popup/early' },
  { in: 'src/popup/popup.ts', out: 'popup/popup' },
  // Loaded when first needed (src/ui/later.ts), not with the popup or the library page.
  { in: 'src/ui/compare-panel-later.ts', out: 'ui/compare-panel' },
  { in: 'src/popup/key-moment-later.ts', out: 'popup/key-moment' },
  { in: 'src/popup/all-tabs-later.ts', out: 'popup/all-tabs' },
  { in: 'src/pages/library/library.ts', out: 'pages/library/library' },
  { in: 'src/pages/library/bring-worker.ts', out: 'pages/library/bring-worker' },
  { in: 'src/pages/library/zip-worker.ts', out: 'pages/library/zip-worker' },
  { in: 'src/pages/options/options.ts', out: 'pages/options/options' },
  { in: 'src/offscreen/index.ts', out: 'offscreen/offscreen', only: 'chrome' },
  { in: 'src/offscreen/watch-worker.ts', out: 'offscreen/watch-worker', only: 'chrome' },
];

/** Folders whose .html and .css files are copied to the same place under dist/<browser>. */
export const staticDirs = ['src/popup', 'src/pages/library', 'src/pages/options', 'src/pages/sync', 'src/ui'];

/** Node entries: the `lede` CLI and the library behind package.json `exports`. */
export const nodeEntries = [
  { in: 'src/cli/bin.ts', out: 'dist/cli/lede.js', banner: '#!/usr/bin/env node' },
  { in: 'src/lib/index.ts', out: 'dist/lib/index.js' },
];

/** Static folders for Chrome alone: the offscreen document (Firefox's background page has a window). */
export const chromeOnlyDirs = ['src/offscreen'];
