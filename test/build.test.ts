// The build: one manifest plus a patch per browser, store zips that hold the manifest, and the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared.js';

// @ts-expect-error -- a plain .mjs module without types
const { manifestFor } = (await import('../build/build.mjs')) as {
  manifestFor(browser: string, options?: { test?: boolean }): Record<string, any>;
};

describe('manifests', () => {
  it('gives Chrome a service worker and Firefox background scripts with a gecko id', () => {
    const chrome = manifestFor('chrome');
    const firefox = manifestFor('firefox');
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings.gecko).toMatchObject({
      id: expect.stringContaining('@'), strict_min_version: '142.0', data_collection_permissions: { required: ['none'] },
    });
    for (const manifest of [chrome, firefox]) expect(manifest.manifest_version).toBe(3);
  });

  it('installs with minimal permissions and no host access', () => {
    for (const browser of ['chrome', 'firefox']) {
      const manifest = manifestFor(browser);
      expect(manifest.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting']));
      expect(manifest.permissions).not.toEqual(expect.arrayContaining(['tabs']));
      // Asked for only when the person turns on "mark saved pages as I browse", sync into Downloads, or Lede's helper.
      expect(manifest.optional_permissions).toEqual(['tabs', 'downloads', 'nativeMessaging']);
      expect(manifest.permissions).not.toContain('nativeMessaging');
      expect(manifest.permissions.filter((p: string) => p.includes('://') || p === '<all_urls>')).toEqual([]);
      expect(manifest.host_permissions).toBeUndefined();
      expect(manifest.content_scripts).toBeUndefined();
    }
  });

  it('keeps test-only access out of the release manifests', () => {
    expect(JSON.stringify(manifestFor('firefox'))).not.toContain('127.0.0.1');
    expect(JSON.stringify(manifestFor('chrome'))).not.toContain('127.0.0.1');
  });

  it('has every __MSG_ key in the English messages', () => {
    const messages = JSON.parse(readFileSync(join(repoRoot, '_locales/en/messages.json'), 'utf8'));
    const keys = [...JSON.stringify(manifestFor('chrome')).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(2);
    for (const key of keys) expect(messages[key], key).toBeDefined();
  });
});

describe('built output', () => {
  const built = existsSync(join(repoRoot, 'dist/lede-chrome.zip'));
  if (!built) execFileSync(process.execPath, [join(repoRoot, 'build/build.mjs')], { cwd: repoRoot });

  it('zips each browser with its manifest at the root', () => {
    for (const browser of ['chrome', 'firefox']) {
      const files = unzipSync(readFileSync(join(repoRoot, `dist/lede-${browser}.zip`)));
      const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']!));
      expect(manifest.background).toEqual(manifestFor(browser).background);
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['background.js', 'popup/popup.html', 'icons/128.png']));
    }
  });

  // 21 KB since issue 19: the JSON-LD depth cap (item 10, ~200 bytes) runs in this script, where the readers recurse.
  it('keeps the script injected on every click within 21 KB and the popup within 60 KB (minified)', () => {
    for (const browser of ['chrome', 'firefox']) {
      const size = (file: string) => statSync(join(repoRoot, 'dist', browser, file)).size;
      expect(size('content/extract.js'), `${browser} content/extract.js`).toBeLessThanOrEqual(21 * 1024);
      expect(size('popup/early.js') + size('popup/popup.js'), `${browser} popup`).toBeLessThanOrEqual(60 * 1024);
    }
  });

  it('parses related pages with the browser\'s DOMParser: no linkedom in any extension script, the engine in Chrome\'s offscreen document', () => {
    const text = (browser: string, file: string) => readFileSync(join(repoRoot, 'dist', browser, file), 'utf8');
    const scripts = (browser: string) => ['background.js', 'popup/popup.js', 'pages/library/library.js', ...(browser === 'chrome' ? ['offscreen/offscreen.js'] : [])];
    // A message from linkedom's appendChild, and a Readability method name (kept by minification).
    for (const browser of ['chrome', 'firefox']) {
      for (const file of scripts(browser)) expect(text(browser, file), `${browser} ${file}`).not.toContain('unable to append a node to itself');
    }
    expect(text('chrome', 'background.js')).not.toContain('_grabArticle');
    expect(text('chrome', 'offscreen/offscreen.js')).toContain('_grabArticle');
    expect(text('firefox', 'background.js')).toContain('_grabArticle');
  });

  it('keeps test hooks and the test manifest out of the release folders and zips, also after a test build', () => {
    // `npm test` makes the -test folders in the same build as the release ones (rebuilding here would pull
    // the folders from under the browser tests running beside), so the release must still be the release.
    const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
    for (const browser of ['chrome', 'firefox']) {
      const zipped = unzipSync(readFileSync(join(repoRoot, `dist/lede-${browser}.zip`)));
      const shipped = { zip: decode(zipped['background.js']), folder: readFileSync(join(repoRoot, 'dist', browser, 'background.js'), 'utf8') };
      for (const [where, text] of Object.entries(shipped)) expect(text, `${browser} ${where}`).not.toContain('__ledeOffscreen');
      for (const manifest of [JSON.parse(decode(zipped['manifest.json'])), JSON.parse(readFileSync(join(repoRoot, 'dist', browser, 'manifest.json'), 'utf8'))]) {
        expect(manifest).toEqual(manifestFor(browser));
      }
    }
    // Where a test build was made beside it, it does carry them: the checks above look for the right thing.
    if (existsSync(join(repoRoot, 'dist/chrome-test/background.js'))) {
      expect(readFileSync(join(repoRoot, 'dist/chrome-test/background.js'), 'utf8')).toContain('__ledeOffscreen');
      expect(readFileSync(join(repoRoot, 'dist/chrome-test/manifest.json'), 'utf8')).toContain('host_permissions');
    }
  });

  it('runs the CLI from dist', () => {
    const out = execFileSync(process.execPath, [join(repoRoot, 'dist/cli/lede.js'), '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/^lede — /);
  });

  it('exports the format core from the Node library', async () => {
    const lib = await import(join(repoRoot, 'dist/lib/index.js'));
    for (const name of ['parseRecord', 'serializeRecord', 'validateRecord', 'recordFileName']) expect(typeof lib[name]).toBe('function');
  });

  it('ships type declarations a TypeScript program can import as "lede"', async () => {
    if (!existsSync(join(repoRoot, 'dist/lib/types/lib/index.d.ts'))) execFileSync(process.execPath, [join(repoRoot, 'build/build.mjs')], { cwd: repoRoot });
    // Every value the library exports is declared.
    const lib = await import(join(repoRoot, 'dist/lib/index.js'));
    const declared = readFileSync(join(repoRoot, 'dist/lib/types/lib/index.d.ts'), 'utf8');
    for (const name of Object.keys(lib)) expect(declared, name).toMatch(new RegExp(`\\b${name}\\b`));
    // A consumer resolving the package the way Node does: right uses compile, a wrong type is caught.
    const dir = mkdtempSync(join(tmpdir(), 'lede-consumer-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(repoRoot, join(dir, 'node_modules/lede'), 'dir');
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: {
        module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, lib: ['es2022', 'dom'], types: [],
      }, files: ['consumer.ts'] }));
      writeFileSync(join(dir, 'consumer.ts'), [
        "import { parseRecord, serializeRecord, extractFromHtml, type LedeRecord, type Extraction } from 'lede';",
        "const parsed = parseRecord('---\\ntitle: x\\n---\\n');",
        'if (parsed.ok) { const text: string = serializeRecord(parsed.record); void text; }',
        "const extraction: Extraction = extractFromHtml('<title>x</title>', 'https://example.com/');",
        "const quality: LedeRecord['quality'] = 5;",
        'void extraction; void quality;',
        '',
      ].join('\n'));
      const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
      const run = () => spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
      const good = run();
      expect(good.stdout + good.stderr).toBe('');
      expect(good.status).toBe(0);
      writeFileSync(join(dir, 'consumer.ts'), "import type { LedeRecord } from 'lede';\nconst quality: LedeRecord['quality'] = 'high';\nvoid quality;\n");
      const bad = run();
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toContain("Type 'string' is not assignable to type 'number'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
