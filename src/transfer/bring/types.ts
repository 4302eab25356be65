// What a library brought from elsewhere gives Lede: one entry per address, and every line or file refused, with why.

/** Where the entries came from. */
export type BringSource = 'pocket' | 'bookmarks' | 'urls' | 'notes';

/** Which key of another tool's note went where: a Lede field, `kept` (an unknown key kept as it is) or `dropped`. */
export interface FieldMapping {
  from: string;
  to: string;
}

/** One address brought in, with only what the source itself says; Lede's extraction fills the rest later. */
export interface BroughtEntry {
  /** A clean absolute http(s) address (tracking parameters removed). */
  url: string;
  /** For the report: `pocket.csv:12`, `bookmarks.html:340`, `notes/story.md`. */
  where: string;
  title?: string;
  excerpt?: string;
  /** The format's UTC form. */
  publishedDateTime?: string;
  /** When the person saved it at the source (ISO), kept as the record's saved date. */
  savedAt?: string;
  /** The source's tags, as topics. */
  topics: string[];
  /** Bookmarks: the folders it sits in, outermost first (topics only when the person asks for it). */
  folders?: string[];
  /** The publication's name, when the source gives it. */
  provider?: string;
  /** A note's Markdown body, kept as the record's body. */
  body?: string;
  /** A note's keys that map to no Lede field, kept as unknown keys (written back after Lede's). */
  extra?: Record<string, unknown>;
  /** A note's keys and where each went, shown before the import. */
  mapping?: FieldMapping[];
}

/** A line or a file that gives no entry, and why, in the person's words. */
export interface Refused {
  where: string;
  reason: string;
}

export interface Brought {
  source: BringSource;
  entries: BroughtEntry[];
  refused: Refused[];
  /** Addresses given again later in the same source: folded into the first (its topics joined). */
  duplicates: Refused[];
  /** Notes that are Lede records already: imported whole by the usual import, every field kept. */
  records?: Array<{ name: string; text: string }>;
}

/** The most entries one file may bring; a longer one is read up to here and says so. */
export const BRING_MAX_ENTRIES = 250_000;
/** Longest title and tag kept from a source (code points); the rest of a longer one is cut. */
export const BRING_TITLE_MAX = 1_000;
export const BRING_TOPIC_MAX = 200;
/** Most topics one entry keeps. */
export const BRING_TOPICS_MAX = 100;
