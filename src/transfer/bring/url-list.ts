// A plain list of addresses (`.txt`): one per line; blank lines and `#` comments skipped, anything else that is no web address reported.
import { webAddress } from './address.js';
import { Collector } from './collect.js';
import { oneLine } from './text.js';
import { BRING_TITLE_MAX, type Brought } from './types.js';

export function readUrlList(text: string, file = 'links.txt'): Brought {
  const collector = new Collector('urls');
  let line = 0;
  for (let at = text.charCodeAt(0) === 0xfeff ? 1 : 0; at <= text.length;) {
    const end = text.indexOf('\n', at);
    const raw = text.slice(at, end < 0 ? text.length : end);
    at = end < 0 ? text.length + 1 : end + 1;
    line++;
    const value = raw.trim();
    if (!value || value.startsWith('#')) continue;
    // "address title" or "address<TAB>title": the address is the first word.
    const [first = '', ...rest] = value.split(/\s+/);
    const address = webAddress(first);
    if (!address.ok) {
      collector.refuse(`${file}:${line}`, `${address.reason}: "${value.length > 80 ? `${value.slice(0, 80)}…` : value}"`);
      continue;
    }
    const title = oneLine(rest.join(' '), BRING_TITLE_MAX);
    if (!collector.add({ url: address.url, where: `${file}:${line}`, title: title || undefined, topics: [] })) break;
  }
  return collector.brought;
}
