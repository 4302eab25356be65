// What Lede's extension and its native helper (`lede host`) say to each other, and the name rule both enforce.
//
// Each message is the browsers' native-messaging frame: a 4-byte native-endian length, then UTF-8 JSON.
// The extension names a folder only by the id the helper's own config gives it and a file by one path
// component (plus at most one sub-folder, `images`); it can never name a path.

/** The host's name in the browsers' native-messaging manifests. */
export const HELPER_NAME = 'lede.helper';
export const HELPER_PROTOCOL = 1;

/** Browsers refuse a message over 1 MB from a host; Lede's host keeps under this. */
export const HOST_MESSAGE_MAX = 1024 * 1024;
/** What the host accepts from the extension in one message (the extension sends file data in chunks). */
export const EXTENSION_MESSAGE_MAX = 4 * 1024 * 1024;
/** Raw bytes of a file in one message, either way: base64 and the envelope stay well under 1 MB. */
export const DATA_CHUNK = 512 * 1024;
/** Names in one stat request. */
export const STAT_MAX = 1000;

/** A folder id in the host's config: what the extension calls a folder. */
export function isFolderId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9][a-z0-9-]{0,39}$/.test(value);
}

/**
 * Why a name is not one plain entry of a folder, or null when it is: never empty, `.` or `..`, no `/` or `\`,
 * no NUL or control character, at most 255 bytes (what file systems allow). Names starting `.lede-` are the
 * helper's own temporary files.
 */
export function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'an empty name';
  if (name === '.' || name === '..') return `“${name}” is not a file name`;
  if (/[/\\]/.test(name)) return 'a name with a path separator (only names of entries in the folder are allowed)';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a name with a control character or NUL';
  if (new TextEncoder().encode(name).length > 255) return 'a name longer than 255 bytes';
  if (name.startsWith('.lede-')) return 'a name the helper keeps for its own temporary files';
  return null;
}

export interface HelperStamp {
  lastModified: number;
  size: number;
}

export type HelperEntry = { name: string; kind: 'file'; lastModified: number; size: number } | { name: string; kind: 'directory' };

/** What the extension asks; `dir` is a sub-folder of the folder (one name), for images. */
export type HelperRequest =
  | { op: 'hello' }
  | { op: 'list'; folder: string; dir?: string; token?: string }
  | { op: 'stat'; folder: string; dir?: string; names: string[] }
  | { op: 'read'; folder: string; dir?: string; name: string; offset: number }
  /** `expect` (with the last chunk): the file must be so, or absent or empty (`free`), just before it is replaced. */
  | { op: 'write'; folder: string; dir?: string; name: string; data: string; upload?: string; last: boolean; expect?: HelperStamp | 'free' }
  | { op: 'abort'; upload: string }
  | { op: 'remove'; folder: string; dir?: string; name: string }
  | { op: 'move'; folder: string; dir?: string; from: string; to: string }
  | { op: 'mkdir'; folder: string; name: string }
  | { op: 'watch'; folder: string; on: boolean };

export interface HelperFolderInfo {
  id: string;
  /** The folder's own name, and where it is (shown to the person, never sent back). */
  name: string;
  path: string;
}

export interface HelperResults {
  hello: { protocol: number; version: string; folders: HelperFolderInfo[] };
  list: { entries: HelperEntry[]; token: string | null };
  stat: { stats: Array<HelperEntry | null> };
  read: { data: string; lastModified: number; size: number; eof: boolean };
  /**
   * A chunk taken (`upload`, for the next), or the file in place: its stamp, and `ours` false when another write
   * landed right after (it is not Lede's text there now); `changed` when it was not as expected: nothing written.
   */
  write: { upload: string } | { lastModified: number; size: number; ours: boolean } | { changed: true };
  abort: Record<string, never>;
  remove: Record<string, never>;
  move: Record<string, never>;
  mkdir: Record<string, never>;
  watch: { generation: string | null };
}

/**
 * Why a request failed, in the File System Access API's terms where there is one, so the sync engine sorts it
 * as it sorts a picked folder's failures: NotFound (no such file), TypeMismatch (a folder, not a file), Gone (the
 * folder itself is gone), NoSpace, ReadOnly, Denied (the system refused access), Refused (a name or path the
 * helper will not touch), TooLarge, Exists, Changed (not the file the stamp says), Unknown (not in the config).
 */
export type HelperErrorCode =
  | 'NotFound' | 'TypeMismatch' | 'Gone' | 'NoSpace' | 'ReadOnly' | 'Denied' | 'Refused' | 'TooLarge'
  | 'Exists' | 'Changed' | 'UnknownFolder' | 'BadRequest' | 'Failed';

export type HelperResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number | null; ok: false; error: { code: HelperErrorCode; message: string } };

/** What the host says unasked: names changed in a watched folder, events lost, or the watch ended. */
export type HelperEvent =
  | { event: 'changed'; folder: string; generation: string; names: string[] }
  | { event: 'gap'; folder: string; generation: string }
  | { event: 'ended'; folder: string; generation: string; error: string };

export function isHelperEvent(value: unknown): value is HelperEvent {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (typeof v.folder !== 'string' || typeof v.generation !== 'string') return false;
  if (v.event === 'changed') return Array.isArray(v.names) && v.names.length <= 10_000 && v.names.every((n) => typeof n === 'string');
  return v.event === 'gap' || (v.event === 'ended' && typeof v.error === 'string');
}

export function isHelperResponse(value: unknown): value is HelperResponse {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return typeof v.id === 'number' && 'result' in v && typeof v.result === 'object' && v.result !== null;
  if (v.ok !== false || !(typeof v.id === 'number' || v.id === null)) return false;
  const error = v.error as Record<string, unknown> | undefined;
  return Boolean(error) && typeof error!.code === 'string' && typeof error!.message === 'string';
}

/** Bytes to base64 and back, in chunks (no spread of a large array onto the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
