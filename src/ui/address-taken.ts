// A save refused because another record holds the address: which record, and the offer to merge the two
// field by field. Nothing is replaced until the person has chosen each field.
//
// Stable hooks for tests: #address-taken (#address-taken-text, #address-merge); the panel (compare-panel.ts)
// with #address-merge-save.
import type { LedeRecord } from '../record/types.js';
import type { StoredRecord } from '../shared/messages.js';
import { openComparePanel } from './compare-panel.js';
import { h } from './dom.js';
import { t } from './i18n.js';

export interface AddressTakenOptions {
  /** The form's record, as it was refused. */
  mine: LedeRecord;
  other: StoredRecord;
  /** The person merged: save this record, replacing `other` at that revision. */
  merge(record: LedeRecord, mergeWith: { id: string; revision: number }): void;
  lang?: string | undefined;
}

function savedOn(iso: string, lang?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(lang, { dateStyle: 'medium' });
}

/** The note that names the record at that address, with its Merge button. */
export function addressTakenNote(options: AddressTakenOptions): HTMLElement {
  const { other } = options;
  const title = other.record.title || other.record.originalUrl;
  return h('p', { id: 'address-taken', class: 'note stale', role: 'alert' },
    h('span', { id: 'address-taken-text' }, t('editorAddressTaken', title, savedOn(other.savedAt, options.lang))), ' ',
    h('button', { id: 'address-merge', type: 'button', class: 'link-button', onclick: () => openMergePanel(options) }, t('editorAddressMerge')));
}

/** Both records side by side; each differing field takes the version the person picks. */
export function openMergePanel(options: AddressTakenOptions): void {
  const { other } = options;
  openComparePanel({
    title: t('editorAddressMergeTitle'),
    intro: t('editorAddressMergeIntro', other.record.title || other.record.originalUrl),
    comparison: { mine: options.mine, theirs: other.record, mineLabel: t('editorCompareThis'), theirsLabel: t('editorCompareOther'), choose: true },
    choices: [{
      id: 'address-merge-save', label: t('editorAddressMergeSave'), primary: true,
      run: (comparison) => options.merge(comparison ? comparison.merged() : options.mine, { id: other.id, revision: other.revision }),
    }],
  });
}
