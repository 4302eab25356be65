// Settings: defaults, migrations, validation on load, and checked changes through the store.
import { describe, expect, it } from 'vitest';
import { SettingsError, SettingsStore } from '../../src/background/settings-store.js';
import { memoryArea } from '../../src/background/storage-areas.js';
import {
  checkSettingsChange, defaultSettings, loadSettings, migrateSettings, SETTINGS_VERSION,
} from '../../src/shared/settings.js';

describe('loadSettings', () => {
  it('gives the defaults for nothing stored or garbage', () => {
    for (const stored of [undefined, null, 'x', 42, [], {}]) expect(loadSettings(stored)).toEqual(defaultSettings);
  });

  it('keeps valid values and replaces each invalid one with its default', () => {
    expect(loadSettings({
      version: 1, categories: ['tech', ' tech ', 'science'], defaultCategory: 'science',
      defaultQuality: 101, defaultHeat: 2.5, defaultPublished: 'yes',
    })).toEqual({ ...defaultSettings, categories: ['tech', 'science'], defaultCategory: 'science' });
  });

  it('falls back to the first category when the default is not listed', () => {
    expect(loadSettings({ categories: ['a', 'b'], defaultCategory: 'news' }).defaultCategory).toBe('a');
    expect(loadSettings({ categories: [], defaultCategory: 'news' }).categories).toEqual(defaultSettings.categories);
  });

  it('does not share the defaults object', () => {
    const settings = loadSettings({});
    settings.categories.push('mutated');
    expect(defaultSettings.categories).not.toContain('mutated');
  });
});

describe('migrateSettings', () => {
  it('runs each step from the stored version to the target, in order', () => {
    const steps = [
      (old: Record<string, unknown>) => ({ ...old, categories: String(old.categoryList).split(',') }),
      (old: Record<string, unknown>) => ({ ...old, defaultQuality: Number(old.defaultQuality) * 10 }),
    ];
    expect(migrateSettings({ version: 1, categoryList: 'a,b', defaultQuality: 7 }, steps, 3))
      .toMatchObject({ version: 3, categories: ['a', 'b'], defaultQuality: 70 });
    expect(migrateSettings({ version: 2, defaultQuality: 7 }, steps, 3)).toMatchObject({ version: 3, defaultQuality: 70 });
    expect(loadSettings({ categoryList: 'x,y', defaultQuality: 5 }, steps, 3))
      .toMatchObject({ categories: ['x', 'y'], defaultCategory: 'x', defaultQuality: 50 });
  });

  it('fails loudly when a step is missing rather than loading half-migrated settings', () => {
    expect(() => migrateSettings({ version: 1 }, [], 2)).toThrow(/No settings migration from version 1/);
  });

  it('leaves settings of the current version as they are', () => {
    expect(migrateSettings({ version: SETTINGS_VERSION, defaultHeat: 4 })).toEqual({ version: SETTINGS_VERSION, defaultHeat: 4 });
  });
});

describe('defaults from the table of field rules', () => {
  it('a new record starts from the table\'s defaults', async () => {
    const { FIELD_RULES } = await import('../../src/record/index.js');
    expect(defaultSettings).toMatchObject({
      defaultCategory: FIELD_RULES.category.default, defaultQuality: FIELD_RULES.quality.default,
      defaultHeat: FIELD_RULES.heat.default, defaultPublished: FIELD_RULES.published.default,
    });
  });
});

describe('checkSettingsChange', () => {
  const keys = (change: unknown) => checkSettingsChange(change, defaultSettings).map((p) => p.key);

  it('accepts a valid change', () => {
    expect(keys({ categories: ['x', 'y'], defaultCategory: 'y', defaultQuality: 0, defaultHeat: -1, defaultPublished: true })).toEqual([]);
    expect(keys({ defaultCategory: 'opinion' })).toEqual([]);
  });

  it.each([
    [{ categories: [] }, ['categories']],
    [{ categories: ['a', 'a'] }, ['categories']],
    [{ categories: ['a', ' '] }, ['categories']],
    [{ categories: ['x'.repeat(41)] }, ['categories']],
    [{ categories: 'news' }, ['categories']],
    [{ categories: ['a'], defaultCategory: 'news' }, ['defaultCategory']],
    [{ defaultCategory: 'unknown' }, ['defaultCategory']],
    [{ defaultQuality: 50.5 }, ['defaultQuality']],
    [{ defaultQuality: Number.NaN }, ['defaultQuality']],
    [{ defaultQuality: -1 }, ['defaultQuality']],
    [{ defaultHeat: '3' }, ['defaultHeat']],
    [{ defaultPublished: 1 }, ['defaultPublished']],
    [{ colour: 'red' }, ['settings']],
    [{ constructor: 1 }, ['settings']],
    [{ fileNameTemplate: '{date}-{when}' }, ['fileNameTemplate']],
    [{ fileNameTemplate: 3 }, ['fileNameTemplate']],
    [{ toString: 'x' }, ['settings']],
    [JSON.parse('{"__proto__": {"defaultQuality": 5}}'), ['settings']],
    [null, ['settings']],
  ])('refuses %j', (change, expected) => {
    expect(keys(change)).toEqual(expected);
  });
});

describe('SettingsStore', () => {
  it('saves a checked change with its version and reads it back', async () => {
    const area = memoryArea();
    const store = new SettingsStore(area);
    expect(await store.get()).toEqual(defaultSettings);
    const next = await store.set({ categories: ['tech', 'news'], defaultCategory: 'tech', defaultQuality: 80 });
    expect(next).toMatchObject({ defaultCategory: 'tech', defaultQuality: 80, defaultHeat: -1 });
    expect(await store.get()).toEqual(next);
    expect((await area.get('settings')).settings).toMatchObject({ version: SETTINGS_VERSION });
  });

  it('moves the default category to the first one when its category is removed', async () => {
    const store = new SettingsStore(memoryArea());
    await store.set({ defaultCategory: 'opinion' });
    expect((await store.set({ categories: ['a', 'b'] })).defaultCategory).toBe('a');
  });

  it('refuses a wrong change and keeps what was stored', async () => {
    const store = new SettingsStore(memoryArea());
    await store.set({ defaultQuality: 10 });
    await expect(store.set({ defaultQuality: 500 })).rejects.toBeInstanceOf(SettingsError);
    expect((await store.get()).defaultQuality).toBe(10);
  });
});
