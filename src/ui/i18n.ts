// Interface text through the browser's i18n API; falls back to the key when no API is present (tests).

interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

function api(): I18nApi | undefined {
  const scope = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return scope.browser?.i18n ?? scope.chrome?.i18n;
}

/** The message for `key`, with `$1`… filled from `substitutions`. */
export function t(key: string, ...substitutions: Array<string | number>): string {
  const subs = substitutions.map(String);
  const message = api()?.getMessage(key, subs.length ? subs : undefined);
  if (message) return message;
  return subs.length ? `${key}: ${subs.join(', ')}` : key;
}

/** Sets `lang` and `dir` of the document from the browser's interface language. */
export function applyLocale(doc: Document = document): void {
  const i18n = api();
  if (!i18n) return;
  doc.documentElement.lang = i18n.getUILanguage() || 'en';
  doc.documentElement.dir = i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}

/** Fills static HTML: `data-i18n` → text, `-label` → aria-label, `-title` → title, `-placeholder` → placeholder. */
export function localiseStatic(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel!));
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle!);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder!);
  }
  const title = root.querySelector<HTMLElement>('title[data-i18n]');
  if (title && root === document) document.title = title.textContent ?? '';
}
