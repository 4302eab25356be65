// One write path: no module outside src/background/store/ opens the library database or writes its rows.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../shared.js';

/** The ways code could reach a library row without the store: each pattern names what it catches. */
const ROW_WRITES: Array<[string, RegExp]> = [
  ['a write on the records store', /\.(put|add|delete|clear)\(\s*['"`](records|gone)['"`]/],
  ['the records store opened', /objectStore\(\s*['"`](records|gone)['"`]\s*\)/],
  ['a read-write transaction over records', /transaction\(\s*\[?[^)]*['"`](records|gone)['"`][^)]*['"`]readwrite['"`]/],
  ['the library database opened', /(openDB|indexedDB\.open|deleteDB|new LazyDatabase[^(]*)\(\s*['"`]lede['"`]/],
  ['the library database opener', /\blibraryDatabase\(|\bLIBRARY_DB_NAME\b/],
];

export function rowWrites(source: string): string[] {
  return ROW_WRITES.filter(([, pattern]) => pattern.test(source)).map(([what]) => what);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const STORE = 'src/background/store/';

describe('one write path for library rows', () => {
  it('finds no row write, and no opening of the library database, outside the store', () => {
    const found = sourceFiles(join(repoRoot, 'src'))
      .map((file) => relative(repoRoot, file).replaceAll('\\', '/'))
      .filter((file) => !file.startsWith(STORE))
      .flatMap((file) => rowWrites(readFileSync(join(repoRoot, file), 'utf8')).map((what) => `${file}: ${what}`));
    expect(found).toEqual([]);
  });

  it('sees the store\'s own writes (the scan reads real code)', () => {
    const writer = readFileSync(join(repoRoot, STORE, 'writer.ts'), 'utf8');
    expect(rowWrites(writer)).toContain('the records store opened');
    expect(rowWrites(readFileSync(join(repoRoot, STORE, 'database.ts'), 'utf8'))).toContain('the library database opener');
  });

  it('bites on each way round the store', () => {
    expect(rowWrites("await db.put('records', row);")).toEqual(['a write on the records store']);
    expect(rowWrites('await db.delete("records", id);')).toEqual(['a write on the records store']);
    expect(rowWrites("tx.objectStore('records').put(row);")).toEqual(['the records store opened']);
    expect(rowWrites("const tx = db.transaction(['records', 'gone'], 'readwrite');")).toContain('a read-write transaction over records');
    expect(rowWrites("const db = await openDB('lede', 3);")).toEqual(['the library database opened']);
    expect(rowWrites("indexedDB.open('lede')")).toEqual(['the library database opened']);
    expect(rowWrites('const db = libraryDatabase();')).toEqual(['the library database opener']);
  });

  it('leaves other databases and reads alone', () => {
    expect(rowWrites("await db.put('files', tracked); await openDB('lede-sync', 2); db.transaction('records');")).toEqual([]);
    expect(rowWrites('await store.apply(id, 3, change, \'popup\');')).toEqual([]);
  });
});
