// Small builders for the editor's labelled fields, their hints and their error messages.
import { h } from './dom.js';

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** A label, the control, an optional hint and a hidden error line, wired with aria-describedby. */
export function field(label: string, control: Control, options: { hint?: string | HTMLElement; extra?: Node; wide?: boolean } = {}): HTMLElement {
  const id = control.id;
  const described: string[] = [];
  let hint: HTMLElement | null = null;
  if (options.hint) {
    hint = typeof options.hint === 'string' ? h('p', { class: 'hint', id: `${id}-hint` }, options.hint) : options.hint;
    if (!hint.id) hint.id = `${id}-hint`;
    described.push(hint.id);
  }
  const error = h('p', { class: 'error', id: `${id}-error`, hidden: true });
  described.push(error.id);
  control.setAttribute('aria-describedby', described.join(' '));
  return h('div', { class: options.wide === false ? 'field' : 'field wide', 'data-field': id },
    h('label', { for: id }, label),
    options.extra ? h('div', { class: 'control-row' }, control, options.extra) : control,
    hint, error);
}

/** Shows or clears the error line of the control with `id`, and marks the control invalid. */
export function setFieldError(root: ParentNode, id: string, message: string | null): boolean {
  const control = root.querySelector<HTMLElement>(`#${id}`);
  const error = root.querySelector<HTMLElement>(`#${id}-error`);
  if (!control || !error) return false;
  error.textContent = message ?? '';
  error.hidden = !message;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
  return true;
}
