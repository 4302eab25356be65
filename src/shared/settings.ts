// Settings: one defaults object, the type derived from it, migrations, and validation on load.

export const SETTINGS_VERSION = 1;

export const defaultSettings = {
  categories: ['news', 'analysis', 'opinion', 'research', 'reference'] as string[],
  defaultCategory: 'news',
  defaultQuality: 50,
  defaultHeat: -1,
  defaultPublished: false,
};

export type Settings = typeof defaultSettings;

type Stored = Record<string, unknown> & { version?: number };

/** Each migration takes settings of version i+1 to i+2. */
const migrations: Array<(old: Stored) => Stored> = [];

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');
}

/** Brings stored settings up to date and replaces every invalid value with its default. */
export function loadSettings(stored: unknown): Settings {
  let data: Stored = stored && typeof stored === 'object' ? { ...(stored as Stored) } : {};
  for (let v = data.version ?? 1; v < SETTINGS_VERSION; v++) data = migrations[v - 1]!(data);
  const out: Settings = { ...defaultSettings, categories: [...defaultSettings.categories] };
  if (isStringList(data.categories) && data.categories.length > 0) out.categories = [...new Set(data.categories)];
  if (typeof data.defaultCategory === 'string' && out.categories.includes(data.defaultCategory)) {
    out.defaultCategory = data.defaultCategory;
  } else {
    out.defaultCategory = out.categories[0]!;
  }
  const q = data.defaultQuality;
  if (typeof q === 'number' && Number.isInteger(q) && q >= 0 && q <= 100) out.defaultQuality = q;
  const h = data.defaultHeat;
  if (typeof h === 'number' && Number.isInteger(h)) out.defaultHeat = h;
  if (typeof data.defaultPublished === 'boolean') out.defaultPublished = data.defaultPublished;
  return out;
}

export function storedSettings(settings: Settings): Stored {
  return { ...settings, version: SETTINGS_VERSION };
}
