// The repo's conventions for messages: every name in the message map has a handler and a validator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { createRouter } from '../../src/background/router.js';
import { SENDER_POLICY } from '../../src/background/sender-policy.js';
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

describe('least privilege between contexts', () => {
  const names = messageNames();
  const self = { id: 'lede@test', base: 'chrome-extension://abcdef/' };
  const offscreen = { id: 'lede@test', url: 'chrome-extension://abcdef/offscreen/offscreen.html' };

  it('the offscreen document (it parses untrusted pages) may send sync/observed and nothing else', async () => {
    expect(SENDER_POLICY['/offscreen/offscreen.html']).toEqual(['sync/observed']);
    const deps = makeDeps();
    const route = createRouter(createHandlers(deps), validators, self, deps.t);
    // Every message of the map, sent from there: all but one refused by the gate, before any shape check.
    const sendable: string[] = [];
    for (const type of names) {
      const answer = await route({ lede: 1, type, payload: {} }, offscreen) as { ledeError?: string };
      if (!answer?.ledeError?.startsWith(`Refused: this page may not send "${type}"`)) sendable.push(type);
    }
    expect(sendable).toEqual(['sync/observed']);
  });

  it('every page the router accepts has a row in the sender policy', () => {
    for (const [path, allowed] of Object.entries(SENDER_POLICY)) {
      expect(path).toMatch(/^\/[a-z/]+\.html$/);
      if (allowed !== 'all') for (const type of allowed) expect(names).toContain(type);
    }
  });
});
