// The helper's own config: the folders the person allowed, each under an id the extension names it by.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { isFolderId } from '../shared/helper-protocol.js';

export interface AllowedFolder {
  id: string;
  /** An absolute path, as the person gave it (resolved when used). */
  path: string;
}

export interface HostConfig {
  version: 1;
  folders: AllowedFolder[];
}

/** Where Lede's helper keeps its config and launcher: `~/.config/lede` (XDG), `~/Library/Application Support/Lede` on macOS, `%APPDATA%\Lede`. */
export function configDir(env: NodeJS.ProcessEnv = process.env, home = env.HOME ?? homedir()): string {
  if (platform() === 'darwin') return join(home, 'Library/Application Support/Lede');
  if (platform() === 'win32') return join(env.APPDATA ?? join(home, 'AppData/Roaming'), 'Lede');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'lede');
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.LEDE_HOST_CONFIG || join(configDir(env), 'host.json');
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The config, or an empty one when there is no file; a file that is not a valid config is an error, never ignored. */
export function readConfig(path: string): HostConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, folders: [] };
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`${path} is not JSON`);
  }
  const folders = (parsed as { folders?: unknown })?.folders;
  if (!Array.isArray(folders)) throw new ConfigError(`${path}: "folders" must be a list`);
  const seen = new Set<string>();
  for (const folder of folders as Array<Record<string, unknown>>) {
    if (!isFolderId(folder?.id)) throw new ConfigError(`${path}: a folder id must be lowercase letters, digits and -, such as "notes"`);
    if (typeof folder.path !== 'string' || !folder.path.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(folder.path)) {
      throw new ConfigError(`${path}: the folder "${folder.id}" needs an absolute path`);
    }
    if (seen.has(folder.id)) throw new ConfigError(`${path}: the id "${folder.id}" is given twice`);
    seen.add(folder.id);
  }
  return { version: 1, folders: (folders as AllowedFolder[]).map((f) => ({ id: f.id, path: f.path })) };
}

/** Written whole or not at all (a temporary file renamed over the old one). */
export function writeConfig(path: string, config: HostConfig): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  renameSync(temp, path);
}

/** An id for a new folder from its name: `Notes` → `notes`, then `notes-2` … when taken. */
export function folderIdFor(path: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const stem = basename(path).normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'folder';
  for (let n = 1; ; n++) {
    const id = n === 1 ? stem : `${stem}-${n}`;
    if (!used.has(id)) return id;
  }
}

/** Adds a folder (or answers the one already there for that path). */
export function allowFolder(config: HostConfig, path: string, id?: string): { config: HostConfig; folder: AllowedFolder } {
  const absolute = resolve(path);
  const known = config.folders.find((f) => resolve(f.path) === absolute);
  if (known && (!id || known.id === id)) return { config, folder: known };
  if (id !== undefined && !isFolderId(id)) throw new ConfigError(`the id "${id}" must be lowercase letters, digits and -, such as "notes"`);
  const others = config.folders.filter((f) => f !== known);
  if (id && others.some((f) => f.id === id)) throw new ConfigError(`the id "${id}" is already given to ${others.find((f) => f.id === id)!.path}`);
  const folder = { id: id ?? folderIdFor(absolute, others.map((f) => f.id)), path: absolute };
  return { config: { version: 1, folders: [...others, folder] }, folder };
}
