// Where the browser tests find the repo, the test builds, the browsers, the corpus and the artifacts.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixturesDir = join(repoRoot, 'test/browser/fixtures');
export const chromeTestBuild = join(repoRoot, 'dist/chrome-test');
export const firefoxTestBuild = join(repoRoot, 'dist/firefox-test');
/** The shared corpus lives beside the repo (`<repo>/../shared`, or LEDE_SHARED), outside git. */
export const corpusDir = process.env.LEDE_CORPUS_DIR
  ?? join(process.env.LEDE_SHARED ?? resolve(repoRoot, '../shared'), 'corpus/dev');
/** The second dev split beside the first (`corpus/trafilatura-dev`), for the popup-vs-CLI parity test. */
export const trafilaturaDir = join(dirname(corpusDir), 'trafilatura-dev');
export const artifactsDir = join(repoRoot, 'test-artifacts');

/** Debian's real binary: the /usr/bin/chromium wrapper adds flags of its own and prints a shell error. */
export const chromiumPath = process.env.LEDE_CHROMIUM
  ?? ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p)) ?? '/usr/lib/chromium/chromium';
export const firefoxPath = process.env.LEDE_FIREFOX
  ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p)) ?? '/usr/bin/firefox-esr';

/** Why a browser's tests cannot run here, or null when they can. Shown as the skip reason. */
export function missing(browser: 'chromium' | 'firefox'): string | null {
  const binary = browser === 'chromium' ? chromiumPath : firefoxPath;
  const build = browser === 'chromium' ? chromeTestBuild : firefoxTestBuild;
  if (!existsSync(binary)) {
    return `${browser} not found at ${binary}: install Debian's chromium / firefox-esr (as .ci/run does) to run these tests`;
  }
  if (!existsSync(join(build, 'manifest.json'))) return `no test build at ${build}: run node build/build.mjs --test`;
  return null;
}

/** Why the corpus tests cannot run, or null. */
export function corpusMissing(): string | null {
  return existsSync(corpusDir) ? null : `corpus not found at ${corpusDir}: the corpus tests need <repo>/../shared/corpus/dev`;
}

export function artifactPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return join(artifactsDir, name);
}
