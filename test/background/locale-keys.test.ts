// Every message key the background and the options page ask for exists in _locales/en/messages.json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../shared.js';

const messages = JSON.parse(readFileSync(join(repoRoot, '_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

function sources(dir: string): string[] {
  return readdirSync(join(repoRoot, dir)).filter((f) => /\.(ts|html)$/.test(f)).map((f) => readFileSync(join(repoRoot, dir, f), 'utf8'));
}

describe('locale keys', () => {
  it('has every key the background uses', () => {
    const text = sources('src/background').join('\n');
    const keys = new Set([
      ...[...text.matchAll(/\bt\('([A-Za-z]+)'/g)].map((m) => m[1]!),
      ...[...text.matchAll(/'((?:read|store)[A-Z][A-Za-z]+)'/g)].map((m) => m[1]!),
      'settingsNotSaved', 'backgroundFailed',
    ]);
    expect(keys.size).toBeGreaterThan(15);
    expect([...keys].filter((key) => !messages[key])).toEqual([]);
  });

  it('has every key the options page uses', () => {
    const text = sources('src/pages/options').join('\n');
    const keys = new Set([
      ...[...text.matchAll(/data-i18n(?:-label|-placeholder)?="([A-Za-z]+)"/g)].map((m) => m[1]!),
      ...[...text.matchAll(/\bt\('([A-Za-z]+)'/g)].map((m) => m[1]!),
      ...[...text.matchAll(/'(options[A-Z][A-Za-z]+)'/g)].map((m) => m[1]!),
    ]);
    expect(keys.size).toBeGreaterThan(15);
    expect([...keys].filter((key) => !messages[key])).toEqual([]);
  });

  it('defines a placeholder for every $NAME$ it uses', () => {
    for (const [key, entry] of Object.entries(messages)) {
      for (const [, name] of entry.message.matchAll(/\$([A-Za-z_]+)\$/g)) {
        const placeholders = (entry as { placeholders?: Record<string, unknown> }).placeholders ?? {};
        expect(Object.keys(placeholders).map((p) => p.toLowerCase()), key).toContain(name!.toLowerCase());
      }
    }
  });
});
