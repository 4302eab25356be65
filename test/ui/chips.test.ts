// @vitest-environment jsdom
// The topic chips as a keyboard user meets them: add, remove, pick suggestions; combobox semantics.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createChips } from '../../src/ui/chips.js';
import { key, type } from './record.js';

function setup(topics: string[] = ['AI'], candidates = ['Climate', 'Clean energy', 'AI', 'Policy']) {
  document.body.replaceChildren();
  const onChange = vi.fn();
  const chips = createChips({ topics, candidates, onChange });
  document.body.append(chips.element);
  const shown = () => [...document.querySelectorAll('#topics .chip-text')].map((el) => el.textContent);
  const options = () => [...document.querySelectorAll('#topic-suggestions [role="option"]')].map((el) => el.textContent);
  return { chips, input: chips.input, onChange, shown, options };
}

describe('topic chips', () => {
  beforeEach(() => document.body.replaceChildren());

  it('adds on Enter and on comma, without duplicates', () => {
    const { input, shown, onChange, chips } = setup();
    type(input, 'Climate');
    key(input, 'Enter');
    expect(shown()).toEqual(['AI', 'Climate']);
    type(input, 'ai,Energy, Pol');
    expect(shown()).toEqual(['AI', 'Climate', 'Energy']);
    expect(input.value).toBe('Pol');
    expect(onChange).toHaveBeenLastCalledWith(['AI', 'Climate', 'Energy']);
    expect(chips.value()).toEqual(['AI', 'Climate', 'Energy']);
  });

  it('removes the last chip with Backspace in the empty input, and any chip with its button', () => {
    const { input, shown } = setup(['a', 'b', 'c']);
    key(input, 'Backspace');
    expect(shown()).toEqual(['a', 'b']);
    type(input, 'x');
    key(input, 'Backspace'); // not empty: the browser deletes a character instead
    expect(shown()).toEqual(['a', 'b']);
    document.querySelector<HTMLButtonElement>('#topics .chip-remove')!.click();
    expect(shown()).toEqual(['b']);
  });

  it('offers suggestions as a listbox navigable with the arrow keys', () => {
    const { input, shown, options } = setup();
    type(input, 'c');
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(options()).toEqual(['Climate', 'Clean energy', 'Policy']);
    key(input, 'ArrowDown');
    key(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe('topic-option-1');
    expect(document.getElementById('topic-option-1')!.getAttribute('aria-selected')).toBe('true');
    key(input, 'ArrowUp');
    key(input, 'ArrowUp'); // wraps to the last
    expect(input.getAttribute('aria-activedescendant')).toBe('topic-option-2');
    key(input, 'Enter');
    expect(shown()).toEqual(['AI', 'Policy']);
    expect(input.value).toBe('');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes the list on Escape and leaves Ctrl+Enter to the form', () => {
    const { input, options } = setup();
    type(input, 'cl');
    expect(options()).toHaveLength(2);
    const escape = key(input, 'Escape');
    expect(escape.defaultPrevented).toBe(true);
    expect(document.getElementById('topic-suggestions')!.hidden).toBe(true);
    const save = key(input, 'Enter', { ctrlKey: true });
    expect(save.defaultPrevented).toBe(false);
  });

  it('shows topics as text, never markup', () => {
    const { input } = setup([]);
    type(input, '<img src=x onerror=alert(1)>');
    key(input, 'Enter');
    expect(document.querySelector('#topics img')).toBeNull();
    expect(document.querySelector('#topics .chip-text')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('offers the page’s suggestions as one-click buttons until chosen', () => {
    document.body.replaceChildren();
    const chips = createChips({ topics: ['AI'], candidates: [], suggested: ['ai', 'Tides', 'Energy'], onChange: () => undefined });
    document.body.append(chips.element);
    const offered = () => [...document.querySelectorAll('#topic-quick .quick-topic')].map((b) => b.textContent);
    expect(offered()).toEqual(['+ Tides', '+ Energy']);
    document.querySelector<HTMLButtonElement>('#topic-quick .quick-topic')!.click();
    expect(chips.value()).toEqual(['AI', 'Tides']);
    expect(offered()).toEqual(['+ Energy']);
  });

  it('gives a typed topic the library\'s spelling when the library holds it in another case', () => {
    document.body.replaceChildren();
    const library = ['AI', 'Climate'];
    const onChange = vi.fn();
    const chips = createChips({ topics: [], candidates: library, library, onChange });
    document.body.append(chips.element);
    type(chips.input, 'ai');
    key(chips.input, 'Enter');
    type(chips.input, 'CLIMATE, new topic,');
    // A topic the library learns later is spelled its way too.
    library.push('eLearning');
    type(chips.input, 'Elearning');
    chips.commitInput();
    expect(chips.value()).toEqual(['AI', 'Climate', 'new topic', 'eLearning']);
  });
});
