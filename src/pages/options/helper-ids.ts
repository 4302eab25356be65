// The ids of the options page's helper section, in one place: the page and the browser tests use them.
export const HELPER_IDS = {
  use: 'options-sync-helper-use', setup: 'options-sync-helper-setup', missing: 'options-sync-helper-missing',
  dir: 'options-sync-helper-dir', command: 'options-sync-helper-command', again: 'options-sync-helper-again',
  ready: 'options-sync-helper-ready', folder: 'options-sync-helper-folder', start: 'options-sync-helper-start',
  mode: 'options-sync-mode',
} as const;
