// CSV as RFC 4180 writes it, read row by row: a row with broken quoting is reported and the next row read, never the rest of the file swallowed.

export interface CsvRow {
  /** The line the row starts on (1-based). */
  line: number;
  fields: string[];
}

export interface CsvRead {
  rows: CsvRow[];
  broken: Array<{ line: number; reason: string }>;
}

/** A quoted field may hold line breaks, but not this many: past it the quote is taken as never closed. */
const QUOTED_LINES_MAX = 50;
const QUOTED_CHARS_MAX = 64 * 1024;

type Field = { value: string; end: number; lines: number } | { broken: string };

function quotedField(text: string, start: number): Field {
  let value = '';
  let at = start + 1;
  let lines = 0;
  for (;;) {
    const quote = text.indexOf('"', at);
    const segment = text.slice(at, quote < 0 ? Math.min(text.length, at + QUOTED_CHARS_MAX + 1) : quote);
    for (let i = segment.indexOf('\n'); i >= 0; i = segment.indexOf('\n', i + 1)) lines++;
    value += segment;
    if (quote < 0 || lines > QUOTED_LINES_MAX || value.length > QUOTED_CHARS_MAX) return { broken: 'a quote opened here is never closed' };
    if (text[quote + 1] === '"') {
      value += '"';
      at = quote + 2;
      continue;
    }
    const next = text[quote + 1];
    if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return { broken: 'text right after a closing quote' };
    return { value, end: quote + 1, lines };
  }
}

/** Every row of `text`; a BOM and CRLF line ends are fine, blank lines are skipped. */
export function readCsv(text: string, maxRows = Infinity): CsvRead {
  const out: CsvRead = { rows: [], broken: [] };
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (at < text.length && out.rows.length < maxRows) {
    const rowLine = line;
    const rowAt = at;
    const fields: string[] = [];
    let brokenReason: string | null = null;
    for (;;) {
      if (text[at] === '"') {
        const field = quotedField(text, at);
        if ('broken' in field) {
          brokenReason = field.broken;
          break;
        }
        fields.push(field.value);
        line += field.lines;
        at = field.end;
      } else {
        let end = at;
        while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
        fields.push(text.slice(at, end));
        at = end;
      }
      if (text[at] === ',') {
        at++;
        continue;
      }
      break;
    }
    if (brokenReason) {
      out.broken.push({ line: rowLine, reason: brokenReason });
      // Go on at the line after the one the row started on: one stray quote costs one row.
      const lineEnd = text.indexOf('\n', rowAt);
      at = lineEnd < 0 ? text.length : lineEnd + 1;
      line = rowLine + 1;
      continue;
    }
    if (text[at] === '\r') at++;
    if (text[at] === '\n') at++;
    line++;
    if (fields.length > 1 || fields[0] !== '') out.rows.push({ line: rowLine, fields });
  }
  return out;
}

