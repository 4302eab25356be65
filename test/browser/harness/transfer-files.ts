// The library both transfer tests export and import: another tool's record, the seed record, and records
// that share a title (so file names need their suffix).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeRecord } from '../../../src/record/index.js';
import { readZip } from '../../../src/transfer/zip-read.js';
import { sampleRecord } from '../../record/fixtures.js';
import { hasShared, sharedDir } from '../../shared.js';

/** Another tool's record: unknown keys, its own key order, a long excerpt; must come back byte for byte. */
export const OTHER = `---
title: 'From another tool'
x-tool: {id: 7}
originalUrl: "https://other.example/story"
excerpt: "${'Long standfirst. '.repeat(14).trim()}"
---

Body.
`;

export const transferFiles = [
  { name: 'other.md', text: OTHER },
  ...(hasShared ? [{ name: 'seed-record.md', text: readFileSync(join(sharedDir, 'fixtures', 'seed-record.md'), 'utf8') }] : []),
  ...Array.from({ length: 30 }, (_, i) => ({
    name: `r${i}.md`,
    text: serializeRecord(sampleRecord({ title: i % 2 ? 'Same title' : `Record <b>${i}</b>`, originalUrl: `https://example.com/${i}`, webUrl: `https://example.com/${i}` })),
  })),
];

/** What an exported zip must hold: every file's text exactly, under unique names, the shared title suffixed. */
export async function checkExportedZip(bytes: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const contents = await readZip(bytes);
  if (contents.records.length !== transferFiles.length) problems.push(`${contents.records.length} files, expected ${transferFiles.length}`);
  const texts = new Set(contents.records.map((r) => new TextDecoder().decode(r.bytes)));
  for (const file of transferFiles) if (!texts.has(file.text)) problems.push(`${file.name} is not in the zip byte for byte`);
  const names = contents.records.map((r) => r.name);
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) problems.push('two files share a name');
  if (!names.includes('2024-02-29-same-title.md')) problems.push('no 2024-02-29-same-title.md');
  if (names.filter((n) => /^2024-02-29-same-title-[0-9a-z]{6}\.md$/.test(n)).length !== 14) problems.push('the suffixed names are not 14');
  return problems;
}

/** Runs in an extension page: every record as [file name, text], sorted. */
export async function libraryFilesInPage(): Promise<Array<[string, string]>> {
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const out: Array<[string, string]> = [];
  // Slices are cut by bytes as well as by count: the next offset is what this slice held.
  for (let offset = 0; ;) {
    const answer = await api.runtime.sendMessage({ lede: 1, type: 'library/files', payload: { exportId: 'check', offset, limit: 200 } });
    out.push(...answer.files.map((f: { name: string; text: string }) => [f.name, f.text] as [string, string]));
    offset += answer.files.length;
    if (offset >= answer.total || answer.files.length === 0) break;
  }
  return out.sort();
}

/** Runs in an extension page: imports files through the background, returns the actions. */
export async function importInPage(files: Array<{ name: string; text: string }>): Promise<string[]> {
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const answer = await api.runtime.sendMessage({ lede: 1, type: 'library/import', payload: { files } });
  return answer.entries.map((e: { action: string }) => e.action);
}
