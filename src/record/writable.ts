// The check every writer makes before a record is stored or written: the table's rules and the size
// contract on the very text the writer makes, so nothing is kept that its export could not re-import.
import type { Problem } from './problems.js';
import { bodySizeProblem, frontMatterSizeProblem } from './size.js';
import type { LedeRecord } from './types.js';
import { errorsOf, validateRecord } from './validate.js';
import { serializeRecord } from './write.js';

/**
 * validateRecord, and the size contract on what the writer would write (`written`, serializeRecord's
 * text): a record the reader would refuse (12,000 topics, a 2 MB title, 1,000 related entries) is
 * refused here too, so the library never holds one it cannot export.
 */
export function validateWritable(record: LedeRecord, file?: string, written = serializeRecord(record)): Problem[] {
  const problems = validateRecord(record, file);
  if (errorsOf(problems).length > 0) return problems;
  const body = bodySizeProblem(record.body);
  if (body) problems.push({ file, key: 'body', message: body, severity: 'error' });
  // `written` is `---\n`, the front matter, `---\n\n`, the body.
  const fields = frontMatterSizeProblem(written.slice(4, written.length - record.body.length - 5));
  if (fields) problems.push({ file, key: '', message: fields, severity: 'error' });
  return problems;
}
