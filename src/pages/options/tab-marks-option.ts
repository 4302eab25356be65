// "Show the ✓ on saved pages as I browse": the optional "tabs" permission, asked for only when the person
// turns this on, and given back when they turn it off. The checkbox always says what the browser granted.
import browser from 'webextension-polyfill';
import { errorText, showStatus } from '../../ui/status.js';
import { t } from '../../ui/i18n.js';

const TABS = { permissions: ['tabs'] as browser.Manifest.OptionalPermission[] };

export async function setUpTabMarksOption(box: HTMLInputElement, status: HTMLElement): Promise<void> {
  const refresh = async (): Promise<void> => {
    box.checked = await browser.permissions.contains(TABS).catch(() => false);
  };
  box.addEventListener('change', () => {
    const wanted = box.checked;
    // Firefox grants a permission only from inside the person's click: the request comes first, before any await.
    const asked = wanted ? browser.permissions.request(TABS) : browser.permissions.remove(TABS);
    asked.then((done) => {
      box.checked = wanted === done;
      if (wanted) showStatus(status, t(done ? 'optionsMarkTabsOn' : 'optionsMarkTabsDeclined'), done ? 'ok' : 'error');
      else showStatus(status, t('optionsMarkTabsOff'), 'ok');
    }, (error: unknown) => {
      box.checked = !wanted;
      showStatus(status, t('optionsMarkTabsFailed', errorText(error)), 'error');
    });
  });
  // Granted or withdrawn elsewhere (the browser's own extension settings): follow it.
  browser.permissions.onAdded.addListener(() => void refresh());
  browser.permissions.onRemoved.addListener(() => void refresh());
  await refresh();
  box.disabled = false;
}
