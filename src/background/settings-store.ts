// Settings in storage.local: loaded through the settings module's migrations and checks, changed only when valid.
import {
  applySettingsChange, checkSettingsChange, loadSettings, storedSettings, type Settings, type SettingsProblem,
} from '../shared/settings.js';
import type { StorageAreaLike } from './storage-areas.js';

const KEY = 'settings';

export class SettingsError extends Error {
  constructor(readonly problems: SettingsProblem[]) {
    super(problems.map((p) => `${p.key}: ${p.message}`).join('; '));
    this.name = 'SettingsError';
  }
}

export class SettingsStore {
  constructor(private readonly area: StorageAreaLike) {}

  async get(): Promise<Settings> {
    return loadSettings((await this.area.get(KEY))[KEY]);
  }

  /** Applies a change after checking it; throws SettingsError with every problem otherwise. */
  async set(change: Partial<Settings>): Promise<Settings> {
    const current = await this.get();
    const problems = checkSettingsChange(change, current);
    if (problems.length) throw new SettingsError(problems);
    const next = applySettingsChange(current, change);
    await this.area.set({ [KEY]: storedSettings(next) });
    return next;
  }
}
