// The file name Lede gives a record: one rule for the extension's export, folder sync, the Node library
// and `lede name`, safe on every system (Windows being the strictest) and unique within a folder.
import type { LedeRecord } from './types.js';
import { normaliseUrl } from './url.js';

/** The default template: publication date (else the saved date), then the title's slug. */
export const DEFAULT_FILE_NAME_TEMPLATE = '{date}-{slug}';
/** The placeholders a template may use. */
export const FILE_NAME_PLACEHOLDERS = ['date', 'slug', 'provider', 'category', 'title'] as const;
/** The longest name, in UTF-8 bytes, `.md` and any suffix included (most file systems allow 255). */
export const FILE_NAME_MAX_BYTES = 200;

export interface FileNameOptions {
  /** Placeholders `{date}`, `{slug}`, `{provider}`, `{category}`, `{title}`; `.md` is added when missing. */
  template?: string;
  /**
   * Names already in use in the folder. A clash gets a short suffix drawn from the record's address,
   * so the same record gets the same name on every run. Put names in a Set as `fileNameKey` gives
   * them (lower case, NFC), so that names differing only in case clash, as on Windows and macOS.
   */
  taken?: ReadonlySet<string> | ((name: string) => boolean);
  /** When the record was saved (ISO), for `{date}` when it has no publication date. */
  savedAt?: string;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]+/g;
/** Format characters (bidi controls, zero-width, BOM…) except the joiners that emoji and some scripts need. */
const INVISIBLE = /(?![\u200c\u200d])\p{Cf}/gu;
const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$|CLOCK\$)$/i;

/** `2024-02-29`, from the publication date, else the saved date; `undated` when neither is known. */
function dateOf(record: LedeRecord, savedAt?: string): string {
  const source = record.publishedDateTime ?? savedAt ?? '';
  return /^\d{4}-\d{2}-\d{2}/.test(source) ? source.slice(0, 10) : 'undated';
}

/** Lower-case words of any script joined by `-`: `Meta’s AI: the plan` → `meta-s-ai-the-plan`. */
export function slugify(text: string): string {
  return text.normalize('NFKC').toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The longest run of whole graphemes from the start of `text` that fits in `max` UTF-8 bytes. */
function cutGraphemes(text: string, max: number): string {
  if (utf8Bytes(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = utf8Bytes(segment);
    if (bytes + size > max) break;
    out += segment;
    bytes += size;
  }
  return out;
}

/** Trims what Windows drops or Unix hides: leading dots and spaces, trailing dots and spaces. */
function trimEnds(text: string): string {
  return text.replace(/^[.\s-]+/u, '').replace(/[.\s]+$/u, '');
}

/** A stem (name without `.md`) safe on every system, at most `max` bytes. */
export function sanitiseStem(raw: string, max = FILE_NAME_MAX_BYTES - 3): string {
  let stem = raw.toWellFormed().normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/gu, ' ');
  stem = trimEnds(cutGraphemes(trimEnds(stem), max));
  if (stem === '') return 'record';
  // `CON`, `nul.md`, `COM1.backup`: Windows reserves the device name whatever follows the first dot.
  if (RESERVED.test(stem.split('.')[0]!.trimEnd())) stem = trimEnds(cutGraphemes(`_${stem}`, max));
  return stem;
}

/** Six letters and digits from the record's address (else its title): the same record, the same suffix. */
function stableSuffix(record: LedeRecord, round: number): string {
  const seed = `${normaliseUrl(record.originalUrl) || normaliseUrl(record.webUrl) || record.title}#${round}`;
  // FNV-1a, 32 bits twice with different offsets: small, deterministic, no dependency.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < seed.length; i++) {
    const code = seed.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
  }
  return (a.toString(36) + b.toString(36)).padStart(6, '0').slice(-6);
}

/** How two names compare on case-insensitive, normalising file systems. */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

function isTaken(taken: FileNameOptions['taken'], name: string): boolean {
  if (!taken) return false;
  if (typeof taken === 'function') return taken(name);
  return taken.has(name) || taken.has(fileNameKey(name));
}

/** True for a name recordFileName could have given: safe as it is, so an imported file keeps its own. */
export function isSafeFileName(name: string): boolean {
  return /\.md$/i.test(name) && `${sanitiseStem(name.slice(0, -3))}.md` === `${name.slice(0, -3)}.md`;
}

/** Unknown placeholders in a template, for the options page to refuse before it is saved. */
export function templateProblem(template: string): string | null {
  if (template.trim() === '') return 'is empty';
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!(FILE_NAME_PLACEHOLDERS as readonly string[]).includes(match[1]!)) {
      return `has an unknown placeholder {${match[1]}}; use ${FILE_NAME_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`;
    }
  }
  return null;
}

/**
 * The file name for a record: `{date}-{slug}.md` by default. No characters Windows forbids, no
 * control or bidi characters, no reserved device name, no leading dot, no trailing dot or space,
 * no folder part, at most 200 UTF-8 bytes without splitting a grapheme, never one in `taken`.
 * Stable: the same record and options give the same name. A library keeps the name it first gave
 * a record (edits of the title do not rename its file); this function is how that name is made.
 */
export function recordFileName(record: LedeRecord, options: FileNameOptions = {}): string {
  const template = options.template && !templateProblem(options.template) ? options.template : DEFAULT_FILE_NAME_TEMPLATE;
  const values: Record<string, string> = {
    date: dateOf(record, options.savedAt),
    slug: slugify(record.title) || 'record',
    provider: record.provider.name || record.provider.domain,
    category: record.category,
    title: record.title,
  };
  const filled = template.replace(/\.md$/i, '').replace(/\{([a-z]+)\}/g, (_, key: string) => values[key] ?? '');
  const stem = sanitiseStem(filled);
  let name = `${stem}.md`;
  for (let round = 0; isTaken(options.taken, name); round++) {
    const suffix = `-${stableSuffix(record, round)}`;
    name = `${sanitiseStem(stem, FILE_NAME_MAX_BYTES - 3 - suffix.length)}${suffix}.md`;
  }
  return name;
}
