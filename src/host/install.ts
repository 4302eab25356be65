// Where each browser looks for Lede's helper, and the files `lede host install` writes there: a host manifest
// per browser naming Lede's id, and one launcher script (a manifest's `path` must be an executable).
import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync, accessSync, constants, readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { HELPER_NAME } from '../shared/helper-protocol.js';

export type HostBrowser = 'firefox' | 'chrome' | 'chromium';
export const HOST_BROWSERS: readonly HostBrowser[] = ['firefox', 'chrome', 'chromium'];

/** Lede's fixed id in Firefox (build/patches/firefox.json). */
export const FIREFOX_EXTENSION_ID = 'lede@lede.example';

/** A Chrome extension id: 32 letters a–p (what chrome://extensions shows, and Lede's options page). */
export function isChromeExtensionId(value: string): boolean {
  return /^[a-p]{32}$/.test(value);
}

/**
 * The folder a browser reads host manifests from, for this user. `userDataDir`: Chrome/Chromium started with
 * `--user-data-dir` look in its NativeMessagingHosts folder instead.
 */
export function manifestDir(browser: HostBrowser, home: string = homedir(), userDataDir?: string): string {
  if (browser !== 'firefox' && userDataDir) return join(userDataDir, 'NativeMessagingHosts');
  const mac = platform() === 'darwin';
  switch (browser) {
    case 'firefox': return mac ? join(home, 'Library/Application Support/Mozilla/NativeMessagingHosts') : join(home, '.mozilla/native-messaging-hosts');
    case 'chrome': return mac ? join(home, 'Library/Application Support/Google/Chrome/NativeMessagingHosts') : join(home, '.config/google-chrome/NativeMessagingHosts');
    case 'chromium': return mac ? join(home, 'Library/Application Support/Chromium/NativeMessagingHosts') : join(home, '.config/chromium/NativeMessagingHosts');
  }
}

export function manifestPath(browser: HostBrowser, home?: string, userDataDir?: string): string {
  return join(manifestDir(browser, home, userDataDir), `${HELPER_NAME}.json`);
}

/** Windows finds a manifest through a registry key (not written by Lede: `lede host install` prints the command). */
export function windowsRegistryKey(browser: HostBrowser): string {
  return browser === 'firefox'
    ? `HKCU\\Software\\Mozilla\\NativeMessagingHosts\\${HELPER_NAME}`
    : browser === 'chrome' ? `HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\${HELPER_NAME}` : `HKCU\\Software\\Chromium\\NativeMessagingHosts\\${HELPER_NAME}`;
}

export function hostManifest(browser: HostBrowser, launcher: string, extensionId: string): Record<string, unknown> {
  const base = { name: HELPER_NAME, description: 'Lede’s helper: two-way folder sync through the lede command', path: launcher, type: 'stdio' };
  return browser === 'firefox' ? { ...base, allowed_extensions: [extensionId] } : { ...base, allowed_origins: [`chrome-extension://${extensionId}/`] };
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The launcher: runs this very Node and this very `lede` with the config it was installed with (a browser starts
 * the host with a bare environment, often without the PATH a terminal has).
 */
export function launcherText(node: string, cli: string, configPath: string): string {
  return `#!/bin/sh\n# Lede's helper, started by the browser (written by lede host install).\nexec ${quote(node)} ${quote(cli)} host --config ${quote(configPath)} "$@"\n`;
}

/** Windows runs a `.cmd` launcher (untested here: Linux is what the tests run on). */
export function windowsLauncherText(node: string, cli: string, configPath: string): string {
  return `@echo off\r\nrem Lede's helper, started by the browser (written by lede host install).\r\n"${node}" "${cli}" host --config "${configPath}" %*\r\n`;
}

export function writeLauncher(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o755 });
  chmodSync(path, 0o755);
}

export function writeManifest(path: string, manifest: Record<string, unknown>): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
}

export function removeFileIfThere(path: string): boolean {
  if (!existsSync(path)) return false;
  rmSync(path, { force: true });
  return true;
}

export interface ManifestState {
  browser: HostBrowser;
  path: string;
  state: 'installed' | 'absent' | 'broken';
  detail: string;
  launcher?: string;
  allowed?: string[];
}

/** What is installed for one browser, and whether the browser could start it. */
export function manifestState(browser: HostBrowser, home?: string, userDataDir?: string): ManifestState {
  const path = manifestPath(browser, home, userDataDir);
  if (!existsSync(path)) return { browser, path, state: 'absent', detail: 'not installed' };
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { browser, path, state: 'broken', detail: 'the manifest is not JSON' };
  }
  const launcher = String(manifest.path ?? '');
  const allowed = (browser === 'firefox' ? manifest.allowed_extensions : manifest.allowed_origins) as string[] | undefined;
  const base = { browser, path, launcher, allowed: Array.isArray(allowed) ? allowed : [] };
  if (manifest.name !== HELPER_NAME) return { ...base, state: 'broken', detail: `the manifest names "${String(manifest.name)}", not ${HELPER_NAME}` };
  if (!launcher.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(launcher)) return { ...base, state: 'broken', detail: 'the manifest’s path is not absolute' };
  if (!existsSync(launcher) || !statSync(launcher).isFile()) return { ...base, state: 'broken', detail: `the launcher ${launcher} is missing` };
  try {
    accessSync(launcher, constants.X_OK);
  } catch {
    return { ...base, state: 'broken', detail: `the launcher ${launcher} is not executable (chmod +x it, or run lede host install again)` };
  }
  return { ...base, state: 'installed', detail: 'installed' };
}
