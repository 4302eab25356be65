// The JSON backup of the whole library: records as the format's text, their library metadata, the
// settings, and a version. Never any key: only the settings this version knows are written.

export const BACKUP_FORMAT = 'lede-backup';
export const BACKUP_VERSION = 1;

export interface BackupRecord {
  /** The record file's text: exactly what an export writes. */
  text: string;
  savedAt: string;
  updatedAt: string;
  fileName?: string;
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  settings: Record<string, unknown>;
  records: BackupRecord[];
}

/** Setting names that could hold a secret are never written, whatever a later version adds. */
const SECRET = /key|secret|pass|token|cipher|private/i;

/** The settings as a backup holds them: the listed names only, never one that sounds like a secret. */
export function backupSettings(settings: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of known) {
    if (!SECRET.test(name) && Object.hasOwn(settings, name)) out[name] = settings[name];
  }
  return out;
}

/** One setting a backup would change: its name, the value now, and the backup's. */
export interface SettingChange {
  name: string;
  now: unknown;
  backup: unknown;
}

/** What restoring the backup's settings would change (known names only, never a secret-like one), for the person to accept. */
export function settingsChanges(current: Record<string, unknown>, fromBackup: Record<string, unknown>, known: readonly string[]): SettingChange[] {
  const wanted = backupSettings(fromBackup, known);
  return Object.keys(wanted)
    .filter((name) => JSON.stringify(wanted[name]) !== JSON.stringify(current[name]))
    .map((name) => ({ name, now: current[name], backup: wanted[name] }));
}

/** The opening of a backup's JSON; records follow one by one (see `backupRecordJson`), then `BACKUP_END`. */
export function backupHead(exportedAt: string, settings: Record<string, unknown>): string {
  return `{"format":"${BACKUP_FORMAT}","version":${BACKUP_VERSION},"exportedAt":${JSON.stringify(exportedAt)},` +
    `"settings":${JSON.stringify(settings)},"records":[\n`;
}

export function backupRecordJson(record: BackupRecord, first: boolean): string {
  return `${first ? '' : ',\n'}${JSON.stringify(record)}`;
}

export const BACKUP_END = '\n]}\n';

const isString = (value: unknown): value is string => typeof value === 'string';
const isIso = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

/**
 * Reads a backup's text. Throws an Error with a clear message when it is not a backup, or one from a
 * newer version (nothing is then changed). Records that fail their checks are reported per row by the
 * import, like files; here only the backup's own shape is checked.
 */
export function readBackup(text: string): Backup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`is not a Lede backup: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const backup = data as Partial<Backup> | null;
  if (!backup || typeof backup !== 'object' || backup.format !== BACKUP_FORMAT) {
    throw new Error(`is not a Lede backup: no "format": "${BACKUP_FORMAT}"`);
  }
  if (typeof backup.version !== 'number' || !Number.isInteger(backup.version) || backup.version < 1) {
    throw new Error('is a Lede backup without a valid version');
  }
  if (backup.version > BACKUP_VERSION) {
    throw new Error(`was made by a newer Lede (backup version ${backup.version}); this Lede reads version ${BACKUP_VERSION}. Nothing was imported`);
  }
  if (!Array.isArray(backup.records)) throw new Error('is a Lede backup without a list of records');
  const records: BackupRecord[] = backup.records.map((row: unknown, i: number) => {
    const r = row as Partial<BackupRecord> | null;
    if (!r || !isString(r.text) || !isIso(r.savedAt) || !isIso(r.updatedAt)) {
      throw new Error(`is a damaged Lede backup: record ${i + 1} lacks its text or times. Nothing was imported`);
    }
    const out: BackupRecord = { text: r.text, savedAt: r.savedAt, updatedAt: r.updatedAt };
    if (isString(r.fileName)) out.fileName = r.fileName;
    return out;
  });
  const settings = backup.settings && typeof backup.settings === 'object' && !Array.isArray(backup.settings)
    ? backup.settings as Record<string, unknown> : {};
  return { format: BACKUP_FORMAT, version: backup.version, exportedAt: isString(backup.exportedAt) ? backup.exportedAt : '', settings, records };
}

