// The writer: a record to the exact text of FORMAT.md, built with the yaml document API.
import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, parse } from 'yaml';
import { cutCodePoints } from './text.js';
import type { ExtraKeys, LedeRecord, Provider, RecordImage, RelatedEntry } from './types.js';

const doc = new Document();

function quoted(value: string): Scalar {
  const node = new Scalar(value);
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/**
 * A string written plain where that reads back as the same string — in YAML 1.2 and in the
 * YAML 1.1 readers other tools use (`yes`, `010`, `2024-12-19`; `=` and `<<`, which PyYAML reads as the
 * value and merge keys and cannot load) — and double-quoted otherwise.
 */
function plainOrQuoted(value: string): Scalar {
  const node = new Scalar(value);
  if (!readsBackPlain(value)) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

const PLAIN_SAFE = /^[\p{L}\p{N}][\p{L}\p{N} .,_()'’/+-]*$/u;
const YAML11_SPECIAL =
  /^(?:=|<<|y|n|yes|no|on|off|true|false|null|~|[-+]?(?:\.inf|\.nan)|[-+]?[\d_]+(?:\.[\d_]*)?(?:e[-+]?\d+)?|0x[\da-f_]+|0o?[0-7_]+|0b[01_]+|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$/i;

function readsBackPlain(value: string): boolean {
  if (value === '' || value !== value.trim()) return false;
  if (YAML11_SPECIAL.test(value)) return false;
  if (PLAIN_SAFE.test(value)) return true;
  // Anything unusual: plain only when the yaml library itself reads it back unchanged.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be quoted
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udfff]/.test(value)) return false;
  try {
    return parse(value, { logLevel: 'silent' }) === value;
  } catch {
    return false;
  }
}

function extraPairs(map: YAMLMap, extra: ExtraKeys | undefined): void {
  for (const [key, value] of Object.entries(extra ?? {})) {
    map.add(new Pair(plainOrQuoted(key), extraNode(value)));
  }
}

/**
 * A value another tool wrote, written back with the same string rule as ours: never as a block
 * scalar, whose leading spaces the yaml library can lose (a lone " \n" would read back as "\n").
 */
function extraNode(value: unknown): unknown {
  if (typeof value === 'string') return plainOrQuoted(value);
  if (Array.isArray(value)) return seq(value.map(extraNode));
  if (Object.prototype.toString.call(value) === '[object Object]') {
    const map = new YAMLMap();
    for (const [key, inner] of Object.entries(value as object)) map.add(new Pair(plainOrQuoted(key), extraNode(inner)));
    return map;
  }
  return doc.createNode(value);
}

function setSpaceBefore(map: YAMLMap, key: string): void {
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (pair && isScalar(pair.key)) pair.key.spaceBefore = true;
}

function pairs(entries: Array<[string, unknown]>): YAMLMap {
  const map = new YAMLMap();
  for (const [key, value] of entries) map.add(new Pair(new Scalar(key), value));
  return map;
}

function providerNode(provider: Provider): YAMLMap {
  const map = pairs([
    ['name', plainOrQuoted(provider.name)],
    ['domain', plainOrQuoted(provider.domain)],
  ]);
  extraPairs(map, provider.extra);
  return map;
}

function dateNode(value: string | null): Scalar {
  return value === null ? new Scalar(null) : plainOrDate(value);
}

/** The canonical date-time is written plain, as in the reference; anything else is quoted. */
function plainOrDate(value: string): Scalar {
  const node = new Scalar(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

function seq(items: unknown[]): YAMLSeq {
  const node = new YAMLSeq();
  for (const item of items) node.add(item);
  if (items.length === 0) node.flow = true;
  return node;
}

function imageNode(image: RecordImage): YAMLMap {
  const entries: Array<[string, unknown]> = [['url', quoted(image.url)]];
  if (image.width !== undefined) entries.push(['width', new Scalar(image.width)]);
  if (image.height !== undefined) entries.push(['height', new Scalar(image.height)]);
  if (image.isCached !== undefined) entries.push(['isCached', new Scalar(image.isCached)]);
  const map = pairs(entries);
  extraPairs(map, image.extra);
  return map;
}

function relatedNode(entry: RelatedEntry): YAMLMap {
  const map = pairs([
    ['title', quoted(entry.title)],
    ['excerpt', quoted(cutCodePoints(entry.excerpt))],
    ['publishedDateTime', dateNode(entry.publishedDateTime)],
    ['webUrl', quoted(entry.webUrl)],
    ['type', plainOrQuoted(entry.type)],
    ['provider', providerNode(entry.provider)],
    ['quality', new Scalar(entry.quality)],
    ['images', seq(entry.images.map(imageNode))],
  ]);
  extraPairs(map, entry.extra);
  return map;
}

/** The front matter alone, without the `---` fences. */
export function serializeFrontMatter(record: LedeRecord): string {
  const map = pairs([
    ['category', plainOrQuoted(record.category)],
    ['title', quoted(record.title)],
    ['excerpt', quoted(cutCodePoints(record.excerpt))],
    ['publishedDateTime', dateNode(record.publishedDateTime)],
    ['originalUrl', quoted(record.originalUrl)],
    ['webUrl', quoted(record.webUrl)],
    ['type', plainOrQuoted(record.type)],
    ['quality', new Scalar(record.quality)],
    ['heat', new Scalar(record.heat)],
    ['published', new Scalar(record.published)],
    ['provider', providerNode(record.provider)],
    ['topics', seq(record.topics.map(plainOrQuoted))],
    ['related', seq(record.related.map(relatedNode))],
  ]);
  if (record.secured !== undefined) map.add(new Pair(new Scalar('secured'), quoted(record.secured)));
  for (const key of ['provider', 'topics', 'related', 'secured']) setSpaceBefore(map, key);
  const extraStart = map.items.length;
  extraPairs(map, record.extra);
  const firstExtra = map.items[extraStart];
  if (firstExtra && isScalar(firstExtra.key)) firstExtra.key.spaceBefore = true;

  const out = new Document(map);
  return out.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

/** The whole file: front matter, a blank line, then the body exactly as held. */
export function serializeRecord(record: LedeRecord): string {
  return `---\n${serializeFrontMatter(record)}---\n\n${record.body}`;
}

/** Related entries alone, as the `related:` group of a record writes them (for `lede related`). */
export function serializeRelated(entries: RelatedEntry[]): string {
  const out = new Document(pairs([['related', seq(entries.map(relatedNode))]]));
  return out.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, flowCollectionPadding: false });
}
