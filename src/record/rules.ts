// The one table of field rules: type, range, required, severity and message of every field. The reader,
// validateRecord, the editor's checks, the settings' defaults and the import all read it; none repeats it.
//
// Severity is the contract: an `error` refuses the record everywhere (reader, library, editor, import);
// a `warning` is shown and never blocks a save or an import.
import { isCanonicalDateTime } from './dates.js';
import { codePointLength, isWebUrl, securedProblem } from './text.js';
import { DEFAULT_CATEGORY, DEFAULT_TYPE, EXCERPT_MAX, HEAT_UNSET } from './types.js';

export type Severity = 'error' | 'warning';

export type FieldType = 'text' | 'integer' | 'boolean' | 'dateTime' | 'url' | 'topics' | 'secured';

export interface FieldRule {
  type: FieldType;
  /** A new record's value; the settings' defaults start from these. */
  default: unknown;
  /**
   * What a file without the key reads as, where that differs from `default`: a file with no
   * `quality` was never scored (0), while a new record starts at the user's default score.
   */
  absent?: unknown;
  /** Empty or missing is an error. */
  required?: boolean;
  /** Whole numbers only: the bounds, and how bad it is to pass them. */
  min?: number;
  max?: number;
  rangeSeverity?: Severity;
  /** What the range means, in the message. */
  rangeNote?: string;
  /** Text longer than this (code points) is a warning: the writer cuts it there. */
  maxCodePoints?: number;
  /** An empty text that is not required but still worth a word. */
  emptyWarning?: string;
}

/**
 * The size contract: the largest record the reader accepts is the largest the library, the editor,
 * the CLI writers and every importer accept. Front matter is bounded before it is parsed (bytes, lines
 * plus flow items, aliases, flow brackets opened in a row) so that no input costs seconds; the body is
 * bounded so that a record, even JSON-escaped, always fits in one of the browsers' 64 MiB messages.
 */
export const RECORD_LIMITS = {
  frontMatterBytes: 1024 * 1024,
  /** Lines plus flow items (`,`): a cheap upper bound on the YAML nodes. Records use a few hundred. */
  frontMatterItems: 10_000,
  /** Aliases (`*name`) one record may use; rare in records and costly in bulk. */
  aliases: 100,
  /** Flow lists or maps opened in a row (`[[[[`) before the parser is not even asked. */
  openRun: 64,
  bodyBytes: 8 * 1024 * 1024,
} as const;

/** The largest record file in bytes: both parts at their largest, the fences, a BOM and CRLF line ends. */
export const RECORD_FILE_MAX_BYTES = RECORD_LIMITS.frontMatterBytes + RECORD_LIMITS.bodyBytes + 64;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The contract in one sentence, the end of every size message, wherever the record was refused. */
export const RECORD_SIZE_RULE = `a record holds at most ${mb(RECORD_LIMITS.frontMatterBytes)} of front matter ` +
  `(${RECORD_LIMITS.frontMatterItems.toLocaleString('en')} lines and list items) and ${mb(RECORD_LIMITS.bodyBytes)} of body`;

/** A size problem, said the same way by the reader, the validator, the CLI and the importers. */
export function sizeMessage(what: string): string {
  return `${what}; ${RECORD_SIZE_RULE}`;
}

/** Image sizes above this are not real images. */
export const IMAGE_SIZE_MAX = 1_000_000;

const text = (value: string, more: Partial<FieldRule> = {}): FieldRule => ({ type: 'text', default: value, ...more });
const url = (required = false): FieldRule => ({ type: 'url', default: '', required });
const score = (): FieldRule => ({ type: 'integer', default: 50, absent: 0, min: 0, max: 100, rangeSeverity: 'error' });
const size = (): FieldRule => ({ type: 'integer', default: 0, min: 0, max: IMAGE_SIZE_MAX, rangeSeverity: 'error' });

/**
 * Every field, by its path with list indexes left out: `related.images.width` is the rule of
 * `related[2].images[0].width`.
 */
export const FIELD_RULES = {
  category: text(DEFAULT_CATEGORY),
  title: text('', { required: true }),
  excerpt: text('', { maxCodePoints: EXCERPT_MAX }),
  publishedDateTime: { type: 'dateTime', default: null },
  originalUrl: url(),
  webUrl: url(),
  type: text(DEFAULT_TYPE, { emptyWarning: 'is empty; a type such as article says what the record is' }),
  quality: score(),
  heat: { type: 'integer', default: HEAT_UNSET, min: -1, rangeSeverity: 'warning', rangeNote: '-1 means not set' },
  published: { type: 'boolean', default: false },
  'provider.name': text(''),
  'provider.domain': text(''),
  topics: { type: 'topics', default: [] },
  secured: { type: 'secured', default: undefined },
  'related.title': text(''),
  'related.excerpt': text('', { maxCodePoints: EXCERPT_MAX }),
  'related.publishedDateTime': { type: 'dateTime', default: null },
  'related.webUrl': url(true),
  'related.provider.name': text(''),
  'related.provider.domain': text(''),
  'related.type': text(DEFAULT_TYPE),
  'related.quality': score(),
  'related.images.url': url(true),
  'related.images.width': size(),
  'related.images.height': size(),
  'related.images.isCached': { type: 'boolean', default: false },
} satisfies Record<string, FieldRule>;

export type FieldKey = keyof typeof FIELD_RULES;

/** The rule of a concrete key path (`related[1].quality` → `related.quality`); undefined for unknown keys. */
export function ruleFor(path: string): FieldRule | undefined {
  const key = path.replace(/\[\d+\]/g, '');
  return Object.hasOwn(FIELD_RULES, key) ? FIELD_RULES[key as FieldKey] : undefined;
}

/** The value a file without this key reads as. */
export function absentValue(rule: FieldRule): unknown {
  return 'absent' in rule ? rule.absent : rule.default;
}

export interface Finding {
  severity: Severity;
  message: string;
}

/** What the type alone demands, said the same way by the reader and the validator. */
export function typeMessage(rule: FieldRule): string {
  switch (rule.type) {
    case 'text': return 'must be text';
    case 'integer': return `must be a whole number${rangeText(rule)}`;
    case 'boolean': return 'must be true or false';
    case 'dateTime': return 'must be a date-time like 2023-05-03T12:24:00Z, or null';
    case 'url': return 'must be an http(s) address';
    case 'topics': return 'must be a list of topics';
    case 'secured': return 'must be text: base64(ciphertext);base64(iv)';
  }
}

function rangeText(rule: FieldRule): string {
  if (rule.min !== undefined && rule.max !== undefined) return ` from ${rule.min} to ${rule.max}`;
  if (rule.min !== undefined) return `, ${rule.min} or more`;
  return '';
}

/**
 * Checks one value of the right type against its rule. The reader calls it once it has read the
 * value, validateRecord for every field of a record in memory, the editor through validateRecord.
 */
export function checkValue(rule: FieldRule, value: unknown): Finding[] {
  const out: Finding[] = [];
  const error = (message: string) => out.push({ severity: 'error', message });
  switch (rule.type) {
    case 'text': {
      if (typeof value !== 'string') return [{ severity: 'error', message: typeMessage(rule) }];
      if (value.trim() === '') {
        if (rule.required) error(value === '' ? 'is required' : 'must not be empty');
        else if (rule.emptyWarning) out.push({ severity: 'warning', message: rule.emptyWarning });
      }
      if (rule.maxCodePoints !== undefined) {
        const length = codePointLength(value);
        if (length > rule.maxCodePoints) {
          out.push({ severity: 'warning', message: `is ${length} characters; Lede writes at most ${rule.maxCodePoints}` });
        }
      }
      return out;
    }
    case 'url':
      if (typeof value !== 'string') return [{ severity: 'error', message: typeMessage(rule) }];
      if (value === '') {
        if (rule.required) error('is required');
      } else if (!isWebUrl(value)) {
        error(`must be an http(s) address, not ${JSON.stringify(value.slice(0, 80))}`);
      }
      return out;
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return [{ severity: 'error', message: `${typeMessage(rule)}, not ${JSON.stringify(value) ?? String(value)}` }];
      }
      if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
        const note = rule.rangeNote ? `; ${rule.rangeNote}` : '';
        const bounds = rule.max === undefined ? `${rule.min} or more` : `from ${rule.min} to ${rule.max}`;
        out.push({ severity: rule.rangeSeverity ?? 'error', message: `should be ${bounds}${note}, not ${value}` });
      }
      return out;
    }
    case 'boolean':
      return typeof value === 'boolean' ? out : [{ severity: 'error', message: typeMessage(rule) }];
    case 'dateTime':
      if (value === null) return out;
      if (typeof value !== 'string' || !isCanonicalDateTime(value)) {
        error(`must be UTC like 2023-05-03T12:24:00Z, not ${JSON.stringify(value)}`);
      }
      return out;
    case 'topics': {
      if (!Array.isArray(value) || !value.every((topic) => typeof topic === 'string')) {
        return [{ severity: 'error', message: typeMessage(rule) }];
      }
      if (value.some((topic) => topic.trim() === '')) out.push({ severity: 'warning', message: 'has an empty topic; it is left out' });
      if (new Set(value).size !== value.length) out.push({ severity: 'warning', message: 'has a topic twice; it is kept once' });
      return out;
    }
    case 'secured': {
      if (value === undefined) return out;
      if (typeof value !== 'string') return [{ severity: 'error', message: typeMessage(rule) }];
      const why = securedProblem(value);
      if (why) error(why);
      return out;
    }
  }
}

/** The settings' defaults for new records, straight from the table. */
export const NEW_RECORD_DEFAULTS = {
  category: FIELD_RULES.category.default as string,
  quality: FIELD_RULES.quality.default as number,
  heat: FIELD_RULES.heat.default as number,
  published: FIELD_RULES.published.default as boolean,
  type: FIELD_RULES.type.default as string,
};
