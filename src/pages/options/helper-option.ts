// "Sync through Lede's helper": asks for nativeMessaging, checks whether `lede host` answers, shows the exact
// command to set it up when it does not (this browser's name and Lede's id filled in), and starts helper sync.
import browser from 'webextension-polyfill';
import { send } from '../../shared/send.js';
import type { HelperState, SyncStatus } from '../../shared/sync-status.js';
import { byId, h, replaceChildren } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';
import { HELPER_IDS } from './helper-ids.js';

const NATIVE = { permissions: ['nativeMessaging'] as browser.Manifest.OptionalPermission[] };
/** What the folder field starts with: a folder in the home, as the person would type it in a terminal. */
const DEFAULT_DIR = '~/Lede';


type Browser = 'firefox' | 'chrome' | 'chromium';

function whichBrowser(): Browser {
  if (location.protocol === 'moz-extension:') return 'firefox';
  const brands = (navigator as { userAgentData?: { brands?: Array<{ brand: string }> } }).userAgentData?.brands ?? [];
  return brands.some((b) => b.brand === 'Google Chrome') ? 'chrome' : 'chromium';
}

/** A folder path as a shell word: `~/` left for the shell to expand, anything unusual quoted. */
function shellWord(path: string): string {
  if (/^[\w@%+=:,./~-]+$/.test(path)) return path;
  const home = path.startsWith('~/') ? '~/' : '';
  return `${home}'${path.slice(home.length).replace(/'/g, `'\\''`)}'`;
}

/** The command that installs the helper for this browser: Chrome and Chromium name Lede by its id. */
export function setupCommand(which: Browser, extensionId: string, dir: string): string {
  const id = which === 'firefox' ? '' : ` --extension-id ${extensionId}`;
  return `lede host install --browser ${which}${id} --folder ${shellWord(dir.trim() || DEFAULT_DIR)}`;
}

export function setUpHelperOption(status: HTMLElement, refresh: () => Promise<SyncStatus | null>): {
  showMode(current: SyncStatus): void;
} {
  const use = byId<HTMLButtonElement>(HELPER_IDS.use);
  const setup = byId(HELPER_IDS.setup);
  const missing = byId(HELPER_IDS.missing);
  const dir = byId<HTMLInputElement>(HELPER_IDS.dir);
  const command = byId(HELPER_IDS.command);
  const again = byId<HTMLButtonElement>(HELPER_IDS.again);
  const ready = byId(HELPER_IDS.ready);
  const folder = byId<HTMLSelectElement>(HELPER_IDS.folder);
  const start = byId<HTMLButtonElement>(HELPER_IDS.start);
  const mode = byId(HELPER_IDS.mode);
  const which = whichBrowser();
  dir.value = DEFAULT_DIR;
  /** The helper was found not running while helper sync is on: the command is shown once, until it answers. */
  let shownDown = false;

  const showCommand = (): void => {
    command.textContent = setupCommand(which, browser.runtime?.id ?? '', dir.value);
  };
  dir.addEventListener('input', showCommand);
  showCommand();

  /** Asks the background whether the helper answers, and shows its folders or the command to run. */
  async function check(): Promise<HelperState> {
    const state = await send('sync/helper', {});
    const folders = state.running ? state.folders : [];
    setup.hidden = folders.length > 0;
    ready.hidden = folders.length === 0;
    missing.textContent = folders.length ? '' : state.running ? t('optionsSyncHelperNoFolder') : t('optionsSyncHelperMissing', state.error.replace(/ Set it up with: .*$/, ''));
    replaceChildren(folder, folders.map((f) => h('option', { value: f.id }, `${f.name} (${f.path})`)));
    showCommand();
    return state;
  }

  use.addEventListener('click', () => {
    // Firefox grants a permission only inside the click: the request comes before any await.
    // A build that lists the permission as required (the test build) cannot request it: it has it.
    browser.permissions.request(NATIVE).catch(() => browser.permissions.contains(NATIVE)).then(async (granted) => {
      if (!granted) {
        showStatus(status, t('optionsSyncHelperDeclined'), 'error');
        return;
      }
      await check();
    }).catch((error: unknown) => showStatus(status, t('optionsSyncPickFailed', errorText(error)), 'error'));
  });
  again.addEventListener('click', () => void check().catch((error: unknown) => showStatus(status, t('optionsSyncPickFailed', errorText(error)), 'error')));
  start.addEventListener('click', () => {
    const id = folder.value;
    if (!id) return;
    void (async () => {
      try {
        await send('sync/choose', { mode: 'helper', folder: id });
        showStatus(status, t('optionsSyncStarted', folder.selectedOptions[0]?.textContent ?? id), 'ok');
        await refresh();
      } catch (error) {
        showStatus(status, t('optionsSyncPickFailed', errorText(error)), 'error');
      }
    })();
  });

  return {
    /** Which mode is on and what it can do, said plainly; a helper that stopped answering shows its command. */
    showMode(current) {
      const down = current.mode === 'helper' && current.state === 'error' && /helper is not running/.test(current.error ?? '');
      if (down && !shownDown) void check().catch(() => undefined);
      shownDown = down;
      mode.textContent = current.mode === 'off' ? t('optionsSyncModeOff')
        : current.mode === 'folder' ? t('optionsSyncModeFolder')
          : current.mode === 'downloads' ? t('optionsSyncModeDownloads', current.folder)
            : down ? t('optionsSyncModeHelperDown', current.folder, command.textContent ?? '') : t('optionsSyncModeHelper', current.folder);
      mode.dataset.mode = current.mode;
    },
  };
}
