// @vitest-environment jsdom
// A library row: page text stays text, only http(s) addresses become links, and the actions are there.
import { describe, expect, it } from 'vitest';
import { articleUrl, renderRow } from '../../src/pages/library/rows.js';
import type { StoredRecord } from '../../src/shared/messages.js';
import { sampleRecord } from './record.js';

const XSS = '<img src=x onerror=alert(1)>';

function stored(overrides: Parameters<typeof sampleRecord>[0] = {}): StoredRecord {
  return { id: 'https://example.com/a', record: sampleRecord(overrides), savedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', revision: 1 };
}

describe('library row', () => {
  it('shows the record, with a safe link to the article and its actions', () => {
    const row = renderRow(stored());
    expect(row.dataset.id).toBe('https://example.com/a');
    const link = row.querySelector<HTMLAnchorElement>('.record-title a')!;
    expect(link.href).toBe('https://example.com/a');
    expect(link.rel).toContain('noopener');
    expect(link.target).toBe('_blank');
    expect(row.querySelector('.meta')!.textContent).toContain('Example News');
    expect([...row.querySelectorAll('.tags li')].map((li) => li.textContent)).toEqual(['AI']);
    for (const action of ['edit', 'export', 'delete']) {
      const button = row.querySelector<HTMLButtonElement>(`button.${action}`)!;
      expect(button.getAttribute('aria-label')).toBeTruthy();
    }
  });

  it('keeps page text as text', () => {
    const row = renderRow(stored({ title: XSS, excerpt: XSS, topics: [XSS], provider: { name: XSS, domain: 'x' } }));
    document.body.replaceChildren(row);
    expect(document.querySelector('img')).toBeNull();
    expect(row.querySelector('.record-title')!.textContent).toBe(XSS);
    expect(row.querySelector('.excerpt')!.textContent).toBe(XSS);
  });

  it('links only http(s) addresses', () => {
    const bad = stored({ originalUrl: 'javascript:alert(1)', webUrl: 'data:text/html,hi' });
    expect(articleUrl(bad)).toBeNull();
    expect(renderRow(bad).querySelector('a')).toBeNull();
    expect(articleUrl(stored({ originalUrl: '', webUrl: 'http://example.com/b' }))).toBe('http://example.com/b');
  });
});
