// The fields of one related entry, for editing it by hand; each edit lands in the entry at once.
import { isCanonicalDateTime } from '../record/dates.js';
import { isWebUrl } from '../record/text.js';
import type { RelatedEntry } from '../record/types.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/** Problems of an entry as typed, by field name; empty when it can be saved. */
export function entryProblems(entry: RelatedEntry): Record<string, string> {
  const out: Record<string, string> = {};
  if (!entry.title.trim()) out.title = t('relatedErrorTitle');
  if (!isWebUrl(entry.webUrl)) out.webUrl = t('relatedErrorUrl');
  if (entry.publishedDateTime !== null && !isCanonicalDateTime(entry.publishedDateTime)) out.date = t('relatedErrorDate');
  return out;
}

function whole(value: string): number | undefined {
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** `prefix` makes the ids unique per entry (`related-3-title`). `changed` runs after every edit. */
export function entryFields(entry: RelatedEntry, prefix: string, changed: () => void): HTMLElement {
  const input = (key: string, label: string, value: string, set: (v: string) => void, attrs: Record<string, unknown> = {}) => {
    const id = `${prefix}-${key}`;
    const control = h(key === 'excerpt' ? 'textarea' : 'input', {
      id, value, autocomplete: 'off', spellcheck: key === 'title' || key === 'excerpt',
      'data-key': key, ...(key === 'excerpt' ? { rows: 2 } : { type: 'text' }), ...attrs,
      oninput: (event: Event) => { set((event.target as HTMLInputElement).value); changed(); },
    });
    return h('div', { class: 'field wide related-field' }, h('label', { for: id }, label), control);
  };
  const image = () => {
    if (!entry.images[0]) entry.images[0] = { url: '', isCached: false };
    return entry.images[0];
  };
  const lead = entry.images[0];
  return h('div', { class: 'related-fields' },
    input('title', t('relatedFieldTitle'), entry.title, (v) => { entry.title = v; }),
    input('excerpt', t('relatedFieldExcerpt'), entry.excerpt, (v) => { entry.excerpt = v; }),
    input('date', t('relatedFieldDate'), entry.publishedDateTime ?? '', (v) => { entry.publishedDateTime = v.trim() || null; }),
    input('url', t('relatedFieldUrl'), entry.webUrl, (v) => { entry.webUrl = v.trim(); }, { type: 'url' }),
    h('div', { class: 'row' },
      input('type', t('relatedFieldType'), entry.type, (v) => { entry.type = v.trim() || 'article'; }),
      input('quality', t('relatedFieldQuality'), String(entry.quality), (v) => {
        const n = whole(v);
        if (n !== undefined && n <= 100) entry.quality = n;
      }, { type: 'number', min: 0, max: 100, step: 1 })),
    h('div', { class: 'row' },
      input('provider-name', t('relatedFieldProviderName'), entry.provider.name, (v) => { entry.provider = { ...entry.provider, name: v.trim() }; }),
      input('provider-domain', t('relatedFieldProviderDomain'), entry.provider.domain, (v) => { entry.provider = { ...entry.provider, domain: v.trim() }; })),
    input('image', t('relatedFieldImage'), lead?.url ?? '', (v) => {
      if (!v.trim() && entry.images.length) entry.images.splice(0, 1);
      else if (v.trim()) image().url = v.trim();
    }, { type: 'url' }),
    h('div', { class: 'row' },
      input('width', t('relatedFieldWidth'), lead?.width === undefined ? '' : String(lead.width), (v) => {
        const n = whole(v);
        if (entry.images[0]) entry.images[0].width = n;
        if (n === undefined) delete entry.images[0]?.width;
      }, { type: 'number', min: 1 }),
      input('height', t('relatedFieldHeight'), lead?.height === undefined ? '' : String(lead.height), (v) => {
        const n = whole(v);
        if (entry.images[0]) entry.images[0].height = n;
        if (n === undefined) delete entry.images[0]?.height;
      }, { type: 'number', min: 1 })),
    // The remote image is shown only here, once the person opened the entry; no referrer goes with it.
    lead && isWebUrl(lead.url) ? h('img', { class: 'related-image', src: lead.url, alt: '', referrerPolicy: 'no-referrer', loading: 'lazy' }) : null,
  );
}
