// Import on the library page: .md files, zips (read in a worker), backups; sent to the background in
// slices bounded by count and by bytes; the report; a backup's settings offered, applied only when asked;
// and, when the background stops mid-import, which files were stored and which were not.
import { RECORD_FILE_MAX_BYTES, sizeMessage } from '../../record/rules.js';
import type { ImportEntry, ImportFile } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import { defaultSettings } from '../../shared/settings.js';
import { readBackup, settingsChanges, type SettingChange } from '../../transfer/backup.js';
import { decodeRecordBytes, readRecordFile, recordDigest } from '../../transfer/read-file.js';
import { ZIP_LIMITS } from '../../transfer/zip-read.js';
import { byId, h, replaceChildren } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';
import { isInterruption, plainFailure } from './failures.js';
import { isCancelled, showProgress, status, task } from './transfer-task.js';
import { readZipInWorker } from './zip-reader.js';

/** A backup is read whole (JSON): past this it is refused unread, as a zip past its total cap is. */
const BACKUP_MAX_BYTES = ZIP_LIMITS.totalBytes;

/** Files per import message, and text per message: far below the browsers' 64 MiB, whatever the records hold. */
const SLICE_FILES = 200;
const SLICE_CHARS = 16 * 1024 * 1024;

const report = byId('import-report');
const summary = byId('import-summary');
const reportList = byId('import-list');

interface Gathered {
  files: ImportFile[];
  entries: ImportEntry[];
  settings: Record<string, unknown> | null;
}

/** Reads what was picked or dropped into files for the background, and what is refused outright. */
async function gather(picked: File[]): Promise<Gathered> {
  const out: Gathered = { files: [], entries: [], settings: null };
  const reject = (file: string, reason: string) => out.entries.push({ file, action: 'rejected', reason });
  for (const file of picked) {
    const lower = file.name.toLowerCase();
    try {
      if (lower.endsWith('.zip')) {
        const read = await readZipInWorker(file, (done, size) => showProgress(t('transferReadingZip', file.name),
          Math.round(done / 1024 / 1024), Math.round(size / 1024 / 1024)), isCancelled);
        out.files.push(...read.files);
        out.entries.push(...read.rejected);
      } else if (lower.endsWith('.json')) {
        if (file.size > BACKUP_MAX_BYTES) {
          reject(file.name, t('importBackupTooLarge', Math.round(file.size / 1024 / 1024), BACKUP_MAX_BYTES / 1024 / 1024));
          continue;
        }
        const backup = readBackup(await file.text());
        backup.records.forEach((row, i) => out.files.push({
          name: `${file.name} #${i + 1}${row.fileName ? ` (${row.fileName})` : ''}`, text: row.text,
          changedAt: row.updatedAt, savedAt: row.savedAt, ...(row.fileName ? { fileName: row.fileName } : {}),
        }));
        out.settings = backup.settings;
      } else if (lower.endsWith('.md') || lower.endsWith('.markdown')) {
        // Refused unread: a file past the size contract is never held, nor sent to the background.
        if (file.size > RECORD_FILE_MAX_BYTES) {
          reject(file.name, `${file.name}:1: ${sizeMessage(`the file is ${(file.size / 1024 / 1024).toFixed(1)} MB`)}`);
          continue;
        }
        const text = decodeRecordBytes(new Uint8Array(await file.arrayBuffer()));
        if (text === null) reject(file.name, `${file.name}:1: is not UTF-8 text`);
        else out.files.push({ name: file.name, text, changedAt: new Date(file.lastModified).toISOString(), fileName: file.name });
      } else {
        reject(file.name, t('importNotRecord'));
      }
    } catch (error) {
      reject(file.name, `${file.name}: ${plainFailure(error)}`);
    }
  }
  return out;
}

/** Consecutive slices of at most SLICE_FILES files and SLICE_CHARS of text (a larger file goes alone). */
export function slices(files: ImportFile[], maxFiles = SLICE_FILES, maxChars = SLICE_CHARS): ImportFile[][] {
  const out: ImportFile[][] = [];
  let current: ImportFile[] = [];
  let chars = 0;
  for (const file of files) {
    if (current.length && (current.length >= maxFiles || chars + file.text.length > maxChars)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(file);
    chars += file.text.length;
  }
  if (current.length) out.push(current);
  return out;
}

/** After the background stopped: which of these files the library now holds as they are, asked by digest. */
async function whatLanded(files: ImportFile[]): Promise<ImportEntry[]> {
  const asked: Array<{ file: ImportFile; id: string; digest: string } | { file: ImportFile; reason: string }> = files.map((file) => {
    const read = readRecordFile(file.name, file.text);
    return read.ok ? { file, id: read.key, digest: recordDigest(read.record) } : { file, reason: read.problems[0]?.message ?? 'not a record' };
  });
  const items = asked.flatMap((a) => ('id' in a ? [{ id: a.id, digest: a.digest }] : []));
  const { landed } = items.length ? await send('library/landed', { items }) : { landed: [] };
  const held = new Set(landed);
  return asked.map((a) => ('id' in a && held.has(a.id)
    ? { file: a.file.name, action: 'imported' as const, reason: t('importLanded') }
    : { file: a.file.name, action: 'rejected' as const, reason: 'reason' in a ? a.reason : t('importNotLanded') }));
}

function renderSettings(changes: SettingChange[]): HTMLElement | null {
  if (!changes.length) return null;
  const shown = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));
  const apply = h('button', { type: 'button', id: 'import-settings-apply' }, t('importSettingsApply'));
  const section = h('div', { id: 'import-settings', class: 'import-settings' },
    h('p', null, t('importSettingsOffered')),
    h('ul', null, changes.map((change) => h('li', { 'data-setting': change.name },
      h('strong', null, `${change.name}: `), h('code', null, shown(change.now)), ' → ', h('code', null, shown(change.backup))))),
    apply);
  apply.addEventListener('click', () => {
    apply.setAttribute('aria-disabled', 'true');
    const wanted = Object.fromEntries(changes.map((change) => [change.name, change.backup]));
    void send('settings/set', { settings: wanted }).then(
      () => replaceChildren(section, h('p', { role: 'status' }, t('importSettingsRestored'))),
      (error: unknown) => replaceChildren(section, h('p', { role: 'alert' }, t('importSettingsRefused', plainFailure(error)))));
  });
  return section;
}

function renderReport(entries: ImportEntry[], note: string | null, settings: HTMLElement | null): void {
  const counts = { imported: 0, updated: 0, unchanged: 0, kept: 0, rejected: 0 };
  for (const entry of entries) counts[entry.action]++;
  summary.textContent = t('importSummary', counts.imported, counts.updated, counts.unchanged, counts.kept, counts.rejected) +
    (note ? ` ${note}` : '');
  // Every line but the plain successes: what was refused or kept, and why.
  const shown = entries.filter((entry) => entry.action === 'rejected' || entry.action === 'kept' || entry.warnings?.length);
  replaceChildren(reportList, shown.map((entry) => h('li', { 'data-action': entry.action },
    h('strong', null, `${t(`importAction_${entry.action}`)}: `), entry.file,
    h('ul', null, [...(entry.problems ?? [entry.reason]), ...(entry.warnings ?? [])].map((line) => h('li', null, h('code', null, line)))))));
  document.getElementById('import-settings')?.remove();
  if (settings) reportList.after(settings);
  report.hidden = false;
  byId<HTMLElement>('import-report-close').focus();
  showStatus(status, summary.textContent, counts.rejected ? 'error' : 'ok');
}

/** Sends the slices, one ahead; returns a note when it stopped early (cancelled, or the background stopped). */
async function sendSlices(parts: ImportFile[][], entries: ImportEntry[], total: number): Promise<string | null> {
  // One slice is sent ahead, so the background reads the next files while the last slice's
  // transaction commits; answers are taken in order, and a cancel sends nothing more.
  let ahead: Promise<{ entries: ImportEntry[] }> | null = null;
  let answered = 0;
  let stopped = false;
  for (let i = 0; (i < parts.length && !stopped) || ahead; i++) {
    if (i < parts.length && isCancelled()) stopped = true;
    const next = i < parts.length && !stopped ? send('library/import', { files: parts[i]! }) : null;
    next?.catch(() => undefined); // awaited in the next turn; this only keeps an earlier failure from leaving it unhandled
    if (ahead) {
      try {
        entries.push(...(await ahead).entries);
      } catch (error) {
        if (!isInterruption(error)) throw error;
        // The answer is lost, not the work: ask the library which of the unanswered files it holds.
        entries.push(...await whatLanded(parts.slice(answered).flat()));
        return t('importInterrupted', plainFailure(error));
      }
      answered++;
      showProgress(t('transferImporting'), parts.slice(0, answered).flat().length, total);
    }
    ahead = next;
  }
  return stopped ? t('importStopped') : null;
}

export async function importPicked(picked: File[], afterImport: () => void): Promise<void> {
  if (picked.length === 0) return;
  await task(t('transferImporting'), async () => {
    const gathered = await gather(picked);
    const entries = [...gathered.entries];
    const note = await sendSlices(slices(gathered.files), entries, gathered.files.length);
    let settings: HTMLElement | null = null;
    if (gathered.settings && !note) {
      try {
        settings = renderSettings(settingsChanges(await send('settings/get', {}), gathered.settings, Object.keys(defaultSettings)));
      } catch (error) {
        settings = h('p', { id: 'import-settings' }, t('importSettingsRefused', errorText(error)));
      }
    }
    renderReport(entries, note, settings);
    afterImport();
  });
}
