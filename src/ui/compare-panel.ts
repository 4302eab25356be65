// The panel that shows two versions of a record and the person's choices between them, as a modal dialog.
//
// Stable hooks for tests: #compare-dialog, #compare-title, #compare-intro, the comparison (.compare#compare),
// one button per choice (ids given by the caller), #compare-cancel.
import { h } from './dom.js';
import { t } from './i18n.js';
import { createComparison, type Comparison, type ComparisonOptions } from './compare-view.js';

export interface PanelChoice {
  id: string;
  label: string;
  primary?: boolean;
  /** Called with the comparison as the person left it (null when the panel showed none); the panel closes first. */
  run(comparison: Comparison | null): void;
}

export interface ComparePanelOptions {
  title: string;
  intro: string;
  comparison: Omit<ComparisonOptions, 'id'> | null;
  choices: PanelChoice[];
}

export interface ComparePanel {
  dialog: HTMLDialogElement;
  comparison: Comparison | null;
  close(): void;
}

/** Opens the panel over the page (one at a time: a second replaces the first); Cancel or Escape chooses nothing. */
export function openComparePanel(options: ComparePanelOptions): ComparePanel {
  document.getElementById('compare-dialog')?.remove();
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const comparison = options.comparison ? createComparison({ ...options.comparison, id: 'compare' }) : null;
  const close = () => {
    if (dialog.open && typeof dialog.close === 'function') dialog.close();
    dialog.remove();
    if (opener?.isConnected) opener.focus();
  };
  const buttons = options.choices.map((choice) => h('button', {
    id: choice.id, type: 'button', class: choice.primary ? 'primary' : undefined,
    onclick: () => {
      close();
      choice.run(comparison);
    },
  }, choice.label));
  const dialog = h('dialog', { id: 'compare-dialog', class: 'compare-dialog', 'aria-labelledby': 'compare-title', 'aria-describedby': 'compare-intro' },
    h('h2', { id: 'compare-title' }, options.title),
    h('p', { id: 'compare-intro' }, options.intro),
    comparison?.element,
    h('div', { class: 'dialog-actions compare-actions' },
      h('button', { id: 'compare-cancel', type: 'button', onclick: close }, t('editorCompareCancel')), buttons));
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
    // The editor beneath saves on Ctrl+Enter: inside the panel the person chooses with the buttons.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) event.preventDefault();
    event.stopPropagation();
  });
  document.body.append(dialog);
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  // The first choice of version when there is one, else the first button: both reachable by Tab and arrows.
  (dialog.querySelector<HTMLElement>('.compare input[type="radio"]:checked') ?? buttons.at(-1) ?? dialog).focus();
  return { dialog, comparison, close };
}
