// The esbuild build: dist/chrome and dist/firefox from one manifest plus a patch each, their
// store zips, the `lede` CLI and the Node library. `--test` also makes dist/<browser>-test for the browser tests.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { zipSync } from 'fflate';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromeOnlyDirs, extensionEntries, nodeEntries, staticDirs } from './entries.mjs';
import { iconPng } from './icons.mjs';
import { inertHtmlPlugin } from './inert-html.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = new Set(process.argv.slice(2));
const forTests = args.has('--test');
const browsers = ['chrome', 'firefox'];

function readJson(path) {
  return JSON.parse(readFileSync(join(root, path), 'utf8'));
}

/**
 * Deep-merges a per-browser patch into the base manifest (objects merge, everything else replaces;
 * a key ending in `+` appends its list to the base's: `"permissions+": ["downloads"]`).
 */
function merge(base, patch) {
  const out = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key.endsWith('+')) {
      out[key.slice(0, -1)] = [...(out[key.slice(0, -1)] ?? []), ...value];
      continue;
    }
    const both = value && typeof value === 'object' && !Array.isArray(value) && typeof out[key] === 'object';
    out[key] = both ? merge(out[key], value) : value;
  }
  return out;
}

export function manifestFor(browser, { test = false } = {}) {
  let manifest = merge(readJson('manifest.json'), readJson(`build/patches/${browser}.json`));
  if (test) manifest = merge(manifest, readJson(`build/patches/test.json`));
  // A browser's own test patch, when it needs one (Firefox: extension pages reachable from fixtures).
  if (test && existsSync(join(root, `build/patches/test-${browser}.json`))) {
    manifest = merge(manifest, readJson(`build/patches/test-${browser}.json`));
  }
  return manifest;
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function zipDir(dir, out) {
  const files = {};
  for (const path of filesUnder(dir)) files[relative(dir, path).split('\\').join('/')] = readFileSync(path);
  writeFileSync(out, zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
}

/**
 * One browser's extension into `outDir`. `test` (the `-test` folders only) adds the test hooks and the
 * test manifest patch: the release folders and their zips never hold test code, whatever ran before.
 */
async function buildExtension(browser, outDir, { test = false } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const present = extensionEntries.filter((e) => existsSync(join(root, e.in)) && (!e.only || e.only === browser));
  const options = {
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: browser === 'chrome' ? 'chrome121' : 'firefox128',
    legalComments: 'none',
    // Raw UTF-8 rather than \u escapes: smaller, and extension scripts must be UTF-8 anyway.
    charset: 'utf8',
    define: { __BROWSER__: JSON.stringify(browser), __TEST__: JSON.stringify(test) },
    plugins: [inertHtmlPlugin],
    logLevel: 'warning',
  };
  const isContent = (e) => e.out.startsWith('content/');
  const points = (list) => list.map((e) => ({ in: join(root, e.in), out: e.out }));
  await esbuild.build({ ...options, entryPoints: points(present.filter((e) => !isContent(e))) });
  // Injected scripts end with their result as the completion value, which executeScript hands back.
  await esbuild.build({ ...options, entryPoints: points(present.filter(isContent)),
    footer: { js: 'globalThis.__ledeExtraction;' } });
  for (const dir of browser === 'chrome' ? [...staticDirs, ...chromeOnlyDirs] : staticDirs) {
    const from = join(root, dir);
    if (!existsSync(from)) continue;
    for (const path of filesUnder(from).filter((p) => /\.(html|css|svg)$/.test(p))) {
      const to = join(outDir, relative(join(root, 'src'), path));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(path, to);
    }
  }
  cpSync(join(root, '_locales'), join(outDir, '_locales'), { recursive: true });
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  for (const size of [16, 32, 48, 128]) writeFileSync(join(outDir, 'icons', `${size}.png`), iconPng(size));
  writeFileSync(join(outDir, 'manifest.json'),
    JSON.stringify(manifestFor(browser, { test }), null, 2) + '\n');
}

async function buildNode() {
  for (const entry of nodeEntries) {
    if (!existsSync(join(root, entry.in))) continue;
    await esbuild.build({
      entryPoints: [join(root, entry.in)],
      outfile: join(root, entry.out),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      banner: entry.banner ? { js: entry.banner } : undefined,
      logLevel: 'warning',
    });
  }
}

/** Type declarations for the Node library (dist/lib/types), from the same sources, by tsc. */
function buildTypes() {
  rmSync(join(dist, 'lib/types'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.lib.json')], { cwd: root, stdio: 'inherit' });
}

async function main() {
  const started = Date.now();
  for (const browser of browsers) {
    await buildExtension(browser, join(dist, browser));
    zipDir(join(dist, browser), join(dist, `lede-${browser}.zip`));
    if (forTests) await buildExtension(browser, join(dist, `${browser}-test`), { test: true });
  }
  await buildNode();
  buildTypes();
  console.log(`built dist/chrome, dist/firefox, their zips, the CLI and the library in ${Date.now() - started} ms`);
}

// Imported (by tests) it only lends its functions; run, it builds.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main().catch((error) => {
    console.error(`build failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
