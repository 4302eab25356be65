// The options page's key for private notes: create, show a backup string until it is kept, import one, change the key with progress.
//
// The backup string reaches this page only in the answer to create/change/rederive, lives in one readonly
// textarea until "I have kept it" or "Remind me later" (or the page closes), and is never stored by the page.
// A first key made here encrypts nothing until then (key/confirm). While a change runs, import and another
// change are refused by the background, and the page says why before anyone tries.
import type { MadeKey, PrivateStatus } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import { byId } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';
import { keyRingList } from './key-ring-list.js';

/** Ids the tests drive; the page's HTML holds them. */
export const KEY_IDS = {
  state: 'key-state', create: 'key-create', change: 'key-change', changeConfirm: 'key-change-confirm', usePassphrase: 'key-use-passphrase',
  passphrase: 'key-passphrase', passphraseAgain: 'key-passphrase-again', backup: 'key-backup',
  backupDone: 'key-backup-done', backupLater: 'key-backup-later', importText: 'key-import', importPassphrase: 'key-import-passphrase',
  importButton: 'key-import-button', progress: 'key-progress', resume: 'key-resume', status: 'key-status', busy: 'key-busy',
  reminder: 'key-reminder', reminderKept: 'key-reminder-kept', rederivePassphrase: 'key-rederive-passphrase', rederive: 'key-rederive', ring: 'key-ring',
} as const;

const POLL_MS = 400;

export async function setUpPrivateKey(): Promise<void> {
  const section = byId('key-section');
  const state = byId(KEY_IDS.state);
  const status = byId(KEY_IDS.status);
  const createButton = byId<HTMLButtonElement>(KEY_IDS.create);
  const changeButton = byId<HTMLButtonElement>(KEY_IDS.change);
  const importButton = byId<HTMLButtonElement>(KEY_IDS.importButton);
  const usePassphrase = byId<HTMLInputElement>(KEY_IDS.usePassphrase);
  const passphrase = byId<HTMLInputElement>(KEY_IDS.passphrase);
  const again = byId<HTMLInputElement>(KEY_IDS.passphraseAgain);
  const backupBox = byId('key-backup-box');
  const backup = byId<HTMLTextAreaElement>(KEY_IDS.backup);
  const progressRow = byId('key-progress-row');
  const progress = byId<HTMLProgressElement>(KEY_IDS.progress);
  const progressText = byId('key-progress-text');
  const resume = byId<HTMLButtonElement>(KEY_IDS.resume);
  const ring = keyRingList(status, async () => { await refresh(); });
  let polling = false;
  /** The key whose backup the box shows, confirmed by "I have kept it". */
  let shownKey: string | null = null;
  /** The current key, for the reminder's "I have kept its backup". */
  let currentKey: string | null = null;

  const show = (current: PrivateStatus): void => {
    state.textContent = current.key === 'none' ? t('optionsKeyNone')
      : t(current.key === 'passphrase' ? 'optionsKeyPassphraseInUse' : 'optionsKeyInUse', new Date(current.createdAt ?? 0).toLocaleDateString());
    createButton.hidden = current.key !== 'none';
    changeButton.hidden = current.key === 'none';
    const change = current.change;
    progressRow.hidden = !change;
    section.dataset.change = change ? (change.running ? 'running' : 'stopped') : 'none';
    section.dataset.key = current.key;
    if (change) {
      progress.max = Math.max(change.total, 1);
      progress.value = change.done;
      progressText.textContent = t('optionsKeyProgress', change.done, change.total)
        + (change.locked ? ` ${t('optionsKeyProgressLocked', change.locked)}` : '');
      resume.hidden = change.running;
    }
    // Refused by the background too: the page says so before anyone tries.
    changeButton.disabled = importButton.disabled = Boolean(change);
    byId(KEY_IDS.busy).hidden = !change;
    currentKey = current.keys.find((key) => key.role === 'current')?.id ?? null;
    byId(KEY_IDS.reminder).hidden = !current.reminder;
    byId('key-reminder-generated').hidden = current.key !== 'key';
    byId('key-rederive-box').hidden = !current.keys.some((key) => key.kind === 'passphrase');
  };

  const refresh = async (): Promise<PrivateStatus> => {
    const current = await send('key/status', {});
    show(current);
    if (!current.change?.running) await ring.refresh().catch((error: unknown) => showStatus(status, errorText(error), 'error'));
    return current;
  };

  // While a change runs the page asks for its progress; the change itself goes on in the background.
  const follow = async (changing: boolean): Promise<void> => {
    if (polling) return;
    polling = true;
    let seen = changing;
    try {
      for (;;) {
        const current = await refresh();
        if (!current.change?.running && current.change) break;
        if (!current.change) {
          // A first key has no change to finish: its own message stays.
          if (seen) showStatus(status, t('optionsKeyChangeDone'), 'ok');
          break;
        }
        seen = true;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } finally {
      polling = false;
    }
  };

  const chosenPassphrase = (): string | null | undefined => {
    if (!usePassphrase.checked) return undefined;
    if (passphrase.value !== again.value) {
      showStatus(status, t('optionsKeyPassphraseDiffer'), 'error');
      again.focus();
      return null;
    }
    return passphrase.value;
  };

  const revealBackup = (made: MadeKey, byPassphrase: boolean): void => {
    shownKey = made.id;
    backup.value = made.backup;
    byId('key-backup-help').textContent = t(byPassphrase ? 'optionsKeyBackupPassphraseHelp' : 'optionsKeyBackupHelp');
    backupBox.hidden = false;
    backup.focus();
    backup.select();
  };

  const hideBackup = async (kept: boolean): Promise<void> => {
    const id = shownKey;
    if (id) {
      const answer = await send('key/confirm', { id, kept });
      if (!answer.ok) return showStatus(status, answer.message, 'error');
    }
    shownKey = null;
    backup.value = '';
    backupBox.hidden = true;
    await refresh();
  };

  const run = async (type: 'key/create' | 'key/change'): Promise<void> => {
    const chosen = chosenPassphrase();
    if (chosen === null) return;
    showStatus(status, t('optionsKeyWorking'));
    try {
      const answer = await send(type, chosen === undefined ? {} : { passphrase: chosen });
      if (!answer.ok) {
        showStatus(status, answer.message, 'error');
        return;
      }
      passphrase.value = again.value = '';
      revealBackup(answer, chosen !== undefined);
      showStatus(status, t(type === 'key/create' ? 'optionsKeyCreated' : 'optionsKeyChanging'), 'ok');
      if (type === 'key/change') await follow(true);
    } catch (error) {
      showStatus(status, errorText(error), 'error');
    }
  };

  usePassphrase.addEventListener('change', () => { byId('key-passphrase-fields').hidden = !usePassphrase.checked; });
  createButton.addEventListener('click', () => void run('key/create'));
  // A key change is asked twice (a second button, not confirm(): it is part of the page, and readable).
  const confirmBox = byId('key-change-confirm-box');
  changeButton.addEventListener('click', () => {
    confirmBox.hidden = !confirmBox.hidden;
    changeButton.setAttribute('aria-expanded', String(!confirmBox.hidden));
  });
  byId(KEY_IDS.changeConfirm).addEventListener('click', () => {
    confirmBox.hidden = true;
    changeButton.setAttribute('aria-expanded', 'false');
    void run('key/change');
  });
  const done = (kept: boolean) => () => void hideBackup(kept).catch((error: unknown) => showStatus(status, errorText(error), 'error'));
  byId(KEY_IDS.backupDone).addEventListener('click', done(true));
  byId(KEY_IDS.backupLater).addEventListener('click', done(false));
  byId(KEY_IDS.reminderKept).addEventListener('click', () => {
    if (!currentKey) return;
    send('key/confirm', { id: currentKey, kept: true }).then(async (answer) => {
      if (!answer.ok) return showStatus(status, answer.message, 'error');
      await refresh();
    }, (error: unknown) => showStatus(status, errorText(error), 'error'));
  });
  byId('key-backup-copy').addEventListener('click', () => {
    navigator.clipboard.writeText(backup.value).then(() => showStatus(status, t('optionsKeyCopied'), 'ok'),
      () => { backup.select(); showStatus(status, t('optionsKeyCopyFailed'), 'error'); });
  });
  byId(KEY_IDS.rederive).addEventListener('click', () => {
    const phrase = byId<HTMLInputElement>(KEY_IDS.rederivePassphrase);
    showStatus(status, t('optionsKeyWorking'));
    send('key/rederive', { passphrase: phrase.value }).then((answer) => {
      if (!answer.ok) return showStatus(status, answer.message, 'error');
      phrase.value = '';
      showStatus(status, '');
      revealBackup(answer, true);
    }, (error: unknown) => showStatus(status, errorText(error), 'error'));
  });
  resume.addEventListener('click', () => {
    void send('key/resume', {}).then(show).then(() => follow(true), (error: unknown) => showStatus(status, errorText(error), 'error'));
  });
  importButton.addEventListener('click', () => {
    const text = byId<HTMLTextAreaElement>(KEY_IDS.importText);
    const phrase = byId<HTMLInputElement>(KEY_IDS.importPassphrase);
    showStatus(status, t('optionsKeyWorking'));
    send('key/import', phrase.value ? { backup: text.value, passphrase: phrase.value } : { backup: text.value })
      .then(async (answer) => {
        if (!answer.ok) {
          showStatus(status, answer.message, 'error');
          return;
        }
        text.value = phrase.value = '';
        showStatus(status, t(answer.changing ? 'optionsKeyChanging' : 'optionsKeyImported'), 'ok');
        await follow(answer.changing);
        await refresh();
      }, (error: unknown) => showStatus(status, errorText(error), 'error'));
  });

  try {
    const current = await refresh();
    if (current.change?.running) void follow(true);
    section.dataset.ready = 'true';
  } catch (error) {
    showStatus(status, errorText(error), 'error');
  }
}
