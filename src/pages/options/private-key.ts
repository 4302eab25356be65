// The options page's key for private notes: create, show the backup string once, import one, change the key with progress.
//
// The backup string reaches this page only in the answer to create/change, lives in one readonly
// textarea until "I have kept it" (or the page closes), and is never stored by the page.
import type { PrivateStatus } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import { byId } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';

/** Ids the tests drive; the page's HTML holds them. */
export const KEY_IDS = {
  state: 'key-state', create: 'key-create', change: 'key-change', changeConfirm: 'key-change-confirm', usePassphrase: 'key-use-passphrase',
  passphrase: 'key-passphrase', passphraseAgain: 'key-passphrase-again', backup: 'key-backup',
  backupDone: 'key-backup-done', importText: 'key-import', importPassphrase: 'key-import-passphrase',
  importButton: 'key-import-button', progress: 'key-progress', resume: 'key-resume', status: 'key-status',
} as const;

const POLL_MS = 400;

export async function setUpPrivateKey(): Promise<void> {
  const section = byId('key-section');
  const state = byId(KEY_IDS.state);
  const status = byId(KEY_IDS.status);
  const createButton = byId<HTMLButtonElement>(KEY_IDS.create);
  const changeButton = byId<HTMLButtonElement>(KEY_IDS.change);
  const usePassphrase = byId<HTMLInputElement>(KEY_IDS.usePassphrase);
  const passphrase = byId<HTMLInputElement>(KEY_IDS.passphrase);
  const again = byId<HTMLInputElement>(KEY_IDS.passphraseAgain);
  const backupBox = byId('key-backup-box');
  const backup = byId<HTMLTextAreaElement>(KEY_IDS.backup);
  const progressRow = byId('key-progress-row');
  const progress = byId<HTMLProgressElement>(KEY_IDS.progress);
  const progressText = byId('key-progress-text');
  const resume = byId<HTMLButtonElement>(KEY_IDS.resume);
  let polling = false;

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
    changeButton.disabled = Boolean(change);
  };

  const refresh = async (): Promise<PrivateStatus> => {
    const current = await send('key/status', {});
    show(current);
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

  const revealBackup = (text: string, byPassphrase: boolean): void => {
    backup.value = text;
    byId('key-backup-help').textContent = t(byPassphrase ? 'optionsKeyBackupPassphraseHelp' : 'optionsKeyBackupHelp');
    backupBox.hidden = false;
    backup.focus();
    backup.select();
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
      revealBackup(answer.backup, chosen !== undefined);
      showStatus(status, t(type === 'key/create' ? 'optionsKeyCreated' : 'optionsKeyChanging'), 'ok');
      await follow(type === 'key/change');
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
  byId(KEY_IDS.backupDone).addEventListener('click', () => {
    backup.value = '';
    backupBox.hidden = true;
  });
  byId('key-backup-copy').addEventListener('click', () => {
    navigator.clipboard.writeText(backup.value).then(() => showStatus(status, t('optionsKeyCopied'), 'ok'),
      () => { backup.select(); showStatus(status, t('optionsKeyCopyFailed'), 'error'); });
  });
  resume.addEventListener('click', () => {
    void send('key/resume', {}).then(show).then(() => follow(true), (error: unknown) => showStatus(status, errorText(error), 'error'));
  });
  byId(KEY_IDS.importButton).addEventListener('click', () => {
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
