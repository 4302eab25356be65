// Builds DOM nodes from plain data: properties, attributes and text only, never markup.

type Child = Node | string | number | null | undefined | false;

/**
 * `on*` functions become listeners; `class`, `for`, `role`, `list`, `aria-*`, `data-*` become
 * attributes (false leaves them out); everything else is set as a property.
 */
export type Attrs = Record<string, unknown>;

/** `h('button', { type: 'button', onclick: save }, 'Save')`. Strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value as EventListener);
    } else if (name === 'class' || name === 'for' || name === 'role' || name === 'list' ||
      name.startsWith('aria-') || name.startsWith('data-')) {
      if (value === false) continue;
      element.setAttribute(name, value === true ? 'true' : String(value));
    } else if (name === 'innerHTML' || name === 'outerHTML') {
      throw new Error('h(): markup properties are not allowed');
    } else {
      (element as unknown as Record<string, unknown>)[name] = value;
    }
  }
  append(element, ...children);
  return element;
}

/** Appends children, turning strings and numbers into text nodes. */
export function append(parent: Node, ...children: Array<Child | Child[]>): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Array<Child | Child[]>): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(`#${id}`);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found;
}
