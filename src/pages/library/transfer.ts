// The library page's way in and out: a .zip of every record and a JSON backup, and the wiring of import
// (picker or drop; import.ts). The rules live in src/transfer; the background applies them.
//
// Stable hooks for tests: #export-zip, #export-backup, #import-files (input type=file), #transfer
// (#transfer-progress, #transfer-text, #transfer-cancel), #import-report (#import-summary, #import-list
// with li[data-action]), #import-report-close.
import { send } from '../../shared/send.js';
import { defaultSettings } from '../../shared/settings.js';
import { BACKUP_END, backupHead, backupRecordJson, backupSettings } from '../../transfer/backup.js';
import { createZipWriter } from '../../transfer/zip-write.js';
import { byId } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { showStatus } from '../../ui/status.js';
import { downloadBlob } from './download.js';
import { importPicked } from './import.js';
import { isCancelled, showProgress, status, task } from './transfer-task.js';

/** Records asked of the background per message (the background also cuts a slice by bytes). */
const SLICE = 200;

const report = byId('import-report');

/** Walks the library a slice at a time; false when cancelled. */
async function eachSlice(label: string, take: (files: Awaited<ReturnType<typeof slice>>['files']) => void): Promise<boolean> {
  const exportId = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  for (let offset = 0, total = 1; offset < total;) {
    if (isCancelled()) return false;
    const part = await slice(exportId, offset);
    total = part.total;
    take(part.files);
    offset += part.files.length;
    showProgress(label, offset, total);
    if (part.files.length === 0) break;
  }
  return !isCancelled();
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
