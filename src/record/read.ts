// The tolerant reader: any record in the format's shape, from Lede or elsewhere, or clear problems.
// Field rules come from the one table (rules.ts); the cost of reading is bounded (size, aliases, keys).
import {
  isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLMap,
} from 'yaml';
import { isCanonicalDateTime, normaliseDateTime } from './dates.js';
import type { Problem } from './problems.js';
import { absentValue, checkValue, RECORD_FILE_MAX_BYTES, RECORD_LIMITS, ruleFor, sizeMessage, typeMessage, type FieldRule } from './rules.js';
import { bodySizeProblem, frontMatterSizeProblem } from './size.js';
import {
  IMAGE_KEYS, PROVIDER_KEYS, RECORD_KEYS, RELATED_KEYS,
  type ExtraKeys, type LedeRecord, type Provider, type RecordImage, type RelatedEntry,
} from './types.js';
import { unwritableValue } from './validate.js';

export type ParseResult =
  | { ok: true; record: LedeRecord; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

export interface ParseOptions {
  /** Named in every problem. */
  file?: string;
}

/** Front matter above this many bytes is refused before any line is split or parsed. */
export const FRONT_MATTER_MAX_BYTES = RECORD_LIMITS.frontMatterBytes;
export const ALIAS_BUDGET = RECORD_LIMITS.aliases;
export const FRONT_MATTER_ITEMS_MAX = RECORD_LIMITS.frontMatterItems;
/** Problems listed for one file; past this the file is plainly not a record. */
const PROBLEMS_MAX = 50;

function fenceAt(text: string, start: number): number {
  // A fence line: `---`, optional trailing blanks, then a line end or the end of the text.
  let i = start + 3;
  if (text.slice(start, i) !== '---') return -1;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  if (text[i] === '\n') return i + 1;
  return i === text.length ? i : -1;
}

/**
 * Splits the text into front matter and body by scanning for the fences, never splitting the
 * whole text into lines; front matter over FRONT_MATTER_MAX_BYTES is refused before it is read.
 */
export function splitFrontMatter(text: string):
  | { yaml: string; body: string }
  | { error: string; line: number } {
  const open = fenceAt(text, 0);
  if (open < 0) return { error: 'no front matter: the file must start with a line "---"', line: 1 };
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so this many units always hold the largest allowed front matter.
  const searchEnd = Math.min(text.length, open + FRONT_MATTER_MAX_BYTES + 8);
  let close = -1;
  let after = -1;
  for (let at = open - 1; at >= 0 && at < searchEnd;) {
    const next = fenceAt(text, at + 1);
    if (next >= 0) {
      close = at + 1;
      after = next;
      break;
    }
    at = text.indexOf('\n', at + 1);
  }
  if (close < 0) {
    return searchEnd < text.length
      ? { error: sizeMessage('front matter over 1 MB: no closing "---" line within it'), line: 1 }
      : { error: 'unterminated front matter: no closing "---" line', line: 1 };
  }
  const raw = text.slice(open, close);
  const tooMuch = frontMatterSizeProblem(raw);
  if (tooMuch) return { error: tooMuch, line: 1 };
  let rest = after;
  // The format puts one empty line between the fences and the body.
  if (text[rest] === '\n') rest += 1;
  else if (text[rest] === '\r' && text[rest + 1] === '\n') rest += 2;
  const body = text.slice(rest);
  const bodyTooLarge = bodySizeProblem(body);
  if (bodyTooLarge) return { error: bodyTooLarge, line: 1 };
  return { yaml: raw.replace(/\r\n/g, '\n'), body };
}

interface Context {
  file?: string;
  doc: Document.Parsed;
  problems: Problem[];
  lineOf(node: Node | null | undefined): number | undefined;
}

function report(ctx: Context, key: string, node: Node | null | undefined, message: string,
  severity: Problem['severity'] = 'error'): void {
  ctx.problems.push({ file: ctx.file, line: ctx.lineOf(node), key, message, severity });
}

interface Entry { key: string; node: Node | null; keyNode: Node }

function keyText(keyNode: Node): string {
  return isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
}

function entriesOf(map: YAMLMap): Entry[] {
  return map.items.map((pair) => {
    const keyNode = pair.key as Node;
    return { key: keyText(keyNode), node: (pair.value as Node | null) ?? null, keyNode };
  });
}

/** Reads a map's known keys with `read`, and keeps the unknown ones as plain values. */
function readMap(ctx: Context, path: string, node: Node | null, known: readonly string[]):
  { fields: Map<string, Entry>; extra: ExtraKeys | undefined } | null {
  if (!isMap(node)) {
    report(ctx, path, node, 'must be a mapping of keys to values');
    return null;
  }
  const fields = new Map<string, Entry>();
  let extra: ExtraKeys | undefined;
  for (const entry of entriesOf(node)) {
    if (known.includes(entry.key)) fields.set(entry.key, entry);
    else {
      // defineProperty, so a key named __proto__ stays data and never becomes a prototype.
      Object.defineProperty(extra ??= {}, entry.key, {
        value: plainValue(ctx, keyPath(path, entry.key), entry.node),
        enumerable: true, writable: true, configurable: true,
      });
    }
  }
  return { fields, extra };
}

/** An unknown key's value as plain data, aliases resolved within the document's alias budget. */
function plainValue(ctx: Context, path: string, node: Node | null): unknown {
  if (node === null) return null;
  try {
    const value: unknown = node.toJS(ctx.doc, { maxAliasCount: ALIAS_BUDGET });
    const why = unwritableValue(value, 1);
    if (why) report(ctx, path, node, why);
    return value;
  } catch (error) {
    report(ctx, path, node, `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

function keyPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function rule(path: string): FieldRule {
  return ruleFor(path)!;
}

function isAbsent(entry: Entry | undefined): boolean {
  return !entry || entry.node === null || (isScalar(entry.node) && entry.node.value === null);
}

/** Reports the table's findings on a value read; an error leaves the key's absent value. */
function checked<T>(ctx: Context, path: string, node: Node | null | undefined, value: T): T {
  const fieldRule = rule(path);
  let ok = true;
  for (const finding of checkValue(fieldRule, value)) {
    report(ctx, path, node, finding.message, finding.severity);
    if (finding.severity === 'error') ok = false;
  }
  return ok ? value : absentValue(fieldRule) as T;
}

function str(ctx: Context, path: string, entry: Entry | undefined): string {
  if (isAbsent(entry)) return checked(ctx, path, entry?.keyNode, absentValue(rule(path)) as string);
  const node = entry!.node;
  if (!isScalar(node)) {
    report(ctx, path, node, typeMessage(rule(path)));
    return absentValue(rule(path)) as string;
  }
  // A plain `2024` or `true` written by another tool: keep what the file says, as text.
  const text = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  return checked(ctx, path, node, text);
}

function int(ctx: Context, path: string, entry: Entry | undefined): number {
  if (isAbsent(entry)) return absentValue(rule(path)) as number;
  const node = entry!.node;
  const value = isScalar(node) ? node.value : 'a collection';
  return checked(ctx, path, node, value as number);
}

function bool(ctx: Context, path: string, entry: Entry | undefined): boolean {
  if (isAbsent(entry)) return absentValue(rule(path)) as boolean;
  const node = entry!.node;
  const value = isScalar(node) ? node.value : undefined;
  return checked(ctx, path, node, value as boolean);
}

function dateTime(ctx: Context, path: string, entry: Entry | undefined): string | null {
  if (isAbsent(entry)) return null;
  const node = entry!.node;
  if (!isScalar(node)) {
    report(ctx, path, node, typeMessage(rule(path)));
    return null;
  }
  const value = node.value;
  const text = value instanceof Date ? value.toISOString() : String(value);
  if (isCanonicalDateTime(text)) return text;
  const normal = normaliseDateTime(text);
  if (normal === null) {
    report(ctx, path, node, `must be a date-time like 2023-05-03T12:24:00Z, not ${JSON.stringify(text)}`);
    return null;
  }
  report(ctx, path, node, `read ${JSON.stringify(text)} as ${normal}`, 'warning');
  return normal;
}

function readProvider(ctx: Context, path: string, entry: Entry | undefined): Provider {
  if (isAbsent(entry)) return { name: '', domain: '' };
  const map = readMap(ctx, path, entry!.node, PROVIDER_KEYS);
  if (!map) return { name: '', domain: '' };
  const provider: Provider = {
    name: str(ctx, keyPath(path, 'name'), map.fields.get('name')),
    domain: str(ctx, keyPath(path, 'domain'), map.fields.get('domain')),
  };
  if (map.extra) provider.extra = map.extra;
  return provider;
}

function readList<T>(ctx: Context, path: string, entry: Entry | undefined,
  item: (node: Node | null, path: string) => T | undefined): T[] {
  if (isAbsent(entry)) return [];
  const node = entry!.node;
  if (!isSeq(node)) {
    report(ctx, path, node, 'must be a list');
    return [];
  }
  const out: T[] = [];
  node.items.forEach((node, index) => {
    const value = item(node as Node | null, `${path}[${index}]`);
    if (value !== undefined) out.push(value);
  });
  return out;
}

function readImage(ctx: Context, node: Node | null, path: string): RecordImage | undefined {
  const map = readMap(ctx, path, node, IMAGE_KEYS);
  if (!map) return undefined;
  const f = map.fields;
  const image: RecordImage = { url: str(ctx, keyPath(path, 'url'), f.get('url')) };
  if (f.has('width')) image.width = int(ctx, keyPath(path, 'width'), f.get('width'));
  if (f.has('height')) image.height = int(ctx, keyPath(path, 'height'), f.get('height'));
  if (f.has('isCached')) image.isCached = bool(ctx, keyPath(path, 'isCached'), f.get('isCached'));
  if (map.extra) image.extra = map.extra;
  return image;
}

function readRelated(ctx: Context, node: Node | null, path: string): RelatedEntry | undefined {
  const map = readMap(ctx, path, node, RELATED_KEYS);
  if (!map) return undefined;
  const f = map.fields;
  const entry: RelatedEntry = {
    title: str(ctx, keyPath(path, 'title'), f.get('title')),
    excerpt: str(ctx, keyPath(path, 'excerpt'), f.get('excerpt')),
    publishedDateTime: dateTime(ctx, keyPath(path, 'publishedDateTime'), f.get('publishedDateTime')),
    webUrl: str(ctx, keyPath(path, 'webUrl'), f.get('webUrl')),
    type: str(ctx, keyPath(path, 'type'), f.get('type')),
    provider: readProvider(ctx, keyPath(path, 'provider'), f.get('provider')),
    quality: int(ctx, keyPath(path, 'quality'), f.get('quality')),
    images: readList(ctx, keyPath(path, 'images'), f.get('images'), (n, p) => readImage(ctx, n, p)),
  };
  if (map.extra) entry.extra = map.extra;
  return entry;
}

/** Topics as text; an empty or repeated one is left out with the table's warning. */
function readTopics(ctx: Context, entry: Entry | undefined): string[] {
  const topics = readList(ctx, 'topics', entry, (node, path) => {
    if (!isScalar(node) || node.value === null) {
      report(ctx, path, node, 'must be text');
      return undefined;
    }
    return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  });
  if (entry?.node) {
    for (const finding of checkValue(rule('topics'), topics)) {
      report(ctx, 'topics', entry.node, finding.message, finding.severity);
    }
  }
  return [...new Set(topics.filter((topic) => topic.trim() !== ''))];
}

/**
 * One pass over the document: every map's keys must be distinct (the yaml library's own check
 * compares each key with every other, 12 s on 40,000 keys), and aliases stay within the budget.
 */
function checkStructure(doc: Document.Parsed, lineOf: (node: Node) => number | undefined, file?: string): Problem[] {
  const problems: Problem[] = [];
  let aliases = 0;
  visit(doc, {
    Alias(_key, node) {
      aliases++;
      if (aliases === ALIAS_BUDGET + 1) {
        problems.push({ file, line: lineOf(node), message: `uses more than ${ALIAS_BUDGET} aliases (*name); Lede reads at most ${ALIAS_BUDGET}`, severity: 'error' });
        return visit.BREAK;
      }
      return undefined;
    },
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const keyNode = pair.key as Node;
        const key = isAlias(keyNode) ? `*${keyNode.source}` : keyText(keyNode);
        if (seen.has(key)) {
          problems.push({ file, line: lineOf(keyNode), key, message: 'is given twice; a key may appear once', severity: 'error' });
        }
        seen.add(key);
      }
      return problems.length >= PROBLEMS_MAX ? visit.BREAK : undefined;
    },
  });
  return problems;
}

/**
 * Reads a record from its file text (or bytes, which must be UTF-8). Never returns part of a
 * record: either the whole record with any warnings, or the problems that stop it.
 */
export function parseRecord(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const file = options.file;
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    // Refused before a byte is decoded: no file past the contract costs its size twice in memory.
    if (input.length > RECORD_FILE_MAX_BYTES) {
      return { ok: false, problems: [{ file, line: 1, message: sizeMessage(`the file is ${(input.length / 1024 / 1024).toFixed(1)} MB`), severity: 'error' }] };
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, problems: [{ file, line: 1, message: 'is not UTF-8 text', severity: 'error' }] };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const split = splitFrontMatter(text);
  if ('error' in split) {
    return { ok: false, problems: [{ file, line: split.line, message: split.error, severity: 'error' }] };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, {
    lineCounter, schema: 'core', uniqueKeys: false, prettyErrors: false,
  });
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  const problems: Problem[] = [];
  // Lines are counted from the YAML; the file has the opening fence above it, which is also
  // where a missing key is reported.
  const done = (record?: LedeRecord): ParseResult => {
    for (const problem of problems) problem.line = (problem.line ?? 0) + 1;
    if (problems.length > PROBLEMS_MAX) {
      problems.splice(PROBLEMS_MAX, Infinity, { file, line: 1, message: `and ${problems.length - PROBLEMS_MAX} more problems`, severity: 'error' });
    }
    return record && !problems.some((p) => p.severity === 'error') ? { ok: true, record, warnings: problems } : { ok: false, problems };
  };
  for (const error of doc.errors.slice(0, PROBLEMS_MAX + 1)) {
    const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ file, line, message: `YAML syntax error: ${message}`, severity: 'error' });
  }
  if (problems.length > 0) return done();
  problems.push(...checkStructure(doc, (node) => lineOf(node), file));
  if (problems.length > 0) return done();
  for (const warning of doc.warnings) {
    const line = lineCounter.linePos(warning.pos[0]).line;
    problems.push({ file, line, message: warning.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), severity: 'warning' });
  }

  const ctx: Context = { file, doc, problems, lineOf };
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    problems.push({ file, line: 1, message: 'the front matter must be a mapping of keys to values', severity: 'error' });
    return done();
  }
  const map = readMap(ctx, '', root, RECORD_KEYS)!;
  const f = map.fields;
  const originalUrl = str(ctx, 'originalUrl', f.get('originalUrl'));
  const webUrl = str(ctx, 'webUrl', f.get('webUrl'));
  const record: LedeRecord = {
    category: str(ctx, 'category', f.get('category')),
    title: str(ctx, 'title', f.get('title')),
    excerpt: str(ctx, 'excerpt', f.get('excerpt')),
    publishedDateTime: dateTime(ctx, 'publishedDateTime', f.get('publishedDateTime')),
    originalUrl: originalUrl || webUrl,
    webUrl: webUrl || originalUrl,
    type: str(ctx, 'type', f.get('type')),
    quality: int(ctx, 'quality', f.get('quality')),
    heat: int(ctx, 'heat', f.get('heat')),
    published: bool(ctx, 'published', f.get('published')),
    provider: readProvider(ctx, 'provider', f.get('provider')),
    topics: readTopics(ctx, f.get('topics')),
    related: readList(ctx, 'related', f.get('related'), (n, p) => readRelated(ctx, n, p)),
    body: split.body,
  };
  const secured = f.get('secured');
  if (secured && !isAbsent(secured)) {
    const node = secured.node;
    const value = isScalar(node) && typeof node.value === 'string' ? node.value : node;
    const kept = checked(ctx, 'secured', node, value);
    if (typeof kept === 'string') record.secured = kept;
  }
  if (map.extra) record.extra = map.extra;
  return done(record);
}
