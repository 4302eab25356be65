// `npm start`: the system's Chromium (or Firefox with --firefox) with Lede loaded, open on a sample article.
// Uses the normal build (dist/chrome, dist/firefox) and a fresh temporary profile each time.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const firefox = process.argv.includes('--firefox');
const extensionDir = join(root, firefox ? 'dist/firefox' : 'dist/chrome');
const sample = join(root, 'test/browser/fixtures/sample-article.html');

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

function fail(lines) {
  console.error(lines.join('\n'));
  process.exit(1);
}

const byHand = [
  'Load Lede by hand instead:',
  '  Chromium: open chrome://extensions, turn on "Developer mode", click "Load unpacked" and choose',
  `            ${join(root, 'dist/chrome')}`,
  '  Firefox:  open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…" and choose',
  `            ${join(root, 'dist/firefox/manifest.json')}`,
];

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail(['npm start: no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser window can open.',
    'Run it from a desktop session, or over ssh -X.', '', ...byHand]);
}
if (!existsSync(join(extensionDir, 'manifest.json'))) {
  fail([`npm start: ${extensionDir} is missing; run npm run build first (npm start does).`]);
}

const chromium = process.env.CHROMIUM_BIN
  ?? ['/usr/lib/chromium/chromium'].find((p) => existsSync(p))
  ?? onPath('chromium') ?? onPath('chromium-browser') ?? onPath('google-chrome');
const firefoxBin = process.env.FIREFOX_BIN ?? onPath('firefox-esr') ?? onPath('firefox');
if (!firefox && !chromium) fail(['npm start: no Chromium found (looked for /usr/lib/chromium/chromium and chromium on PATH).', ...byHand]);
if (firefox && !firefoxBin) fail(['npm start -- --firefox: no firefox-esr or firefox on PATH.', ...byHand]);

// The sample article, served from 127.0.0.1 so it is a real web page the extension may read.
const server = createServer((req, res) => {
  const ok = req.url === '/' || req.url?.startsWith('/sample-article.html');
  res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
  res.end(ok ? readFileSync(sample) : 'not found');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const articleUrl = `http://127.0.0.1:${server.address().port}/sample-article.html`;

const profile = mkdtempSync(join(tmpdir(), 'lede-start-'));
let child;
if (firefox) {
  const webExt = join(root, 'node_modules/web-ext/bin/web-ext.js');
  child = spawn(process.execPath, [webExt, 'run', '--source-dir', extensionDir, '--firefox', firefoxBin,
    '--start-url', articleUrl, '--no-reload'], { stdio: 'inherit' });
} else {
  const args = [`--user-data-dir=${profile}`, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
    '--no-first-run', '--no-default-browser-check', articleUrl];
  // Chromium refuses to start as root with its sandbox on (containers, CI boxes).
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  child = spawn(chromium, args, { stdio: ['ignore', 'inherit', 'inherit'] });
}

console.log(`Lede is loaded in ${firefox ? 'Firefox' : 'Chromium'} on a sample article: ${articleUrl}`);
console.log('Click the Lede toolbar button (or press Alt+Shift+L) to save it; close the browser to stop.');

const cleanUp = () => {
  server.close();
  rmSync(profile, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  cleanUp();
  fail([`npm start: could not start the browser: ${error.message}`, ...byHand]);
});
child.on('exit', (code) => {
  cleanUp();
  process.exit(code ?? 0);
});
