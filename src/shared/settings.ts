// Settings: one defaults object, the type derived from it, migrations, and validation on load.
// A new record's defaults and the checks on them come from the format's table of field rules.
import { DEFAULT_FILE_NAME_TEMPLATE, templateProblem } from '../record/filename.js';
import { checkValue, FIELD_RULES, NEW_RECORD_DEFAULTS } from '../record/rules.js';

export const SETTINGS_VERSION = 1;

export const defaultSettings = {
  categories: [NEW_RECORD_DEFAULTS.category, 'analysis', 'opinion', 'research', 'reference'] as string[],
  defaultCategory: NEW_RECORD_DEFAULTS.category,
  defaultQuality: NEW_RECORD_DEFAULTS.quality,
  defaultHeat: NEW_RECORD_DEFAULTS.heat,
  defaultPublished: NEW_RECORD_DEFAULTS.published,
  /** How a record's file is named when it is first saved (export, folder sync); see recordFileName. */
  fileNameTemplate: DEFAULT_FILE_NAME_TEMPLATE,
};

/** A value the table refuses (an error; a warning never blocks). */
const refused = (rule: (typeof FIELD_RULES)[keyof typeof FIELD_RULES], value: unknown) =>
  checkValue(rule, value).some((finding) => finding.severity === 'error');

export type Settings = typeof defaultSettings;

type Stored = Record<string, unknown> & { version?: number };

/** One step of settings history: takes stored settings of version i+1 to i+2. */
export type SettingsMigration = (old: Stored) => Stored;

/** Each migration takes settings of version i+1 to i+2. None yet: version 1 is the first. */
export const migrations: SettingsMigration[] = [];

/** The longest category name and the most categories the options page accepts. */
export const CATEGORY_MAX_LENGTH = 40;
export const CATEGORIES_MAX = 50;

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');
}

/** Runs the migrations from the stored version up to `target`; newer or unknown versions pass as they are. */
export function migrateSettings(stored: unknown, steps: SettingsMigration[] = migrations,
  target = SETTINGS_VERSION): Stored {
  let data: Stored = stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...(stored as Stored) } : {};
  const from = typeof data.version === 'number' && Number.isInteger(data.version) && data.version >= 1 ? data.version : 1;
  for (let v = from; v < target; v++) {
    const step = steps[v - 1];
    if (!step) throw new Error(`No settings migration from version ${v}`);
    data = { ...step(data), version: v + 1 };
  }
  return data;
}

/** Brings stored settings up to date and replaces every invalid value with its default. */
export function loadSettings(stored: unknown, steps: SettingsMigration[] = migrations,
  target = SETTINGS_VERSION): Settings {
  const data = migrateSettings(stored, steps, target);
  const out: Settings = { ...defaultSettings, categories: [...defaultSettings.categories] };
  if (isStringList(data.categories) && data.categories.length > 0) {
    out.categories = [...new Set(data.categories.map((c) => c.trim()))];
  }
  if (typeof data.defaultCategory === 'string' && out.categories.includes(data.defaultCategory)) {
    out.defaultCategory = data.defaultCategory;
  } else {
    out.defaultCategory = out.categories[0]!;
  }
  if (!refused(FIELD_RULES.quality, data.defaultQuality)) out.defaultQuality = data.defaultQuality as number;
  if (!refused(FIELD_RULES.heat, data.defaultHeat)) out.defaultHeat = data.defaultHeat as number;
  if (!refused(FIELD_RULES.published, data.defaultPublished)) out.defaultPublished = data.defaultPublished as boolean;
  if (typeof data.fileNameTemplate === 'string' && !templateProblem(data.fileNameTemplate)) out.fileNameTemplate = data.fileNameTemplate;
  return out;
}

export function storedSettings(settings: Settings): Stored {
  return { ...settings, version: SETTINGS_VERSION };
}

/** A problem with one setting a person tried to save. */
export interface SettingsProblem {
  key: keyof Settings | 'settings';
  message: string;
}

/**
 * Checks a change before it is saved, so a wrong value is refused with a reason rather than
 * silently replaced by its default as loadSettings does for stored data.
 */
export function checkSettingsChange(change: unknown, current: Settings): SettingsProblem[] {
  if (!change || typeof change !== 'object' || Array.isArray(change)) {
    return [{ key: 'settings', message: 'must be an object' }];
  }
  const patch = change as Record<string, unknown>;
  const problems: SettingsProblem[] = [];
  for (const key of Object.keys(patch)) {
    // Object.hasOwn, not `in`: `constructor` or `__proto__` are no settings.
    if (!Object.hasOwn(defaultSettings, key)) problems.push({ key: 'settings', message: `unknown setting "${key}"` });
  }
  const has = (key: keyof Settings) => Object.hasOwn(patch, key);
  const categories = has('categories') ? patch.categories : current.categories;
  if (has('categories')) {
    if (!Array.isArray(categories) || !categories.every((c) => typeof c === 'string')) {
      problems.push({ key: 'categories', message: 'must be a list of names' });
    } else if (categories.length === 0) {
      problems.push({ key: 'categories', message: 'needs at least one category' });
    } else if (categories.length > CATEGORIES_MAX) {
      problems.push({ key: 'categories', message: `at most ${CATEGORIES_MAX} categories` });
    } else {
      const names = (categories as string[]).map((c) => c.trim());
      if (names.some((c) => c === '')) problems.push({ key: 'categories', message: 'a category name is empty' });
      if (names.some((c) => c.length > CATEGORY_MAX_LENGTH)) {
        problems.push({ key: 'categories', message: `a category name is longer than ${CATEGORY_MAX_LENGTH} characters` });
      }
      if (new Set(names).size !== names.length) problems.push({ key: 'categories', message: 'a category is listed twice' });
    }
  }
  if (has('defaultCategory')) {
    const list = Array.isArray(categories) ? (categories as unknown[]).map((c) => (typeof c === 'string' ? c.trim() : c)) : [];
    if (typeof patch.defaultCategory !== 'string' || !list.includes(patch.defaultCategory)) {
      problems.push({ key: 'defaultCategory', message: 'must be one of the categories' });
    }
  }
  const fields = [['defaultQuality', FIELD_RULES.quality], ['defaultHeat', FIELD_RULES.heat],
    ['defaultPublished', FIELD_RULES.published]] as const;
  for (const [key, rule] of fields) {
    if (!has(key)) continue;
    const error = checkValue(rule, patch[key]).find((finding) => finding.severity === 'error');
    if (error) problems.push({ key, message: error.message });
  }
  if (has('fileNameTemplate')) {
    const template = patch.fileNameTemplate;
    const why = typeof template === 'string' ? templateProblem(template) : 'must be text';
    if (why) problems.push({ key: 'fileNameTemplate', message: why });
  }
  return problems;
}

/** Applies a checked change; a default category no longer in the list falls back to the first. */
export function applySettingsChange(current: Settings, change: Partial<Settings>): Settings {
  return loadSettings({ ...storedSettings(current), ...change });
}
