// The library key: the one rule for which row a record is kept under.
import type { LedeRecord } from '../../record/index.js';
import { normaliseUrl } from '../../record/url.js';

/** The library key of a record: its normalised originalUrl, else its normalised webUrl; '' when it has neither. */
export function libraryKey(record: Pick<LedeRecord, 'originalUrl' | 'webUrl'>): string {
  return normaliseUrl(record.originalUrl) || normaliseUrl(record.webUrl);
}
