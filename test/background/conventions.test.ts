// The repo's conventions for messages: every name in the message map has a handler and a validator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { validators } from '../../src/background/validators.js';
import { repoRoot } from '../shared.js';
import { makeDeps } from './fakes.js';

/** The names declared in `interface MessageMap`, read from the source as a person reads it. */
function messageNames(): string[] {
  const source = readFileSync(join(repoRoot, 'src/shared/messages.ts'), 'utf8');
  const body = /export interface MessageMap \{([\s\S]*?)\n\}/.exec(source)?.[1];
  if (!body) throw new Error('interface MessageMap not found in src/shared/messages.ts');
  return [...body.matchAll(/^\s*'([^']+)':/gm)].map((m) => m[1]!).sort();
}

describe('message conventions', () => {
  const names = messageNames();

  it('finds the message map', () => {
    expect(names).toContain('page/read');
    expect(names.length).toBeGreaterThanOrEqual(13);
  });

  it('has a handler for every message and nothing else', () => {
    expect(Object.keys(createHandlers(makeDeps())).sort()).toEqual(names);
  });

  it('has a validator for every message and nothing else', () => {
    expect(Object.keys(validators).sort()).toEqual(names);
  });

  it('names messages area/verb', () => {
    for (const name of names) expect(name).toMatch(/^[a-z]+\/[a-z]+$/);
  });
});
