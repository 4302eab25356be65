// `lede host`: Lede's native helper (started by the browser), and `lede host install | uninstall | status`.
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allowFolder, ConfigError, defaultConfigPath, readConfig, writeConfig } from '../host/config.js';
import {
  FIREFOX_EXTENSION_ID, HOST_BROWSERS, hostManifest, isChromeExtensionId, launcherText, manifestPath, manifestState,
  removeFileIfThere, windowsLauncherText, windowsRegistryKey, writeLauncher, writeManifest, type HostBrowser,
} from '../host/install.js';
import { probeHelper } from '../host/probe.js';
import { serve } from '../host/serve.js';
import { parseArgs, UsageError, type Command, type Io } from './io.js';

const LAUNCHER = 'lede-host';

/** dist/cli/lede.js: this file once bundled; from the sources (tests), the built one beside them. */
function cliPath(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('lede.js') ? realpathSync(here) : resolve(dirname(here), '../../dist/cli/lede.js');
}

function browsersOf(flag: string | true | undefined, extensionId: string | undefined): HostBrowser[] {
  if (typeof flag !== 'string') return extensionId ? [...HOST_BROWSERS] : ['firefox'];
  const list = flag.split(',').map((b) => b.trim()).filter(Boolean);
  for (const b of list) if (!HOST_BROWSERS.includes(b as HostBrowser)) throw new UsageError(`--browser is one of ${HOST_BROWSERS.join(', ')}, not "${b}"`);
  return [...new Set(list)] as HostBrowser[];
}

function install(flags: Map<string, string | true>, io: Io, configPath: string): number {
  const folderFlag = flags.get('folder');
  if (typeof folderFlag !== 'string') throw new UsageError('--folder DIR is needed: the folder Lede may sync with');
  const folderPath = resolve(folderFlag);
  if (!existsSync(folderPath) || !statSync(folderPath).isDirectory()) throw new UsageError(`no folder ${folderPath}: make it first`, 1);
  const extensionId = typeof flags.get('extension-id') === 'string' ? flags.get('extension-id') as string : undefined;
  const browsers = browsersOf(flags.get('browser'), extensionId);
  if (browsers.some((b) => b !== 'firefox') && !extensionId) {
    throw new UsageError('Chrome and Chromium need --extension-id ID: Lede’s id, shown in its options page (Sync through the helper) and in chrome://extensions');
  }
  if (extensionId && !isChromeExtensionId(extensionId)) throw new UsageError(`"${extensionId}" is not a Chrome extension id (32 letters a–p)`);
  const userDataDir = typeof flags.get('user-data-dir') === 'string' ? resolve(flags.get('user-data-dir') as string) : undefined;
  const id = typeof flags.get('id') === 'string' ? flags.get('id') as string : undefined;

  const { config, folder } = allowFolder(readConfig(configPath), folderPath, id);
  writeConfig(configPath, config);
  const windows = process.platform === 'win32';
  const launcher = join(dirname(configPath), windows ? `${LAUNCHER}.cmd` : LAUNCHER);
  writeLauncher(launcher, (windows ? windowsLauncherText : launcherText)(process.execPath, cliPath(), configPath));
  io.out(`Allowed ${folder.path} as "${folder.id}" in ${configPath}\nLauncher: ${launcher}\n`);
  for (const browser of browsers) {
    const path = manifestPath(browser, undefined, userDataDir);
    writeManifest(path, hostManifest(browser, launcher, browser === 'firefox' ? FIREFOX_EXTENSION_ID : extensionId!));
    io.out(`${browser}: ${path}\n`);
    if (process.platform === 'win32') io.out(`  Windows: reg add "${windowsRegistryKey(browser)}" /ve /t REG_SZ /d "${path}" /f\n`);
  }
  try {
    accessSync(folder.path, constants.W_OK);
  } catch {
    io.err(`warning: ${folder.path} is not writable by you; Lede can read it but not sync into it\n`);
  }
  io.out(`\nIn Lede’s options, under “Sync through the helper”, choose “${folder.id}”. The browser starts the helper itself.\n`);
  return 0;
}

function uninstall(flags: Map<string, string | true>, io: Io, configPath: string): number {
  const userDataDir = typeof flags.get('user-data-dir') === 'string' ? resolve(flags.get('user-data-dir') as string) : undefined;
  const folderFlag = flags.get('folder');
  if (typeof folderFlag === 'string') {
    // One folder no longer allowed; the helper stays for the others.
    const config = readConfig(configPath);
    const kept = config.folders.filter((f) => resolve(f.path) !== resolve(folderFlag));
    if (kept.length === config.folders.length) throw new UsageError(`${resolve(folderFlag)} is not an allowed folder`, 1);
    writeConfig(configPath, { version: 1, folders: kept });
    io.out(`${resolve(folderFlag)} is no longer allowed.\n`);
    return 0;
  }
  const browsers = typeof flags.get('browser') === 'string' ? browsersOf(flags.get('browser'), undefined) : [...HOST_BROWSERS];
  for (const browser of browsers) {
    const path = manifestPath(browser, undefined, userDataDir);
    io.out(`${browser}: ${removeFileIfThere(path) ? `removed ${path}` : 'was not installed'}\n`);
  }
  // The launcher and the config go only when no browser is left to use them.
  if (HOST_BROWSERS.every((b) => manifestState(b, undefined, userDataDir).state === 'absent')) {
    removeFileIfThere(join(dirname(configPath), LAUNCHER));
    removeFileIfThere(join(dirname(configPath), `${LAUNCHER}.cmd`));
    if (removeFileIfThere(configPath)) io.out(`removed ${configPath} (the folders themselves are untouched)\n`);
  }
  return 0;
}

async function status(flags: Map<string, string | true>, io: Io, configPath: string): Promise<number> {
  const userDataDir = typeof flags.get('user-data-dir') === 'string' ? resolve(flags.get('user-data-dir') as string) : undefined;
  let healthy = true;
  try {
    const config = readConfig(configPath);
    io.out(`Config: ${configPath}${config.folders.length ? '' : ' (no folder allowed: run lede host install --folder DIR)'}\n`);
    for (const f of config.folders) {
      const there = existsSync(f.path) && statSync(f.path).isDirectory();
      io.out(`  ${f.id}: ${f.path}${there ? '' : ' (missing)'}\n`);
      if (!there) healthy = false;
    }
    if (!config.folders.length) healthy = false;
  } catch (error) {
    io.out(`Config: ${(error as Error).message}\n`);
    healthy = false;
  }
  let installed = 0;
  for (const browser of HOST_BROWSERS) {
    const state = manifestState(browser, undefined, userDataDir);
    io.out(`${browser}: ${state.detail}${state.state === 'absent' ? '' : ` (${state.path})`}\n`);
    if (state.state === 'broken') healthy = false;
    if (state.state !== 'installed') continue;
    installed++;
    const probe = await probeHelper(state.launcher!);
    io.out(`  answers: ${probe.ok ? `yes (protocol ${probe.hello.protocol}, ${probe.hello.folders.length} folder(s))` : `no, ${probe.error}`}\n`);
    if (!probe.ok) healthy = false;
  }
  if (!installed) io.out('Not installed for any browser: run lede host install --folder DIR\n');
  return healthy && installed > 0 ? 0 : 1;
}

export const host: Command = {
  name: 'host',
  summary: 'Lede’s helper for two-way folder sync (install, uninstall, status)',
  usage: `lede host install --folder DIR [--browser firefox,chrome,chromium] [--extension-id ID] [--id NAME] [--user-data-dir DIR]
lede host uninstall [--browser …] [--folder DIR] [--user-data-dir DIR]
lede host status [--user-data-dir DIR]
lede host            (started by the browser: speaks native messaging on stdin/stdout)

install allows DIR in the helper's config (${defaultConfigPath()}), writes a launcher beside it and a host
manifest where each browser looks (Firefox ~/.mozilla/native-messaging-hosts, Chrome ~/.config/google-chrome/
NativeMessagingHosts, Chromium ~/.config/chromium/NativeMessagingHosts; on macOS under ~/Library/Application
Support). Firefox knows Lede by its fixed id; Chrome and Chromium need --extension-id (Lede's options page
shows the whole command with it). --user-data-dir: a Chrome/Chromium started with that option.
The helper touches only the folders in its config, only their own entries, never a link out of them.
--config FILE (or LEDE_HOST_CONFIG) uses another config file.`,
  async run(args, io) {
    const sub = args[0];
    if (sub === 'install' || sub === 'uninstall' || sub === 'status') {
      const { flags, positional } = parseArgs(args.slice(1), ['folder', 'browser', 'extension-id', 'id', 'user-data-dir', 'config'], []);
      if (positional.length) throw new UsageError(`unexpected ${positional[0]}`);
      const configPath = typeof flags.get('config') === 'string' ? resolve(flags.get('config') as string) : defaultConfigPath();
      try {
        if (sub === 'install') return install(flags, io, configPath);
        if (sub === 'uninstall') return uninstall(flags, io, configPath);
        return await status(flags, io, configPath);
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message, 1);
        throw error;
      }
    }
    // Started by a browser: it adds its own arguments (Chrome the caller's origin, Firefox the manifest and id).
    const at = args.indexOf('--config');
    const configPath = at >= 0 && args[at + 1] ? resolve(args[at + 1]!) : defaultConfigPath();
    await serve({ configPath, input: process.stdin, output: process.stdout, log: (text) => process.stderr.write(text), version: '0.1.0' });
    return 0;
  },
};
