// The browsers' raw failures in the product's words (issue 19, case 15): what happened and what to do.
import { describe, expect, it } from 'vitest';
import { isInterruption, plainFailure } from '../../src/pages/library/failures.js';

describe('plainFailure', () => {
  const raw = {
    'Could not serialize message.': /could not pass this data.*try again with fewer files/,
    'Message exceeded maximum allowed size of 64MiB.': /more data in one step than the browser allows.*Nothing was half-written/,
    'Could not establish connection. Receiving end does not exist.': /background stopped.*Reload this page and try again/,
    'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received': /background stopped/,
    'QuotaExceededError: The quota has been exceeded.': /no room left.*Free disk space/,
  };
  for (const [message, said] of Object.entries(raw)) {
    it(`"${message.slice(0, 50)}…" is said plainly, the browser's words kept at the end`, () => {
      const text = plainFailure(new Error(message));
      expect(text).toMatch(said);
      expect(text.startsWith(message)).toBe(false);
    });
  }
  it('a stopped background is an interruption (the work may have landed); a refusal is not', () => {
    expect(isInterruption(new Error('Could not establish connection. Receiving end does not exist.'))).toBe(true);
    expect(isInterruption(new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received'))).toBe(true);
    expect(isInterruption(new Error('is not a Lede backup'))).toBe(false);
    expect(plainFailure(new Error('is not a Lede backup'))).toBe('is not a Lede backup');
  });
});
