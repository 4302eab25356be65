// A Pocket export (`part_000000.csv`: title, url, time_added, cursor, tags, status): one entry per saved address.
import { webAddress } from './address.js';
import { Collector } from './collect.js';
import { readCsv } from './csv.js';
import { oneLine, topicsOf, unixTime } from './text.js';
import { BRING_MAX_ENTRIES, BRING_TITLE_MAX, type Brought } from './types.js';

/** True when the first line is a header naming a `url` column (Pocket's, or a hand-made one like it). */
export function looksLikePocketCsv(text: string): boolean {
  const first = text.slice(0, 2000).replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)"?url"?(,|$)/i.test(first) && first.includes(',');
}

export function readPocketCsv(text: string, file = 'pocket.csv'): Brought {
  const collector = new Collector('pocket');
  const { rows, broken } = readCsv(text, BRING_MAX_ENTRIES + 1);
  for (const row of broken) collector.refuse(`${file}:${row.line}`, `broken quoting (${row.reason}); this line was skipped`);
  const header = rows.shift();
  const column = (name: string) => header ? header.fields.findIndex((f) => f.trim().toLowerCase() === name) : -1;
  const url = column('url');
  if (!header || url < 0) {
    collector.refuse(`${file}:1`, 'no header line naming a "url" column: this is not a Pocket export');
    return collector.brought;
  }
  const [title, added, tags] = [column('title'), column('time_added'), column('tags')];
  for (const row of rows) {
    const where = `${file}:${row.line}`;
    const address = webAddress(row.fields[url] ?? '');
    if (!address.ok) {
      collector.refuse(where, address.reason);
      continue;
    }
    const name = title >= 0 ? oneLine(row.fields[title] ?? '', BRING_TITLE_MAX) : '';
    const entry = {
      url: address.url,
      where,
      // Pocket writes the address as the title of a page it never read.
      title: name && name !== row.fields[url]?.trim() ? name : undefined,
      savedAt: added >= 0 ? unixTime(row.fields[added]) : undefined,
      topics: tags >= 0 ? topicsOf((row.fields[tags] ?? '').split(/[|,]/)) : [],
    };
    if (!collector.add(entry)) break;
  }
  return collector.brought;
}
