// A record for the editor tests.
import type { LedeRecord } from '../../src/record/types.js';

export function sampleRecord(overrides: Partial<LedeRecord> = {}): LedeRecord {
  return {
    category: 'news',
    title: 'A headline',
    excerpt: 'The standfirst.',
    publishedDateTime: '2024-02-29T23:30:00Z',
    originalUrl: 'https://example.com/a',
    webUrl: 'https://example.com/a?amp=1',
    type: 'article',
    quality: 15,
    heat: -1,
    published: false,
    provider: { name: 'Example News', domain: 'example.com' },
    topics: ['AI'],
    related: [],
    body: '',
    ...overrides,
  };
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
