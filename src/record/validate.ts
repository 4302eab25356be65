// Checks a record held in memory (an edited draft, an import) against the format's rules.
import { isCanonicalDateTime } from './dates.js';
import type { Problem } from './problems.js';
import { codePointLength, isWebUrl, securedProblem } from './text.js';
import { EXCERPT_MAX, type LedeRecord, type Provider, type RelatedEntry } from './types.js';

type Report = (key: string, message: string) => void;

function checkDate(report: Report, key: string, value: string | null): void {
  if (value !== null && !isCanonicalDateTime(value)) {
    report(key, `must be UTC like 2023-05-03T12:24:00Z, not ${JSON.stringify(value)}`);
  }
}

function checkUrl(report: Report, key: string, value: string, required: boolean): void {
  if (value === '') {
    if (required) report(key, 'is required');
  } else if (!isWebUrl(value)) {
    report(key, 'must be an http(s) address');
  }
}

function checkInt(report: Report, key: string, value: number, min?: number, max?: number): void {
  if (!Number.isInteger(value)) report(key, 'must be a whole number');
  else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    report(key, `must be from ${min} to ${max}`);
  }
}

function checkExcerpt(report: Report, key: string, value: string): void {
  const length = codePointLength(value);
  if (length > EXCERPT_MAX) report(key, `is ${length} characters; at most ${EXCERPT_MAX}`);
}

function checkProvider(report: Report, key: string, provider: Provider): void {
  if (typeof provider.name !== 'string') report(`${key}.name`, 'must be text');
  if (typeof provider.domain !== 'string') report(`${key}.domain`, 'must be text');
}

function checkRelated(report: Report, key: string, entry: RelatedEntry): void {
  checkExcerpt(report, `${key}.excerpt`, entry.excerpt);
  checkDate(report, `${key}.publishedDateTime`, entry.publishedDateTime);
  checkUrl(report, `${key}.webUrl`, entry.webUrl, true);
  checkProvider(report, `${key}.provider`, entry.provider);
  checkInt(report, `${key}.quality`, entry.quality, 0, 100);
  entry.images.forEach((image, i) => {
    checkUrl(report, `${key}.images[${i}].url`, image.url, true);
    if (image.width !== undefined) checkInt(report, `${key}.images[${i}].width`, image.width, 0, 1e6);
    if (image.height !== undefined) checkInt(report, `${key}.images[${i}].height`, image.height, 0, 1e6);
  });
}

/** Every rule the writer relies on; an empty list means the record can be saved as it is. */
export function validateRecord(record: LedeRecord, file?: string): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (key, message) => problems.push({ file, key, message, severity: 'error' });
  if (record.title.trim() === '') report('title', 'is required');
  checkExcerpt(report, 'excerpt', record.excerpt);
  checkDate(report, 'publishedDateTime', record.publishedDateTime);
  checkUrl(report, 'originalUrl', record.originalUrl, false);
  checkUrl(report, 'webUrl', record.webUrl, false);
  checkInt(report, 'quality', record.quality, 0, 100);
  checkInt(report, 'heat', record.heat);
  checkProvider(report, 'provider', record.provider);
  if (new Set(record.topics).size !== record.topics.length) report('topics', 'has a topic twice');
  record.topics.forEach((topic, i) => {
    if (topic.trim() === '') report(`topics[${i}]`, 'must not be empty');
  });
  record.related.forEach((entry, i) => checkRelated(report, `related[${i}]`, entry));
  if (record.secured !== undefined) {
    const why = securedProblem(record.secured);
    if (why) report('secured', why);
  }
  return problems;
}
