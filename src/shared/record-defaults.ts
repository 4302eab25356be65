// The settings' defaults for a new record, as the one record builder (src/extract/to-record.ts) takes them.
import type { RecordDefaults } from '../extract/to-record.js';
import type { Settings } from './settings.js';

/** A default category no longer in the list falls back to the first category. */
export function recordDefaultsOf(settings: Settings, registrableDomain: RecordDefaults['registrableDomain']): RecordDefaults {
  const category = settings.categories.includes(settings.defaultCategory)
    ? settings.defaultCategory
    : settings.categories[0] ?? 'news';
  return {
    category,
    quality: settings.defaultQuality,
    heat: settings.defaultHeat,
    published: settings.defaultPublished,
    registrableDomain,
  };
}
