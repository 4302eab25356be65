// The topic chips: an accessible combobox that adds topics with autocomplete and shows them as chips.
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { addTopics, removeTopic, suggestTopics } from './topics.js';

export interface ChipsOptions {
  topics: string[];
  /** Topics to suggest: the library's and the page's. */
  candidates: string[];
  /** The page's own suggestions, also offered as one-click buttons. */
  suggested?: string[] | undefined;
  /** The library's topics: a topic typed in another case takes their spelling (read on every add: it may grow). */
  library?: readonly string[] | undefined;
  onChange: (topics: string[]) => void;
}

export interface Chips {
  element: HTMLElement;
  input: HTMLInputElement;
  value(): string[];
  /** Adds what is still typed in the input, so it is not lost on save. */
  commitInput(): void;
  /** Replaces the one-click suggestions (the library's topics may arrive after the form). */
  setSuggested(topics: string[]): void;
}

export function createChips(options: ChipsOptions): Chips {
  let topics = [...options.topics];
  let suggested = [...(options.suggested ?? [])];
  let suggestions: string[] = [];
  let active = -1;

  const list = h('ul', { id: 'topics', class: 'chips', 'aria-label': t('editorTopicsChosen') });
  const listbox = h('ul', { id: 'topic-suggestions', class: 'suggestions', role: 'listbox',
    'aria-label': t('editorTopicSuggestions'), hidden: true });
  const input = h('input', {
    id: 'topic-input', type: 'text', autocomplete: 'off', spellcheck: false,
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': 'topic-suggestions', 'aria-describedby': 'topic-hint', placeholder: t('editorTopicPlaceholder'),
  });

  const quick = h('p', { id: 'topic-quick', class: 'quick-topics' });
  const renderQuick = () => {
    const offered = suggestTopics(suggested, '', topics, 6);
    replaceChildren(quick, offered.length ? h('span', { class: 'hint' }, t('editorTopicQuick')) : null,
      offered.map((topic) => h('button', {
        // Out of the Tab order: ↓ in the topic input lists the same suggestions first, and Tab goes on to quality.
        type: 'button', class: 'quick-topic', title: t('editorTopicAdd', topic), tabIndex: -1,
        onclick: () => { setTopics(addTopics(topics, topic, options.library)); input.focus(); },
      }, `+ ${topic}`)));
    quick.hidden = offered.length === 0;
  };

  const setTopics = (next: string[]) => {
    if (next.length === topics.length && next.every((topic, i) => topic === topics[i])) return;
    topics = next;
    renderChips();
    renderQuick();
    options.onChange([...topics]);
  };

  const renderChips = () => {
    replaceChildren(list, topics.map((topic, index) =>
      h('li', { class: 'chip' },
        h('span', { class: 'chip-text' }, topic),
        h('button', {
          type: 'button', class: 'chip-remove', 'aria-label': t('editorTopicRemove', topic),
          title: t('editorTopicRemove', topic),
          onclick: () => { setTopics(removeTopic(topics, index)); input.focus(); },
        }, '×'))));
  };

  const setActive = (index: number) => {
    active = index;
    listbox.querySelectorAll('[role="option"]').forEach((option, i) =>
      option.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `topic-option-${active}`);
      listbox.children[active]?.scrollIntoView?.({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const close = () => {
    suggestions = [];
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };

  const openFor = (query: string) => {
    suggestions = suggestTopics(options.candidates, query, topics);
    replaceChildren(listbox, suggestions.map((topic, i) =>
      h('li', {
        id: `topic-option-${i}`, role: 'option', class: 'suggestion', 'aria-selected': 'false',
        // mousedown, not click: the input keeps focus.
        onmousedown: (event: MouseEvent) => { event.preventDefault(); choose(topic); },
      }, topic)));
    const open = suggestions.length > 0;
    listbox.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    setActive(-1);
  };

  const choose = (text: string) => {
    setTopics(addTopics(topics, text, options.library));
    input.value = '';
    openFor('');
    close();
  };

  input.addEventListener('input', () => {
    if (input.value.includes(',')) {
      // A comma typed or pasted ends a topic; anything after the last comma stays in the input.
      const parts = input.value.split(',');
      const rest = parts.pop() ?? '';
      setTopics(addTopics(topics, parts.join(','), options.library));
      input.value = rest.trimStart();
    }
    if (input.value.trim()) openFor(input.value);
    else close();
  });

  input.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    const open = !listbox.hidden && suggestions.length > 0;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openFor(input.value);
        if (suggestions.length) setActive((active + 1) % suggestions.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openFor(input.value);
        if (suggestions.length) setActive(active <= 0 ? suggestions.length - 1 : active - 1);
        break;
      case 'Enter':
        if (event.ctrlKey || event.metaKey) return; // the editor's save shortcut
        event.preventDefault();
        if (open && active >= 0) choose(suggestions[active]!);
        else if (input.value.trim()) choose(input.value);
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        break;
      case 'Backspace':
        if (input.value === '' && topics.length > 0) {
          event.preventDefault();
          setTopics(topics.slice(0, -1));
        }
        break;
    }
  });
  input.addEventListener('blur', () => close());

  renderChips();
  renderQuick();
  const element = h('div', { class: 'chips-field' },
    list,
    h('div', { class: 'combo' }, input, listbox),
    quick,
    h('p', { id: 'topic-hint', class: 'hint' }, t('editorTopicHint')));

  return {
    element,
    input,
    value: () => [...topics],
    commitInput: () => {
      if (input.value.trim()) choose(input.value);
    },
    setSuggested: (next) => {
      suggested = [...next];
      renderQuick();
    },
  };
}
