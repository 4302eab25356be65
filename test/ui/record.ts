// A record for the editor tests.
import type { LedeRecord } from '../../src/record/types.js';
import { sampleRecord as baseRecord } from '../record/fixtures.js';

/** The format tests' sample record, with the quality these editor tests were written against. */
export function sampleRecord(overrides: Partial<LedeRecord> = {}): LedeRecord {
  return baseRecord({ quality: 15, ...overrides });
}

export function key(target: Element, keyName: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

export function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
