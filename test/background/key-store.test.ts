// The key ring's rows: every change of roles is one transaction, and none of them can lose a key.
import { describe, expect, it } from 'vitest';
import type { KeyRow } from '../../src/background/key-store.js';
import { newKey } from '../../src/secure/index.js';
import { freshKeyStore } from './fakes.js';

async function row(id: string): Promise<KeyRow> {
  const made = await newKey();
  return { id, role: 'current', key: made.key, kind: 'key', check: made.check, createdAt: new Date().toISOString(), backupConfirmed: true };
}

describe('KeyStore', () => {
  it('refuses a second change while one is unfinished, and promotes only the key its loop used', async () => {
    const keys = freshKeyStore();
    expect(await keys.beginChange(await row('a'))).toEqual({ ok: false, reason: 'no-key' });
    expect(await keys.putFirst(await row('first'))).toBe(true);
    expect(await keys.putFirst(await row('second'))).toBe(false);
    expect(await keys.beginChange(await row('a'))).toEqual({ ok: true });
    expect(await keys.beginChange(await row('b'))).toEqual({ ok: false, reason: 'changing' });
    // A loop that used another key (an import's, before the ring) promotes nothing.
    expect(await keys.promote('b')).toBe(false);
    expect((await keys.ring()).map((r) => [r.id, r.role])).toEqual([['first', 'current'], ['a', 'next']]);
    expect(await keys.promote('a')).toBe(true);
    expect((await keys.ring()).map((r) => [r.id, r.role])).toEqual([['a', 'current'], ['first', 'retired']]);
  });

  it('removes only a retired key; a pending key never reads nor blocks a first key', async () => {
    const keys = freshKeyStore();
    await keys.putPending(await row('pending-1'));
    await keys.putPending(await row('pending-2'));
    expect((await keys.ring()).map((r) => [r.id, r.role])).toEqual([['pending-2', 'pending']]);
    expect(await keys.putFirst(await row('first'))).toBe(true);
    expect((await keys.ring()).map((r) => r.id)).toEqual(['first']);
    expect(await keys.removeRetired('first')).toBe(false);
    await keys.beginChange(await row('next'));
    await keys.promote('next');
    expect(await keys.removeRetired('first')).toBe(true);
    expect((await keys.ring()).map((r) => [r.id, r.role])).toEqual([['next', 'current']]);
  });
});
