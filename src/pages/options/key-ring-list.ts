// The options page's list of the keys in this browser: role, kind, when made, how many records each opens, and Remove for a retired one.
import type { KeyInfo, KeyList } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import { byId, h } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';

const ROLE = { current: 'optionsKeyRoleCurrent', next: 'optionsKeyRoleNext', retired: 'optionsKeyRoleRetired' } as const;

/** Fills the list from key/list; Remove asks again with the plain warning, and the background checks before it removes. */
export function keyRingList(status: HTMLElement, changed: () => Promise<void>): { refresh(): Promise<void> } {
  const box = byId('key-ring-box');
  const list = byId('key-ring');
  const unopened = byId('key-unopened');
  const confirmBox = byId('key-remove-box');
  const confirmButton = byId<HTMLButtonElement>('key-remove-confirm');
  let removing: string | null = null;

  confirmButton.addEventListener('click', () => {
    const id = removing;
    if (!id) return;
    confirmBox.hidden = true;
    removing = null;
    showStatus(status, t('optionsKeyWorking'));
    send('key/remove', { id }).then(async (answer) => {
      if (!answer.ok) return showStatus(status, answer.message, 'error');
      showStatus(status, t('optionsKeyRemoved'), 'ok');
      await changed();
    }, (error: unknown) => showStatus(status, errorText(error), 'error'));
  });

  const row = (key: KeyInfo): HTMLElement => {
    const made = new Date(key.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    const kind = t(key.kind === 'passphrase' ? 'optionsKeyKindPassphrase' : 'optionsKeyKindKey');
    const backup = t(key.backupConfirmed ? 'optionsKeyBackupKept' : 'optionsKeyBackupNotKept');
    const remove = key.role === 'retired'
      ? h('button', {
        type: 'button', class: 'link-button', 'data-remove': key.id, 'aria-controls': 'key-remove-box',
        onclick: (event: Event) => {
          removing = key.id;
          (event.currentTarget as HTMLElement).after(confirmBox);
          confirmBox.hidden = false;
        },
      }, t('optionsKeyRemove'))
      : null;
    return h('li', { 'data-key': key.id, 'data-role': key.role },
      h('span', { class: 'key-role' }, t(ROLE[key.role])),
      h('span', null, t('optionsKeyRow', kind, made, key.records ?? 0, backup)), remove);
  };

  return {
    async refresh() {
      const ring: KeyList = await send('key/list', {});
      box.hidden = ring.keys.length === 0;
      list.after(confirmBox);
      confirmBox.hidden = true;
      list.replaceChildren(...ring.keys.map(row));
      unopened.hidden = ring.unopened === 0;
      unopened.textContent = ring.unopened ? t('optionsKeyUnopened', ring.unopened) : '';
    },
  };
}
