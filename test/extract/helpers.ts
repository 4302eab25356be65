// Small pages for the extraction tests: a head and a body, and the engine run at a fixed clock.
import { extractFromHtml } from '../../src/extract/node.js';
import type { Extraction } from '../../src/extract/types.js';

export const NOW = Date.UTC(2024, 5, 1, 12);
export const URL = 'https://www.example.co.uk/news/2020/05/04/some-story';

export function page(head: string, body = ''): string {
  return `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
}

export function run(html: string, url = URL): Extraction {
  return extractFromHtml(html, url, { now: NOW });
}

export function ld(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
}
