// The tolerant reader: any record in the format's shape, from Lede or elsewhere, or clear problems.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { isCanonicalDateTime, normaliseDateTime } from './dates.js';
import type { Problem } from './problems.js';
import { codePointLength, isWebUrl, securedProblem } from './text.js';
import {
  DEFAULT_CATEGORY, DEFAULT_TYPE, EXCERPT_MAX, HEAT_UNSET, IMAGE_KEYS, PROVIDER_KEYS,
  RECORD_KEYS, RELATED_KEYS,
  type ExtraKeys, type LedeRecord, type Provider, type RecordImage, type RelatedEntry,
} from './types.js';

export type ParseResult =
  | { ok: true; record: LedeRecord; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

export interface ParseOptions {
  /** Named in every problem. */
  file?: string;
}

/** Splits the text into front matter and body; null fields say what is wrong. */
function splitFrontMatter(text: string):
  | { yaml: string; body: string; bodyLine: number }
  | { error: string; line: number } {
  const lines = text.split(/(?<=\n)/);
  if (lines.length === 0 || lines[0]!.replace(/\r?\n$/, '').trimEnd() !== '---') {
    return { error: 'no front matter: the file must start with a line "---"', line: 1 };
  }
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.replace(/\r?\n$/, '').trimEnd() === '---') {
      const yaml = lines.slice(1, i).join('').replace(/\r\n/g, '\n');
      let rest = i + 1;
      // The format puts one empty line between the fences and the body.
      if (rest < lines.length && /^\r?\n$/.test(lines[rest]!)) rest++;
      return { yaml, body: lines.slice(rest).join(''), bodyLine: rest + 1 };
    }
  }
  return { error: 'unterminated front matter: no closing "---" line', line: 1 };
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

function entriesOf(map: YAMLMap): Entry[] {
  return map.items.map((pair) => {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    return { key, node: (pair.value as Node | null) ?? null, keyNode };
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
    return node.toJS(ctx.doc, { maxAliasCount: 100 });
  } catch (error) {
    report(ctx, path, node, `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

function keyPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function str(ctx: Context, path: string, entry: Entry | undefined, fallback: string,
  options: { required?: boolean } = {}): string {
  const key = path;
  if (!entry || entry.node === null || (isScalar(entry.node) && entry.node.value === null)) {
    if (options.required) report(ctx, key, entry?.keyNode, 'is required');
    return fallback;
  }
  if (!isScalar(entry.node)) {
    report(ctx, key, entry.node, 'must be text');
    return fallback;
  }
  const value = entry.node.value;
  if (typeof value === 'string') {
    if (options.required && value.trim() === '') report(ctx, key, entry.node, 'must not be empty');
    return value;
  }
  // A plain `2024` or `true` written by another tool: keep what the file says, as text.
  return entry.node.source ?? String(value);
}

function int(ctx: Context, path: string, entry: Entry | undefined, fallback: number,
  range?: [number, number]): number {
  if (!entry || entry.node === null) return fallback;
  const value = isScalar(entry.node) ? entry.node.value : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    const shown = isScalar(entry.node) ? JSON.stringify(entry.node.value) : 'a collection';
    report(ctx, path, entry.node, `must be a whole number${range ? ` from ${range[0]} to ${range[1]}` : ''}, not ${shown}`);
    return fallback;
  }
  if (range && (value < range[0] || value > range[1])) {
    report(ctx, path, entry.node, `must be from ${range[0]} to ${range[1]}, not ${value}`);
    return fallback;
  }
  return value;
}

function bool(ctx: Context, path: string, entry: Entry | undefined, fallback: boolean): boolean {
  if (!entry || entry.node === null) return fallback;
  const value = isScalar(entry.node) ? entry.node.value : undefined;
  if (typeof value !== 'boolean') {
    report(ctx, path, entry.node, 'must be true or false');
    return fallback;
  }
  return value;
}

function dateTime(ctx: Context, path: string, entry: Entry | undefined): string | null {
  if (!entry || entry.node === null) return null;
  if (!isScalar(entry.node)) {
    report(ctx, path, entry.node, 'must be a date-time like 2023-05-03T12:24:00Z, or null');
    return null;
  }
  const value = entry.node.value;
  if (value === null) return null;
  const text = value instanceof Date ? value.toISOString() : String(value);
  if (isCanonicalDateTime(text)) return text;
  const normal = normaliseDateTime(text);
  if (normal === null) {
    report(ctx, path, entry.node, `must be a date-time like 2023-05-03T12:24:00Z, not ${JSON.stringify(text)}`);
    return null;
  }
  report(ctx, path, entry.node, `read ${JSON.stringify(text)} as ${normal}`, 'warning');
  return normal;
}

function url(ctx: Context, path: string, entry: Entry | undefined): string {
  const value = str(ctx, path, entry, '');
  if (value !== '' && !isWebUrl(value)) {
    report(ctx, path, entry?.node, `must be an http(s) address, not ${JSON.stringify(value.slice(0, 80))}`);
    return '';
  }
  return value;
}

function excerpt(ctx: Context, path: string, entry: Entry | undefined): string {
  const value = str(ctx, path, entry, '');
  const length = codePointLength(value);
  if (length > EXCERPT_MAX) {
    report(ctx, path, entry?.node, `is ${length} characters; Lede writes at most ${EXCERPT_MAX}`, 'warning');
  }
  return value;
}

function readProvider(ctx: Context, path: string, entry: Entry | undefined): Provider {
  if (!entry || entry.node === null) return { name: '', domain: '' };
  const map = readMap(ctx, path, entry.node, PROVIDER_KEYS);
  if (!map) return { name: '', domain: '' };
  const provider: Provider = {
    name: str(ctx, keyPath(path, 'name'), map.fields.get('name'), ''),
    domain: str(ctx, keyPath(path, 'domain'), map.fields.get('domain'), ''),
  };
  if (map.extra) provider.extra = map.extra;
  return provider;
}

function readList<T>(ctx: Context, path: string, entry: Entry | undefined,
  item: (node: Node | null, path: string) => T | undefined): T[] {
  if (!entry || entry.node === null) return [];
  if (!isSeq(entry.node)) {
    report(ctx, path, entry.node, 'must be a list');
    return [];
  }
  const out: T[] = [];
  entry.node.items.forEach((node, index) => {
    const value = item(node as Node | null, `${path}[${index}]`);
    if (value !== undefined) out.push(value);
  });
  return out;
}

function readImage(ctx: Context, node: Node | null, path: string): RecordImage | undefined {
  const map = readMap(ctx, path, node, IMAGE_KEYS);
  if (!map) return undefined;
  const f = map.fields;
  const image: RecordImage = { url: url(ctx, keyPath(path, 'url'), f.get('url')) };
  if (!image.url) report(ctx, keyPath(path, 'url'), f.get('url')?.node ?? node, 'is required');
  if (f.has('width')) image.width = int(ctx, keyPath(path, 'width'), f.get('width'), 0, [0, 1e6]);
  if (f.has('height')) image.height = int(ctx, keyPath(path, 'height'), f.get('height'), 0, [0, 1e6]);
  if (f.has('isCached')) image.isCached = bool(ctx, keyPath(path, 'isCached'), f.get('isCached'), false);
  if (map.extra) image.extra = map.extra;
  return image;
}

function readRelated(ctx: Context, node: Node | null, path: string): RelatedEntry | undefined {
  const map = readMap(ctx, path, node, RELATED_KEYS);
  if (!map) return undefined;
  const f = map.fields;
  const entry: RelatedEntry = {
    title: str(ctx, keyPath(path, 'title'), f.get('title'), ''),
    excerpt: excerpt(ctx, keyPath(path, 'excerpt'), f.get('excerpt')),
    publishedDateTime: dateTime(ctx, keyPath(path, 'publishedDateTime'), f.get('publishedDateTime')),
    webUrl: url(ctx, keyPath(path, 'webUrl'), f.get('webUrl')),
    type: str(ctx, keyPath(path, 'type'), f.get('type'), DEFAULT_TYPE),
    provider: readProvider(ctx, keyPath(path, 'provider'), f.get('provider')),
    quality: int(ctx, keyPath(path, 'quality'), f.get('quality'), 0, [0, 100]),
    images: readList(ctx, keyPath(path, 'images'), f.get('images'), (n, p) => readImage(ctx, n, p)),
  };
  if (!entry.webUrl) report(ctx, keyPath(path, 'webUrl'), f.get('webUrl')?.node ?? node, 'is required');
  if (map.extra) entry.extra = map.extra;
  return entry;
}

function readTopics(ctx: Context, entry: Entry | undefined): string[] {
  const topics = readList(ctx, 'topics', entry, (node, path) => {
    if (!isScalar(node) || node.value === null) {
      report(ctx, path, node, 'must be text');
      return undefined;
    }
    const value = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
    return value.trim() === '' ? undefined : value;
  });
  return [...new Set(topics)];
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
    lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false,
  });
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  const problems: Problem[] = [];
  for (const error of doc.errors) {
    const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ file, line: line + 1, message: `YAML syntax error: ${message}`, severity: 'error' });
  }
  if (problems.length > 0) return { ok: false, problems };
  for (const warning of doc.warnings) {
    const line = lineCounter.linePos(warning.pos[0]).line;
    problems.push({ file, line, message: warning.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), severity: 'warning' });
  }

  const ctx: Context = { file, doc, problems, lineOf };
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    problems.push({ file, line: 2, message: 'the front matter must be a mapping of keys to values', severity: 'error' });
    return { ok: false, problems };
  }
  const map = readMap(ctx, '', root, RECORD_KEYS)!;
  const f = map.fields;
  const originalUrl = url(ctx, 'originalUrl', f.get('originalUrl'));
  const webUrl = url(ctx, 'webUrl', f.get('webUrl'));
  const record: LedeRecord = {
    category: str(ctx, 'category', f.get('category'), DEFAULT_CATEGORY),
    title: str(ctx, 'title', f.get('title'), '', { required: true }),
    excerpt: excerpt(ctx, 'excerpt', f.get('excerpt')),
    publishedDateTime: dateTime(ctx, 'publishedDateTime', f.get('publishedDateTime')),
    originalUrl: originalUrl || webUrl,
    webUrl: webUrl || originalUrl,
    type: str(ctx, 'type', f.get('type'), DEFAULT_TYPE),
    quality: int(ctx, 'quality', f.get('quality'), 0, [0, 100]),
    heat: int(ctx, 'heat', f.get('heat'), HEAT_UNSET),
    published: bool(ctx, 'published', f.get('published'), false),
    provider: readProvider(ctx, 'provider', f.get('provider')),
    topics: readTopics(ctx, f.get('topics')),
    related: readList(ctx, 'related', f.get('related'), (n, p) => readRelated(ctx, n, p)),
    body: split.body,
  };
  const secured = f.get('secured');
  if (secured && secured.node !== null) {
    const value = str(ctx, 'secured', secured, '');
    const why = securedProblem(value);
    if (why) report(ctx, 'secured', secured.node, why);
    else record.secured = value;
  }
  if (map.extra) record.extra = map.extra;

  // Lines are counted from the YAML; the file has the opening fence above it, which is also
  // where a missing key is reported.
  for (const problem of problems) problem.line = (problem.line ?? 0) + 1;
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return { ok: false, problems };
  return { ok: true, record, warnings: problems };
}
