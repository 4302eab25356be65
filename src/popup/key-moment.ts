// The popup's key moment: the first private note asks for a key, shows its backup string at the top of the
// first screen (Copy, Download), and lets the note be encrypted only once the person has kept the backup or
// chosen "Remind me later" (the options page then reminds them until a backup is confirmed).
//
// The backup string lives in this panel's one readonly input until the person confirms; it is never stored
// by the popup. A key made here stays pending in the background (it encrypts nothing) until key/confirm.
import { send } from '../shared/send.js';
import { h } from '../ui/dom.js';
import { t } from '../ui/i18n.js';
import { errorText, showStatus } from '../ui/status.js';

/** Ids the tests drive. */
export const KEY_MOMENT_IDS = {
  panel: 'key-moment', make: 'key-moment-make', usePassphrase: 'key-moment-use-passphrase', passphrase: 'key-moment-passphrase',
  again: 'key-moment-passphrase-again', makeFromPassphrase: 'key-moment-make-passphrase', backup: 'key-moment-backup',
  copy: 'key-moment-copy', download: 'key-moment-download', kept: 'key-moment-kept', later: 'key-moment-later', status: 'key-moment-status',
} as const;

const BACKUP_FILE = 'lede-key-backup.txt';

/** Shows the key moment once, above the editor; `ready` runs when a key may encrypt. */
export function showKeyMoment(before: Element, ready: () => void): void {
  if (document.getElementById(KEY_MOMENT_IDS.panel)) return;
  const status = h('p', { id: KEY_MOMENT_IDS.status, class: 'status', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'key-moment-body' });
  const panel = h('section', { id: KEY_MOMENT_IDS.panel, class: 'key-moment', 'aria-labelledby': 'key-moment-title', 'data-step': 'ask' },
    h('h2', { id: 'key-moment-title' }, t('keyMomentTitle')), body, status);
  before.before(panel);

  const make = async (passphrase?: string): Promise<void> => {
    showStatus(status, t(passphrase === undefined ? 'optionsKeyWorking' : 'keyMomentDeriving'));
    try {
      const made = await send('key/create', passphrase === undefined ? {} : { passphrase });
      if (!made.ok) {
        showStatus(status, made.message, 'error');
        return;
      }
      showStatus(status, '');
      backupStep(made.backup, made.id, passphrase !== undefined);
    } catch (error) {
      showStatus(status, errorText(error), 'error');
    }
  };

  /**
   * Copy or Download: the person has the backup in hand, and a toolbar popup closes as soon as they switch to
   * a password manager. The key becomes this browser's key at once (backup not yet confirmed, so the options
   * page reminds), or the copied backup would belong to a key that was never kept.
   */
  let inHand: Promise<unknown> = Promise.resolve();
  const holdKey = (id: string): void => {
    inHand = inHand.then(() => send('key/confirm', { id, kept: false })).then((answer) => {
      if (!answer.ok) showStatus(status, answer.message, 'error');
    }, (error: unknown) => showStatus(status, errorText(error), 'error'));
  };

  const confirm = async (id: string, kept: boolean): Promise<void> => {
    try {
      await inHand;
      const answer = await send('key/confirm', { id, kept });
      if (!answer.ok) {
        showStatus(status, answer.message, 'error');
        return;
      }
      panel.remove();
      ready();
    } catch (error) {
      showStatus(status, errorText(error), 'error');
    }
  };

  const backupStep = (backup: string, id: string, byPassphrase: boolean): void => {
    panel.dataset.step = 'backup';
    // A textarea, so the whole string shows (about 80 characters) and wraps in the 400-pixel popup.
    const value = h('textarea', { id: KEY_MOMENT_IDS.backup, rows: 2, readOnly: true, value: backup, spellcheck: false,
      'aria-label': t('keyMomentBackupLabel'), 'aria-describedby': 'key-moment-help' });
    const copy = (): void => {
      holdKey(id);
      navigator.clipboard.writeText(value.value).then(() => showStatus(status, t('optionsKeyCopied'), 'ok'),
        () => { value.select(); showStatus(status, t('optionsKeyCopyFailed'), 'error'); });
    };
    const download = (): void => {
      holdKey(id);
      const url = URL.createObjectURL(new Blob([`${value.value}\n`], { type: 'text/plain' }));
      const link = h('a', { href: url, download: BACKUP_FILE, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      showStatus(status, t('keyMomentDownloaded', BACKUP_FILE), 'ok');
    };
    body.replaceChildren(
      h('p', { id: 'key-moment-help', class: 'hint' }, t(byPassphrase ? 'keyMomentBackupPassphraseHelp' : 'keyMomentBackupHelp')),
      value,
      h('div', { class: 'key-moment-row' },
        h('button', { id: KEY_MOMENT_IDS.copy, type: 'button', onclick: copy }, t('optionsKeyCopy')),
        h('button', { id: KEY_MOMENT_IDS.download, type: 'button', onclick: download }, t('keyMomentDownload'))),
      h('div', { class: 'key-moment-row' },
        h('button', { id: KEY_MOMENT_IDS.kept, type: 'button', class: 'primary', onclick: () => void confirm(id, true) }, t('keyMomentKept')),
        h('button', { id: KEY_MOMENT_IDS.later, type: 'button', class: 'link-button', onclick: () => void confirm(id, false) }, t('keyMomentLater'))));
    value.focus();
    value.select();
  };

  const passphrase = h('input', { id: KEY_MOMENT_IDS.passphrase, type: 'password', autocomplete: 'new-password', 'aria-label': t('optionsKeyPassphrase') });
  const again = h('input', { id: KEY_MOMENT_IDS.again, type: 'password', autocomplete: 'new-password', 'aria-label': t('optionsKeyPassphraseAgain') });
  const passphraseBox = h('div', { class: 'key-moment-passphrase', hidden: true },
    h('label', { for: KEY_MOMENT_IDS.passphrase }, t('optionsKeyPassphrase')), passphrase,
    h('label', { for: KEY_MOMENT_IDS.again }, t('optionsKeyPassphraseAgain')), again,
    h('button', {
      id: KEY_MOMENT_IDS.makeFromPassphrase, type: 'button', class: 'primary',
      onclick: () => {
        if (passphrase.value !== again.value) return showStatus(status, t('optionsKeyPassphraseDiffer'), 'error');
        const chosen = passphrase.value;
        passphrase.value = again.value = '';
        void make(chosen);
      },
    }, t('keyMomentMakeFromPassphrase')));
  body.replaceChildren(
    h('p', { class: 'hint' }, t('keyMomentAsk')),
    h('div', { class: 'key-moment-row' },
      h('button', { id: KEY_MOMENT_IDS.make, type: 'button', class: 'primary', onclick: () => void make() }, t('keyMomentMake')),
      h('button', {
        id: KEY_MOMENT_IDS.usePassphrase, type: 'button', class: 'link-button', 'aria-expanded': 'false',
        onclick: (event: Event) => {
          passphraseBox.hidden = !passphraseBox.hidden;
          (event.currentTarget as HTMLElement).setAttribute('aria-expanded', String(!passphraseBox.hidden));
          if (!passphraseBox.hidden) passphrase.focus();
        },
      }, t('keyMomentUsePassphrase'))),
    passphraseBox);
}
