// A record as a Markdown file to download: the format's text and a file name safe on every system.
import { serializeRecord, type LedeRecord } from '../record/index.js';

const NAME_MAX = 80;

/** `Meta’s AI: plan?` → `Meta’s AI plan.md`: letters, digits, spaces and a few marks; never empty, never hidden. */
export function exportFilename(title: string): string {
  const name = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M} ’'_.,()-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const cut = [...name].slice(0, NAME_MAX).join('').trim();
  return `${cut || 'record'}.md`;
}

export function exportRecord(record: LedeRecord): { filename: string; text: string } {
  return { filename: exportFilename(record.title), text: serializeRecord(record) };
}
