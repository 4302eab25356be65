// lede host install / uninstall / status into a temporary HOME: the manifests where each browser looks, naming
// Lede's id, a launcher the browser can run, the folder allowed in the config; nothing outside that HOME.
import { existsSync, mkdirSync, readFileSync, statSync, chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readConfig } from '../../src/host/config.js';
import { FIREFOX_EXTENSION_ID, manifestPath } from '../../src/host/install.js';
import { repoRoot } from '../browser/harness/paths.js';
import { tempDir } from './harness.js';

const CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const built = existsSync(join(repoRoot, 'dist/cli/lede.js'));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

let home: string;
let savedHome: string | undefined;
beforeEach(() => {
  home = tempDir('lede-home-');
  savedHome = process.env.HOME;
  process.env.HOME = home;
});
afterEach(() => {
  process.env.HOME = savedHome;
  rmSync(home, { recursive: true, force: true });
});

describe('lede host install', () => {
  it('writes Firefox’s manifest with Lede’s gecko id, the launcher and the config', async () => {
    const folder = join(home, 'Notes');
    mkdirSync(folder);
    const config = join(home, '.config/lede/host.json');
    const result = await run('host', 'install', '--folder', folder, '--config', config);
    expect(result).toMatchObject({ code: 0, err: '' });
    const path = join(home, '.mozilla/native-messaging-hosts/lede.helper.json');
    expect(manifestPath('firefox')).toBe(path);
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    expect(manifest).toEqual({
      name: 'lede.helper', description: expect.any(String), path: join(home, '.config/lede/lede-host'), type: 'stdio',
      allowed_extensions: [FIREFOX_EXTENSION_ID],
    });
    // The id in the Firefox build's manifest patch is the one the helper allows.
    expect(JSON.parse(readFileSync(join(repoRoot, 'build/patches/firefox.json'), 'utf8')).browser_specific_settings.gecko.id).toBe(FIREFOX_EXTENSION_ID);
    expect(statSync(manifest.path).mode & 0o111).toBe(0o111);
    expect(readFileSync(manifest.path, 'utf8')).toContain(`host --config '${config}'`);
    expect(readConfig(config).folders).toEqual([{ id: 'notes', path: folder }]);
    expect(result.out).toContain('choose “notes”');
  });

  it('names Lede by its id for Chrome and Chromium, and refuses without a valid one', async () => {
    const folder = join(home, 'Notes');
    mkdirSync(folder);
    const config = join(home, 'host.json');
    expect(await run('host', 'install', '--browser', 'chromium', '--folder', folder, '--config', config)).toMatchObject({ code: 2, err: expect.stringContaining('--extension-id') });
    expect(await run('host', 'install', '--browser', 'chrome', '--extension-id', 'not-an-id', '--folder', folder, '--config', config)).toMatchObject({ code: 2 });
    expect(await run('host', 'install', '--browser', 'chrome,chromium', '--extension-id', CHROME_ID, '--folder', folder, '--config', config)).toMatchObject({ code: 0 });
    for (const path of [join(home, '.config/google-chrome/NativeMessagingHosts/lede.helper.json'), join(home, '.config/chromium/NativeMessagingHosts/lede.helper.json')]) {
      expect(JSON.parse(readFileSync(path, 'utf8')).allowed_origins).toEqual([`chrome-extension://${CHROME_ID}/`]);
    }
    expect(existsSync(join(home, '.mozilla'))).toBe(false);
    // A Chromium started with --user-data-dir looks there.
    const profile = join(home, 'profile');
    expect((await run('host', 'install', '--browser', 'chromium', '--extension-id', CHROME_ID, '--folder', folder, '--config', config, '--user-data-dir', profile)).code).toBe(0);
    expect(existsSync(join(profile, 'NativeMessagingHosts/lede.helper.json'))).toBe(true);
  });

  it('refuses a folder that is not there, and a bad browser name', async () => {
    const config = join(home, 'host.json');
    expect(await run('host', 'install', '--folder', join(home, 'nope'), '--config', config)).toMatchObject({ code: 1, err: expect.stringContaining('no folder') });
    expect(await run('host', 'install', '--browser', 'safari', '--folder', home, '--config', config)).toMatchObject({ code: 2 });
    expect(existsSync(config)).toBe(false);
  });

  it('gives a second folder its own id, and keeps the first', async () => {
    const config = join(home, 'host.json');
    for (const name of ['Notes', 'work/Notes']) mkdirSync(join(home, name), { recursive: true });
    await run('host', 'install', '--folder', join(home, 'Notes'), '--config', config);
    await run('host', 'install', '--folder', join(home, 'work/Notes'), '--config', config);
    await run('host', 'install', '--folder', join(home, 'Notes'), '--config', config);
    expect(readConfig(config).folders.map((f) => f.id)).toEqual(['notes', 'notes-2']);
  });
});

describe('lede host status and uninstall', () => {
  it.runIf(built)('status says what is installed and whether the helper answers; a launcher that cannot run is reported', async () => {
    const folder = join(home, 'Notes');
    mkdirSync(folder);
    const config = join(home, 'host.json');
    await run('host', 'install', '--folder', folder, '--config', config);
    const ok = await run('host', 'status', '--config', config);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/firefox: installed .*\n {2}answers: yes \(protocol 1, 1 folder\(s\)\)/);
    expect(ok.out).toContain('chromium: not installed');
    chmodSync(join(home, 'lede-host'), 0o644);
    const broken = await run('host', 'status', '--config', config);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('is not executable');
  });

  it('uninstall removes the manifests, the launcher and the config; --folder only disallows that folder', async () => {
    const config = join(home, 'host.json');
    for (const name of ['A', 'B']) mkdirSync(join(home, name));
    await run('host', 'install', '--folder', join(home, 'A'), '--config', config);
    await run('host', 'install', '--folder', join(home, 'B'), '--config', config);
    expect((await run('host', 'uninstall', '--folder', join(home, 'A'), '--config', config)).code).toBe(0);
    expect(readConfig(config).folders.map((f) => f.id)).toEqual(['b']);
    const result = await run('host', 'uninstall', '--config', config);
    expect(result.code).toBe(0);
    expect(existsSync(join(home, '.mozilla/native-messaging-hosts/lede.helper.json'))).toBe(false);
    expect(existsSync(join(home, 'lede-host'))).toBe(false);
    expect(existsSync(config)).toBe(false);
    expect(existsSync(join(home, 'B'))).toBe(true);
    const status = await run('host', 'status', '--config', config);
    expect(status.code).toBe(1);
    expect(status.out).toContain('Not installed for any browser');
  });
});
