// The check every writer makes before a record is stored or written: the table's rules and the size
// contract on the very text the writer makes, so nothing is kept that its export could not re-import.
import type { Problem } from './problems.js';
import type { LedeRecord } from './types.js';
import { validateRecord } from './validate.js';
import { serializeRecord } from './write.js';

/** validateRecord, and the size contract on what the writer would write (1,000 related entries, a 2 MB title…). */
export function validateWritable(record: LedeRecord, file?: string): Problem[] {
  return validateRecord(record, file, serializeRecord(record));
}
