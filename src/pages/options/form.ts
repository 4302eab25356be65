// The options form as data: reading the fields into a settings change and writing settings back.
import { h, replaceChildren } from '../../ui/dom.js';
import type { Settings, SettingsProblem } from '../../shared/settings.js';

export interface OptionsFields {
  categories: HTMLTextAreaElement;
  defaultCategory: HTMLSelectElement;
  defaultQuality: HTMLInputElement;
  defaultHeat: HTMLInputElement;
  defaultPublished: HTMLInputElement;
  fileNameTemplate: HTMLInputElement;
}

/** The DOM ids of the controls (the browser tests use them too). */
export const FIELD_IDS: Record<keyof OptionsFields, string> = {
  categories: 'options-categories',
  defaultCategory: 'options-default-category',
  defaultQuality: 'options-default-quality',
  defaultHeat: 'options-default-heat',
  defaultPublished: 'options-default-published',
  fileNameTemplate: 'options-file-name-template',
};

/** Fields whose problems are shown under them; the others have no wrong values the form can produce. */
export const ERROR_IDS: Partial<Record<keyof Settings, string>> = {
  categories: 'options-categories-error',
  defaultQuality: 'options-default-quality-error',
  defaultHeat: 'options-default-heat-error',
  fileNameTemplate: 'options-file-name-template-error',
};

/** One category per line; blank lines and surrounding spaces do not count. */
export function categoriesFromText(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
}

/** A number field's whole-number value; NaN when empty or not a number, so the check refuses it. */
function numberOf(input: HTMLInputElement): number {
  return input.value.trim() === '' ? Number.NaN : Number(input.value);
}

/** Offers the categories as they stand in the text box, keeping the chosen one when it is still listed. */
export function refreshCategoryChoice(fields: OptionsFields, wanted = fields.defaultCategory.value): void {
  const categories = categoriesFromText(fields.categories.value);
  const unique = [...new Set(categories)];
  replaceChildren(fields.defaultCategory, unique.map((name) => h('option', { value: name }, name)));
  fields.defaultCategory.value = unique.includes(wanted) ? wanted : unique[0] ?? '';
}

export function fillForm(fields: OptionsFields, settings: Settings): void {
  fields.categories.value = settings.categories.join('\n');
  refreshCategoryChoice(fields, settings.defaultCategory);
  fields.defaultQuality.value = String(settings.defaultQuality);
  fields.defaultHeat.value = String(settings.defaultHeat);
  fields.defaultPublished.checked = settings.defaultPublished;
  fields.fileNameTemplate.value = settings.fileNameTemplate;
}

export function readForm(fields: OptionsFields): Settings {
  return {
    categories: categoriesFromText(fields.categories.value),
    defaultCategory: fields.defaultCategory.value,
    defaultQuality: numberOf(fields.defaultQuality),
    defaultHeat: numberOf(fields.defaultHeat),
    defaultPublished: fields.defaultPublished.checked,
    fileNameTemplate: fields.fileNameTemplate.value.trim(),
  };
}

/** Marks each field with a problem (aria-invalid and its message) and clears the rest; returns the first marked field. */
export function markProblems(fields: OptionsFields, problems: SettingsProblem[], root: ParentNode = document): HTMLElement | null {
  let first: HTMLElement | null = null;
  for (const key of Object.keys(FIELD_IDS) as Array<keyof OptionsFields>) {
    const bad = problems.some((p) => p.key === key);
    const field = fields[key];
    if (bad) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
    const errorId = ERROR_IDS[key];
    const error = errorId ? root.querySelector<HTMLElement>(`#${errorId}`) : null;
    if (error) error.hidden = !bad;
    if (bad && !first) first = field;
  }
  return first;
}
