// "Sync to a folder": choose the folder (Chrome: the directory picker; Firefox: a folder under Downloads), stop, and the status.
import browser from 'webextension-polyfill';
import { send } from '../../shared/send.js';
import { storeFolder, type PermittedFolder } from '../../shared/sync-folder.js';
import { DEFAULT_DOWNLOADS_FOLDER, isDownloadsFolderName } from '../../shared/sync-status.js';
import { byId } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';
import { mountSyncPanel } from '../sync/panel.js';
import { setUpHelperOption } from './helper-option.js';

type Picker = (options: { id?: string; mode?: 'readwrite' }) => Promise<PermittedFolder>;

const DOWNLOADS = { permissions: ['downloads'] as browser.Manifest.OptionalPermission[] };
/** Related entries' images live on any site: fetching them needs host access, asked for when the option is turned on. */
const ANY_SITE = { origins: ['http://*/*', 'https://*/*'] };

/** As the background's validator takes them (sync/ignore). */
const MAX_PATTERNS = 200;
const MAX_PATTERN_LENGTH = 300;

/** The ignore rule as typed: one pattern per line. */
export function parsePatterns(text: string): string[] {
  return [...new Set(text.split('\n').map((p) => p.trim()).filter(Boolean))];
}

export function setUpSyncOption(): void {
  const choose = byId<HTMLButtonElement>('options-sync-choose');
  const chooseBlock = byId('options-sync-folder');
  const firefoxNote = byId('options-sync-firefox');
  const downloadsFolder = byId<HTMLInputElement>('options-sync-downloads-folder');
  const downloadsStart = byId<HTMLButtonElement>('options-sync-downloads');
  const stop = byId<HTMLButtonElement>('options-sync-stop');
  const status = byId('options-sync-status');
  const panel = mountSyncPanel(byId('sync-panel'));
  const picker = (): Picker | undefined => (globalThis as { showDirectoryPicker?: Picker }).showDirectoryPicker;

  // No directory picker (Firefox): say plainly what is possible instead.
  chooseBlock.hidden = !picker();
  firefoxNote.hidden = Boolean(picker());
  downloadsFolder.value = DEFAULT_DOWNLOADS_FOLDER;

  choose.addEventListener('click', () => {
    // Looked up at the click, as the browser has it then (browser tests hand it a folder of the private file system).
    const pick = picker();
    if (!pick) return;
    void (async () => {
      let folder: PermittedFolder;
      try {
        folder = await pick({ id: 'lede-sync', mode: 'readwrite' });
      } catch (error) {
        // Closing the picker is no error; anything else is most often a folder Chrome will not hand out.
        if ((error as Error).name !== 'AbortError') showStatus(status, t('optionsSyncPickFailed', errorText(error)), 'error');
        return;
      }
      try {
        // Asked explicitly right after picking: this is what lets Chrome offer "Allow on every visit" later.
        if (await folder.requestPermission({ mode: 'readwrite' }) !== 'granted') {
          showStatus(status, t('optionsSyncDenied'), 'error');
          return;
        }
        await storeFolder(folder);
        await send('sync/choose', { mode: 'folder', folder: folder.name });
        showStatus(status, t('optionsSyncStarted', folder.name), 'ok');
        await panel.refresh();
      } catch (error) {
        showStatus(status, t('optionsSyncPickFailed', errorText(error)), 'error');
      }
    })();
  });

  downloadsStart.addEventListener('click', () => {
    const folder = downloadsFolder.value.trim().replace(/^\/+|\/+$/g, '') || DEFAULT_DOWNLOADS_FOLDER;
    if (!isDownloadsFolderName(folder)) {
      downloadsFolder.setAttribute('aria-invalid', 'true');
      showStatus(status, t('optionsSyncBadFolder'), 'error');
      return;
    }
    downloadsFolder.removeAttribute('aria-invalid');
    // Firefox grants a permission only inside the click: the request comes before any await.
    browser.permissions.request(DOWNLOADS).then(async (granted) => {
      if (!granted) {
        showStatus(status, t('optionsSyncDownloadsDeclined'), 'error');
        return;
      }
      await send('sync/choose', { mode: 'downloads', folder });
      showStatus(status, t('optionsSyncStarted', folder), 'ok');
      await panel.refresh();
    }).catch((error: unknown) => showStatus(status, t('optionsSyncPickFailed', errorText(error)), 'error'));
  });

  stop.addEventListener('click', () => {
    void send('sync/stop', {}).then(async () => {
      showStatus(status, t('optionsSyncStopped'), 'ok');
      await panel.refresh();
    }, (error: unknown) => showStatus(status, t('optionsSyncPickFailed', errorText(error)), 'error'));
  });

  const images = byId<HTMLInputElement>('options-sync-images');
  images.addEventListener('change', () => {
    const on = images.checked;
    // Asked inside the click (Firefox grants nothing after an await); turning it off keeps the access.
    const asked = on ? browser.permissions.request(ANY_SITE) : Promise.resolve(true);
    asked.then(async (granted) => {
      if (!granted) {
        images.checked = false;
        showStatus(status, t('optionsSyncImagesDeclined'), 'error');
        return;
      }
      await send('sync/images', { on });
      showStatus(status, t(on ? 'optionsSyncImagesOn' : 'optionsSyncImagesOff'), 'ok');
    }).catch((error: unknown) => {
      images.checked = !on;
      showStatus(status, t('optionsSyncPickFailed', errorText(error)), 'error');
    });
  });

  const ignore = byId<HTMLTextAreaElement>('options-sync-ignore');
  const ignoreSave = byId<HTMLButtonElement>('options-sync-ignore-save');
  const leftAlone = byId('options-sync-left-alone');
  let ignoreShown = false;
  ignoreSave.addEventListener('click', () => {
    const patterns = parsePatterns(ignore.value);
    if (patterns.length > MAX_PATTERNS || patterns.some((p) => p.length > MAX_PATTERN_LENGTH)) {
      ignore.setAttribute('aria-invalid', 'true');
      showStatus(status, t('optionsSyncIgnoreBad'), 'error');
      return;
    }
    ignore.removeAttribute('aria-invalid');
    void send('sync/ignore', { patterns }).then(async () => {
      showStatus(status, t('optionsSyncIgnoreSaved', String(patterns.length)), 'ok');
      await panel.refresh();
    }, (error: unknown) => showStatus(status, t('optionsSyncPickFailed', errorText(error)), 'error'));
  });

  const helper = setUpHelperOption(status, () => panel.refresh());
  panel.onStatus((current) => {
    helper.showMode(current);
    // Filled once from the background; after that the person's typing is not replaced by a refresh.
    if (!ignoreShown && current.ignore) {
      ignore.value = current.ignore.join('\n');
      ignoreShown = true;
    }
    ignore.disabled = current.mode !== 'folder' && current.mode !== 'helper';
    ignoreSave.disabled = ignore.disabled;
    const count = current.leftAlone ?? 0;
    leftAlone.hidden = count === 0;
    leftAlone.textContent = count === 1 ? t('optionsSyncLeftAloneOne') : t('optionsSyncLeftAlone', String(count));
    images.checked = current.images;
    images.disabled = current.mode !== 'folder' && current.mode !== 'helper';
    stop.hidden = current.mode === 'off';
    if (current.mode === 'downloads') downloadsFolder.value = current.folder;
  });
  void panel.refresh();
}
