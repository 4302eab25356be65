// Bounds how deep a page's elements nest before a parser sees it: linkedom's parser keeps its open
// elements in an array it shifts at the front (every tag costs the depth, so 100,000 nested <div>s or
// unclosed <b>s took 4–35 s), and every walk over the tree costs the depth too. Browsers bound it the
// same way (Blink's parser stops nesting at 512): tags past the bound are left out, their text kept.

/** Chrome's own parser nests no deeper than this; no real article comes near it. */
export const MAX_NESTING = 512;

const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'image', 'img',
  'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Wrappers and inline formatting: past the bound they carry no structure the engine reads, so they go (their text stays). */
const WRAPPERS = new Set(['div', 'span', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u',
  'center', 'mark', 'sub', 'sup', 'ins', 'del', 'abbr', 'label']);
/** Their content is text up to their own end tag, never markup. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes']);

// The end tags an opening tag implies (the parsers' table, shortened to what moves the depth).
const P = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])], ['th', new Set(['th'])], ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])], ['li', new Set(['li'])], ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])], ['dd', new Set(['dd', 'dt'])], ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])], ['rp', new Set(['rt', 'rp'])], ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t): [string, Set<string>] => [t, FORM]),
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset',
    'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul']
    .map((t): [string, Set<string>] => [t, P]),
]);

/** The end of a tag name starting at `from` (a letter), or `from` when no name starts there. */
function nameEnd(html: string, from: number): number {
  const first = html.charCodeAt(from) | 0x20;
  if (first < 97 || first > 122) return from;
  let i = from + 1;
  for (; i < html.length; i++) {
    const c = html.charCodeAt(i);
    // whitespace, `/` and `>` end a tag name
    if (c === 47 || c === 62 || c === 32 || (c >= 9 && c <= 13)) break;
  }
  return i;
}
const rawTextEnds = new Map<string, RegExp>();

/** Where a tag that starts at `from` (just past its name) ends: past its `>`, quoted values skipped; the input's end when it never closes. */
function tagEnd(html: string, from: number): number {
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === 62 /* > */) return i + 1;
    if (c !== 61 /* = */) continue;
    let j = i + 1;
    while (j < html.length && /\s/.test(html[j]!)) j++;
    const quote = html[j];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, j + 1);
      if (close < 0) return html.length;
      i = close;
    }
  }
  return html.length;
}

/**
 * `html` with no element nested deeper than `max`. Past the bound a wrapper (<div>, <b>, …) is left out and
 * any other element becomes a sibling of the one before it there, as Blink builds it (a parser cannot be
 * told so: that one's end tag is written before it). Text stays. The very same string when nothing nests that deep.
 */
export function boundNesting(html: string, max = MAX_NESTING): string {
  const stack: string[] = [];
  const open = new Map<string, number>();
  /** Where the element past the bound that is open in the output sits on the stack (-1: none). */
  let shown = -1;
  const pop = (): void => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    if (stack.length <= shown) shown = -1;
  };
  // Flat triples (start, end, replacement): a hostile page has hundreds of thousands.
  const edits: Array<number | string> = [];
  let foreign = 0;
  for (let at = html.indexOf('<'); at >= 0 && at < html.length; at = html.indexOf('<', at)) {
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    const closing = html.charCodeAt(at + 1) === 47;
    const nameAt = at + (closing ? 2 : 1);
    const nameStop = nameEnd(html, nameAt);
    if (nameStop === nameAt) {
      // `<!doctype>`, `<?…>`, `</>` or a lone `<`: no element.
      at = /[!?/]/.test(html[at + 1] ?? '') ? tagEnd(html, at + 2) : at + 1;
      continue;
    }
    const name = html.slice(nameAt, nameStop).toLowerCase();
    const end = tagEnd(html, nameStop);
    if (closing) {
      if ((open.get(name) ?? 0) > 0) {
        // An element past the bound: its end tag closes the one shown there, if any, else it goes.
        const index = stack.lastIndexOf(name);
        if (index >= max) edits.push(at, end, shown >= index ? `</${stack[shown]}>` : '');
        while (stack[stack.length - 1] !== name) pop();
        pop();
        if (name === 'svg' || name === 'math') foreign = Math.max(0, foreign - 1);
      }
      at = end;
      continue;
    }
    const implied = IMPLIES_CLOSE.get(name);
    while (implied && stack.length && implied.has(stack[stack.length - 1]!)) pop();
    const selfClosed = foreign > 0 && html[end - 2] === '/';
    if (!VOID.has(name) && !selfClosed) {
      if (stack.length >= max && WRAPPERS.has(name)) edits.push(at, end, '');
      else if (stack.length >= max) {
        if (shown >= 0) edits.push(at, at, `</${stack[shown]}>`);
        shown = stack.length;
      }
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      if (name === 'svg' || name === 'math') foreign++;
    }
    at = end;
    if (RAW_TEXT.has(name) && !selfClosed) {
      const close = rawTextEnds.get(name) ?? new RegExp(`</${name}[\\s/>]`, 'ig');
      rawTextEnds.set(name, close);
      close.lastIndex = at;
      const found = close.exec(html);
      at = found ? found.index : html.length;
    }
  }
  if (!edits.length) return html;
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < edits.length; i += 3) {
    out.push(html.slice(from, edits[i] as number), edits[i + 2] as string);
    from = edits[i + 1] as number;
  }
  out.push(html.slice(from));
  return out.join('');
}
