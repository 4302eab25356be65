// Every interface text the popup, the editor and the library page ask for exists in the English messages.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const messages = JSON.parse(readFileSync(join(root, '_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('interface text', () => {
  it('has a message for every key used', () => {
    const sources = ['src/ui', 'src/popup', 'src/pages/library', 'src/pages/sync'].flatMap((dir) => files(join(root, dir)))
      .filter((path) => /\.(ts|html)$/.test(path));
    const used = new Set<string>();
    for (const path of sources) {
      for (const match of readFileSync(path, 'utf8').matchAll(/['"]((?:popup|editor|library|sync)[A-Z]\w*)['"]/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((key) => !messages[key]?.message);
    expect(missing).toEqual([]);
  });
});
