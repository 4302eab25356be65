// The options page: edits the settings through the background, with each field labelled and checked.
import { send } from '../../shared/send.js';
import { checkSettingsChange, defaultSettings, type Settings } from '../../shared/settings.js';
import { byId } from '../../ui/dom.js';
import { applyLocale, localiseStatic, t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';
import { setUpSyncOption } from './sync-option.js';
import { setUpTabMarksOption } from './tab-marks-option.js';
import { FIELD_IDS, fillForm, markProblems, readForm, refreshCategoryChoice, type OptionsFields } from './form.js';

const fields: OptionsFields = {
  categories: byId<HTMLTextAreaElement>(FIELD_IDS.categories),
  defaultCategory: byId<HTMLSelectElement>(FIELD_IDS.defaultCategory),
  defaultQuality: byId<HTMLInputElement>(FIELD_IDS.defaultQuality),
  defaultHeat: byId<HTMLInputElement>(FIELD_IDS.defaultHeat),
  defaultPublished: byId<HTMLInputElement>(FIELD_IDS.defaultPublished),
  fileNameTemplate: byId<HTMLInputElement>(FIELD_IDS.fileNameTemplate),
};
const form = byId<HTMLFormElement>('options-form');
const body = byId<HTMLFieldSetElement>('options-busy');
const status = byId('options-status');

let saving = false;
let current: Settings = { ...defaultSettings, categories: [...defaultSettings.categories] };

async function save(next: Settings, done: string): Promise<void> {
  const problems = checkSettingsChange(next, current);
  const first = markProblems(fields, problems);
  if (first) {
    showStatus(status, t('optionsFixProblems'), 'error');
    first.focus();
    return;
  }
  // The fields stay enabled while saving so keyboard focus stays where it was; a second save waits its turn.
  if (saving) return;
  saving = true;
  form.setAttribute('aria-busy', 'true');
  try {
    current = await send('settings/set', { settings: next });
    fillForm(fields, current);
    showStatus(status, t(done), 'ok');
  } catch (error) {
    showStatus(status, t('optionsSaveFailed', errorText(error)), 'error');
  } finally {
    saving = false;
    form.removeAttribute('aria-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void save(readForm(fields), 'optionsSaved');
});

byId('options-reset').addEventListener('click', () => {
  void save({ ...defaultSettings, categories: [...defaultSettings.categories] }, 'optionsResetDone');
});

fields.categories.addEventListener('input', () => refreshCategoryChoice(fields));
form.addEventListener('input', () => showStatus(status, t('optionsUnsaved')));
form.addEventListener('change', () => showStatus(status, t('optionsUnsaved')));

async function start(): Promise<void> {
  applyLocale();
  localiseStatic();
  void setUpTabMarksOption(byId<HTMLInputElement>('options-mark-tabs'), byId('options-marks-status'));
  setUpSyncOption();
  try {
    current = await send('settings/get', {});
    fillForm(fields, current);
    body.disabled = false;
    form.dataset.ready = 'true';
  } catch (error) {
    showStatus(status, t('optionsLoadFailed', errorText(error)), 'error');
  }
}

void start();
