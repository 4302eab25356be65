// The library page's way in and out: a .zip of every record, a JSON backup, and import of .md, .zip and
// backups (picker or drop) with a report. The rules live in src/transfer; the background applies them.
//
// Stable hooks for tests: #export-zip, #export-backup, #import-files (input type=file), #transfer
// (#transfer-progress, #transfer-text, #transfer-cancel), #import-report (#import-summary, #import-list
// with li[data-action]), #import-report-close.
import type { ImportEntry, ImportFile } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import { defaultSettings } from '../../shared/settings.js';
import { BACKUP_END, backupHead, backupRecordJson, backupSettings, readBackup } from '../../transfer/backup.js';
import { decodeRecordBytes } from '../../transfer/read-file.js';
import { readZip } from '../../transfer/zip-read.js';
import { createZipWriter } from '../../transfer/zip-write.js';
import { byId, h, replaceChildren } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';
import { downloadBlob } from './download.js';

/** Records asked of the background per message, and files sent per import message. */
const SLICE = 200;

const panel = byId('transfer');
const progress = byId<HTMLProgressElement>('transfer-progress');
const progressText = byId('transfer-text');
const cancelButton = byId<HTMLButtonElement>('transfer-cancel');
const report = byId('import-report');
const summary = byId('import-summary');
const reportList = byId('import-list');
const status = byId('status');

let cancelled = false;
let busy = false;

function showProgress(label: string, done: number, total: number): void {
  panel.hidden = false;
  progress.max = Math.max(total, 1);
  progress.value = done;
  progressText.textContent = t('transferProgress', label, done, total);
}

async function task(label: string, work: () => Promise<void>): Promise<void> {
  if (busy) return;
  busy = true;
  cancelled = false;
  showProgress(label, 0, 0);
  cancelButton.focus();
  try {
    await work();
  } catch (error) {
    showStatus(status, t('transferFailed', errorText(error)), 'error');
  } finally {
    busy = false;
    panel.hidden = true;
  }
}

/** Walks the library a slice at a time; false when cancelled. */
async function eachSlice(label: string, take: (files: Awaited<ReturnType<typeof slice>>['files']) => void): Promise<boolean> {
  const exportId = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  for (let offset = 0, total = 1; offset < total;) {
    if (cancelled) return false;
    const part = await slice(exportId, offset);
    total = part.total;
    take(part.files);
    offset += part.files.length;
    showProgress(label, offset, total);
    if (part.files.length === 0) break;
  }
  return !cancelled;
}

function slice(exportId: string, offset: number) {
  return send('library/files', { exportId, offset, limit: SLICE });
}

const today = () => new Date().toISOString().slice(0, 10);

async function exportZip(): Promise<void> {
  await task(t('transferExporting'), async () => {
    // Compressed chunks go straight into the Blob's parts: the library is never held twice as text.
    const parts: Uint8Array[] = [];
    const writer = createZipWriter((chunk) => parts.push(chunk));
    let count = 0;
    const done = await eachSlice(t('transferExporting'), (files) => {
      for (const file of files) writer.add(file.name, file.text, new Date(file.updatedAt));
      count += files.length;
    });
    if (!done) {
      showStatus(status, t('transferCancelled'), 'info');
      return;
    }
    writer.finish();
    const name = `lede-library-${today()}.zip`;
    downloadBlob(name, new Blob(parts as BlobPart[], { type: 'application/zip' }));
    showStatus(status, t('transferExported', count, name), 'ok');
  });
}

async function exportBackup(): Promise<void> {
  await task(t('transferBackingUp'), async () => {
    const settings = await send('settings/get', {});
    const parts: string[] = [backupHead(new Date().toISOString(), backupSettings(settings, Object.keys(defaultSettings)))];
    let count = 0;
    const done = await eachSlice(t('transferBackingUp'), (files) => {
      for (const file of files) {
        parts.push(backupRecordJson({ text: file.text, savedAt: file.savedAt, updatedAt: file.updatedAt, fileName: file.name }, count === 0));
        count++;
      }
    });
    if (!done) {
      showStatus(status, t('transferCancelled'), 'info');
      return;
    }
    parts.push(BACKUP_END);
    const name = `lede-backup-${today()}.json`;
    downloadBlob(name, new Blob(parts, { type: 'application/json' }));
    showStatus(status, t('transferExported', count, name), 'ok');
  });
}

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
        const contents = readZip(new Uint8Array(await file.arrayBuffer()));
        for (const skipped of contents.skipped) reject(`${file.name}/${skipped.name}`, skipped.reason);
        for (const entry of contents.records) {
          const name = `${file.name}/${entry.name}`;
          const text = decodeRecordBytes(entry.bytes);
          if (text === null) reject(name, `${name}:1: is not UTF-8 text`);
          else out.files.push({ name, text, fileName: entry.name.split('/').pop()! });
        }
      } else if (lower.endsWith('.json')) {
        const backup = readBackup(await file.text());
        backup.records.forEach((row, i) => out.files.push({
          name: `${file.name} #${i + 1}${row.fileName ? ` (${row.fileName})` : ''}`, text: row.text,
          changedAt: row.updatedAt, savedAt: row.savedAt, ...(row.fileName ? { fileName: row.fileName } : {}),
        }));
        out.settings = backup.settings;
      } else if (lower.endsWith('.md') || lower.endsWith('.markdown')) {
        const text = decodeRecordBytes(new Uint8Array(await file.arrayBuffer()));
        if (text === null) reject(file.name, `${file.name}:1: is not UTF-8 text`);
        else out.files.push({ name: file.name, text, changedAt: new Date(file.lastModified).toISOString(), fileName: file.name });
      } else {
        reject(file.name, t('importNotRecord'));
      }
    } catch (error) {
      reject(file.name, `${file.name}: ${errorText(error)}`);
    }
  }
  return out;
}

function renderReport(entries: ImportEntry[], stoppedEarly: boolean, settingsNote: string | null): void {
  const counts = { imported: 0, updated: 0, unchanged: 0, kept: 0, rejected: 0 };
  for (const entry of entries) counts[entry.action]++;
  summary.textContent = t('importSummary', counts.imported, counts.updated, counts.unchanged, counts.kept, counts.rejected) +
    (stoppedEarly ? ` ${t('importStopped')}` : '') + (settingsNote ? ` ${settingsNote}` : '');
  // Every line but the plain successes: what was refused or kept, and why.
  const shown = entries.filter((entry) => entry.action === 'rejected' || entry.action === 'kept' || entry.warnings?.length);
  replaceChildren(reportList, shown.map((entry) => h('li', { 'data-action': entry.action },
    h('strong', null, `${t(`importAction_${entry.action}`)}: `), entry.file,
    h('ul', null, [...(entry.problems ?? [entry.reason]), ...(entry.warnings ?? [])].map((line) => h('li', null, h('code', null, line)))))));
  report.hidden = false;
  byId<HTMLElement>('import-report-close').focus();
  showStatus(status, summary.textContent, counts.rejected ? 'error' : 'ok');
}

async function importPicked(picked: File[], afterImport: () => void): Promise<void> {
  if (picked.length === 0) return;
  await task(t('transferImporting'), async () => {
    const gathered = await gather(picked);
    const entries = [...gathered.entries];
    let stoppedEarly = false;
    // One slice is sent ahead, so the background reads the next files while the last slice's
    // transaction commits; answers are taken in order, and a cancel sends nothing more.
    let ahead: Promise<{ entries: ImportEntry[] }> | null = null;
    for (let i = 0; (i < gathered.files.length && !stoppedEarly) || ahead; i += SLICE) {
      if (i < gathered.files.length && cancelled) stoppedEarly = true;
      const next = i < gathered.files.length && !stoppedEarly ? send('library/import', { files: gathered.files.slice(i, i + SLICE) }) : null;
      next?.catch(() => undefined); // awaited in the next turn; this only keeps an earlier failure from leaving it unhandled
      if (ahead) {
        entries.push(...(await ahead).entries);
        showProgress(t('transferImporting'), Math.min(i, gathered.files.length), gathered.files.length);
      }
      ahead = next;
    }
    let settingsNote: string | null = null;
    if (gathered.settings && !stoppedEarly) {
      const known = backupSettings(gathered.settings, Object.keys(defaultSettings));
      settingsNote = await send('settings/set', { settings: known }).then(() => t('importSettingsRestored'),
        (error: unknown) => t('importSettingsRefused', errorText(error)));
    }
    renderReport(entries, stoppedEarly, settingsNote);
    afterImport();
  });
}

/** Wires the buttons, the file picker and dropping files anywhere on the page. */
export function setUpTransfer(afterImport: () => void): void {
  byId('export-zip').addEventListener('click', () => void exportZip());
  byId('export-backup').addEventListener('click', () => void exportBackup());
  const input = byId<HTMLInputElement>('import-files');
  input.addEventListener('change', () => {
    const picked = [...(input.files ?? [])];
    input.value = '';
    void importPicked(picked, afterImport);
  });
  cancelButton.addEventListener('click', () => { cancelled = true; });
  byId('import-report-close').addEventListener('click', () => { report.hidden = true; });
  document.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) {
      event.preventDefault();
      document.body.classList.add('dropping');
    }
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) document.body.classList.remove('dropping');
  });
  document.addEventListener('drop', (event) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    document.body.classList.remove('dropping');
    void importPicked([...event.dataTransfer.files], afterImport);
  });
}
