// The order of trust among the places a page states its publication date: the one table every
// date reader names its source by, so which evidence beats which is read here and nowhere else.

/**
 * Lower wins; a tie goes to the earliest declared date (ranks 1–2: pages keep the original beside
 * the latest republication) or to the first one on the page (ranks 3+: later ones belong to
 * comments, lists and references).
 */
export const DATE_TRUST = {
  /** The article's own structured data, or a meta tag that names the first publication. */
  'declared published': 1,
  /** A declared date that does not say which one (`dc.date`, `dateCreated`), or markup marked as published. */
  'declared date': 2,
  /** What a reader sees marked as the date: `<time>`, microformats, byline elements, datelines, beside the headline. */
  'shown': 3,
  /** A day in the address or the `<title>`: no time, and sometimes a section's or an issue's. */
  'address': 4,
  /** `3 days ago`, anchored to a date the page gives (its archive capture, its last change). */
  'relative': 5,
} as const;

export type DateTrust = keyof typeof DATE_TRUST;

export function trustRank(kind: DateTrust): number {
  return DATE_TRUST[kind];
}

/** What the words just before a date say it is. Only `published` and unlabelled dates can be the publication. */
export type DateRole = 'published' | 'updated' | 'comment' | 'copyright' | 'event' | 'unlabelled';

// Accent-free lower case, as date-text normalises.
const UPDATED = /(?:updated|last (?:modified|edited|changed|update)|modified|aktualisiert|aktualisierung|letzte (?:anderung|aktualisierung)|geandert|stand:?|mis a jour|mise a jour|modifie|actualizad[oa]|actualizacion|atualizad[oa]|aggiornat[oa]|aktualizovan[oa]|zaktualizowan[oay]|aktualizacja|更新|更新日)\s*(?:am|on|le|el|em|il|:)?\s*:?\s*$/;
const COMMENT = /(?:says|said|sagt|schreibt|wrote|commented|kommentiert|antworten|reply|repondre|responder|dice|napsal|napisal|\bkommentar)\s*:?\s*(?:am|on|le)?\s*$/;
const COPYRIGHT = /(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?$/;
const EVENT = /(?:\bfounded|\bborn|\bdied|\breleased?|\brelease date|\bgegrundet|\bgeboren|\bgestorben|\bne le|\bnee le|\bnacid[oa]|\bfundad[oa]|\bfondee?|\bsince|\bseit|\bbis\b|\buntil\b|\bjusqu'au\b|\bhasta\b|\bate\b|\bfino al\b|\bdo\b|\btermin|\bevent|\bveranstaltung|\bwhen:|\bdeadline|\bfrist|\bab dem\b|\berscheint\b|\bvalid|\bgultig)\s*:?\s*(?:am|on|le|el|dem)?\s*$/;
const PUBLISHED = /(?:published|posted|publi[ce]e?|publicad[oa]|publicat[oa]?|pubblicat[oa]|veroffentlicht|erschienen|gepostet|vydano|publikovano|zverejneno|opublikowan[oay]|发布|發佈|发表|公開|投稿|datum|date|written|erstellt|created|mise en ligne)\s*(?:am|on|le|el|em|il|dne|dnia|at|in)?\s*:?\s*$/;

/** The role of a date from up to 40 characters before it (normalised text). */
export function roleBefore(before: string): DateRole {
  const lead = before.slice(-40);
  if (UPDATED.test(lead)) return 'updated';
  if (COMMENT.test(lead)) return 'comment';
  if (COPYRIGHT.test(lead)) return 'copyright';
  if (EVENT.test(lead)) return 'event';
  if (PUBLISHED.test(lead)) return 'published';
  return 'unlabelled';
}
