// Both versions behind a sync conflict, side by side and field by field (the body too), shown before the choice.
//
// Stable hooks for tests: details.sync-compare[data-name] (summary, .sync-compare-body holding the comparison
// .compare, or .sync-compare-file: the folder's text when it is not a valid record, with .problems).
import type { SyncCompare } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import { createComparison } from '../../ui/compare-view.js';
import { h, replaceChildren } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText } from '../../ui/status.js';

function versions(answer: SyncCompare, id: string): Array<Node | null> {
  const { folder, library } = answer;
  if (folder?.record && library) {
    return [createComparison({
      id, mine: folder.record, theirs: library.record, mineLabel: t('editorCompareFolder'), theirsLabel: t('editorCompareLede'),
    }).element];
  }
  return [
    !folder ? h('p', null, t('syncCompareNoFile')) : null,
    folder && !folder.record ? h('div', { class: 'sync-compare-file' },
      h('p', null, t('syncCompareFileProblems')),
      h('ul', { class: 'problems' }, folder.problems.map((problem) => h('li', null, h('code', null, problem)))),
      h('pre', { tabIndex: 0, 'aria-label': t('editorCompareFolder') }, folder.text)) : null,
    !library ? h('p', null, t('syncCompareNoRecord')) : null,
  ];
}

/**
 * One section per conflict, kept across the panel's refreshes (so it stays open and is asked for once);
 * opening it again asks for both versions afresh. `forget` drops the sections of issues that are gone.
 */
export function conflictComparisons(): { section(name: string): HTMLElement; forget(names: Set<string>): void } {
  const sections = new Map<string, HTMLDetailsElement>();
  let counter = 0;

  const load = async (name: string, body: HTMLElement, id: string) => {
    try {
      const answer = await send('sync/compare', { name });
      replaceChildren(body, versions(answer, id));
    } catch (error) {
      replaceChildren(body, h('p', { class: 'error' }, t('syncCompareFailed', errorText(error))));
    }
  };

  return {
    section(name) {
      const known = sections.get(name);
      if (known) return known;
      const id = `sync-compare-${++counter}`;
      const body = h('div', { class: 'sync-compare-body', 'aria-live': 'polite' });
      const section = h('details', { class: 'sync-compare', 'data-name': name, open: true },
        h('summary', null, t('syncCompare')), body);
      // Asked for now; again only when the person closes the section and opens it again (the toggle a
      // section made open may fire is not a reason to ask twice).
      let asked = true;
      section.addEventListener('toggle', () => {
        if (!section.open) asked = false;
        else if (!asked) {
          asked = true;
          void load(name, body, id);
        }
      });
      sections.set(name, section);
      void load(name, body, id);
      return section;
    },
    forget(names) {
      for (const name of sections.keys()) if (!names.has(name)) sections.delete(name);
    },
  };
}
