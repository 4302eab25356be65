// Checks a record held in memory (an edited draft, an import) against the table of field rules, and
// against what the writer can write, so the library never keeps a record its export would then fail on.
import type { Problem } from './problems.js';
import { checkValue, ruleFor } from './rules.js';
import { bodySizeProblem, frontMatterSizeProblem } from './size.js';
import {
  IMAGE_KEYS, PROVIDER_KEYS, RECORD_KEYS, RELATED_KEYS,
  type ExtraKeys, type LedeRecord, type Provider, type RecordImage, type RelatedEntry,
} from './types.js';

/** How deep another tool's values may nest below a known key; deeper is refused by reader and validator alike. */
export const EXTRA_DEPTH_MAX = 32;

type Report = (key: string, message: string, severity?: Problem['severity']) => void;

function check(report: Report, path: string, value: unknown): void {
  const rule = ruleFor(path);
  if (!rule) return;
  for (const finding of checkValue(rule, value)) report(path, finding.message, finding.severity);
}

/** Why a value another tool wrote cannot be written back as the same data, or null when it can. */
export function unwritableValue(value: unknown, depth = 0): string | null {
  if (depth > EXTRA_DEPTH_MAX) return `nests deeper than ${EXTRA_DEPTH_MAX} levels`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'is not a finite number';
  if (Array.isArray(value)) {
    for (const item of value) {
      const why = unwritableValue(item, depth + 1);
      if (why) return why;
    }
    return null;
  }
  if (Object.prototype.toString.call(value) === '[object Object]') {
    for (const inner of Object.values(value as object)) {
      const why = unwritableValue(inner, depth + 1);
      if (why) return why;
    }
    return null;
  }
  return `cannot be written as YAML (${typeof value})`;
}

function checkExtra(report: Report, path: string, extra: ExtraKeys | undefined, known: readonly string[]): void {
  if (extra === undefined) return;
  for (const [key, value] of Object.entries(extra)) {
    const at = path ? `${path}.${key}` : key;
    // The writer puts unknown keys after the known ones: a clash would write the key twice.
    if (known.includes(key)) report(at, 'is a field of the format and cannot also be an unknown key');
    const why = unwritableValue(value, 1);
    if (why) report(at, why);
  }
}

function checkProvider(report: Report, path: string, provider: Provider): void {
  check(report, `${path}.name`, provider.name);
  check(report, `${path}.domain`, provider.domain);
  checkExtra(report, path, provider.extra, PROVIDER_KEYS);
}

function checkImage(report: Report, path: string, image: RecordImage): void {
  check(report, `${path}.url`, image.url);
  if (image.width !== undefined) check(report, `${path}.width`, image.width);
  if (image.height !== undefined) check(report, `${path}.height`, image.height);
  if (image.isCached !== undefined) check(report, `${path}.isCached`, image.isCached);
  checkExtra(report, path, image.extra, IMAGE_KEYS);
}

function checkRelated(report: Report, path: string, entry: RelatedEntry): void {
  for (const key of ['title', 'excerpt', 'publishedDateTime', 'webUrl', 'type', 'quality'] as const) {
    check(report, `${path}.${key}`, entry[key]);
  }
  checkProvider(report, `${path}.provider`, entry.provider);
  entry.images.forEach((image, i) => checkImage(report, `${path}.images[${i}]`, image));
  checkExtra(report, path, entry.extra, RELATED_KEYS);
}

/**
 * Every rule of the table and every limit of the writer. Errors refuse the record; warnings are
 * for the person and never block. An empty list means the record is sound as it is. With `written`
 * (`serializeRecord(record)`), also the size contract on that text: see validateWritable, which every
 * writer calls. Without it the check stays free of the yaml writer, for the popup and the editor.
 */
export function validateRecord(record: LedeRecord, file?: string, written?: string): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (key, message, severity = 'error') => problems.push({ file, key, message, severity });
  for (const key of ['category', 'title', 'excerpt', 'publishedDateTime', 'originalUrl', 'webUrl', 'type',
    'quality', 'heat', 'published', 'topics', 'secured'] as const) {
    check(report, key, record[key]);
  }
  checkProvider(report, 'provider', record.provider);
  record.related.forEach((entry, i) => checkRelated(report, `related[${i}]`, entry));
  checkExtra(report, '', record.extra, RECORD_KEYS);
  if (written !== undefined && errorsOf(problems).length === 0) checkSize(report, record, written);
  return problems;
}

/**
 * The size contract on what the writer would write: a record the reader would refuse (12,000 topics,
 * a 2 MB title, 1,000 related entries) is refused here too, so the library never holds one it cannot export.
 */
function checkSize(report: Report, record: LedeRecord, written: string): void {
  const body = bodySizeProblem(record.body);
  if (body) report('body', body);
  // `written` is serializeRecord's text: `---\n`, the front matter, `---\n\n`, the body.
  const fields = frontMatterSizeProblem(written.slice(4, written.length - record.body.length - 5));
  if (fields) report('', fields);
}

/** Only the problems that refuse a record. */
export function errorsOf(problems: Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity === 'error');
}
