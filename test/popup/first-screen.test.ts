// @vitest-environment jsdom
// The popup's layout of the shared editor: order, the Details section, the private-note slot, unknown fields.
import { describe, expect, it } from 'vitest';
import { layoutFirstScreen } from '../../src/popup/first-screen.js';
import { h } from '../../src/ui/dom.js';
import { createEditor } from '../../src/ui/editor.js';
import { sampleRecord } from '../ui/record.js';

function laidOut(extra: HTMLElement[] = [], attention: Array<{ control: string; reason: string }> = []) {
  const editor = createEditor({ record: sampleRecord(), categories: ['news'] });
  editor.element.append(...extra);
  const screen = layoutFirstScreen(editor.element, { record: sampleRecord(), attention });
  const names = (root: Element) => [...root.querySelectorAll('[data-field]')]
    .filter((el) => !el.parentElement?.closest('[data-field]')).map((el) => el.getAttribute('data-field'));
  return { editor, screen, first: names(editor.element.querySelector('#first-screen')!), details: names(screen.details) };
}

describe('layoutFirstScreen', () => {
  it('puts what the person decides first and what Lede found in Details, in order, losing nothing', () => {
    const { first, details, editor } = laidOut();
    expect(first).toEqual(['title', 'topic-input', 'quality', 'heat', 'category', 'published', 'related']);
    expect(details).toEqual(['excerpt', 'published-at', 'provider-name', 'provider-domain', 'type', 'original-url', 'web-url', 'body']);
    expect(editor.element.querySelectorAll('.row:empty')).toHaveLength(0);
    expect(editor.read()).toEqual(sampleRecord());
  });

  it('mounts a private note in its slot before the notes, and an unknown field at the end of Details', () => {
    const note = h('div', { class: 'field wide', 'data-field': 'private-note' }, h('textarea', { id: 'private-note' }));
    const unknown = h('div', { class: 'field wide', 'data-field': 'something-new' });
    const { first, details } = laidOut([note, unknown]);
    expect(first).not.toContain('private-note');
    expect(details.slice(-3)).toEqual(['private-note', 'body', 'something-new']);
  });

  it('stays closed with nothing to check, opens with a reason, and opens at a field from the found line', () => {
    expect(laidOut().screen.details.open).toBe(false);
    const { screen, editor } = laidOut([], [{ control: 'published-at', reason: 'popupAttentionNoDate' }]);
    expect(screen.details.open).toBe(true);
    expect(screen.details.querySelector('#details-why')?.textContent).toBe(' · popupAttentionNoDate');
    screen.details.open = false;
    document.body.append(editor.element);
    editor.element.querySelector<HTMLButtonElement>('#found-line [data-opens="type"]')!.click();
    expect(screen.details.open).toBe(true);
    expect(document.activeElement?.id).toBe('type');
    editor.element.remove();
  });
});
