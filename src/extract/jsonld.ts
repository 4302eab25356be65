// JSON-LD reading: every block parsed (broken ones repaired where cheap), nodes flattened, @id links kept.

export type LdNode = Record<string, unknown>;

const MAX_BLOCKS = 30;
const MAX_BLOCK_CHARS = 300_000;
const MAX_NODES = 400;
const MAX_DEPTH = 8;
/** Deeper than this, a block's values are dropped: every reader of a node (topics, strings, dates) may then recurse safely. */
export const MAX_LD_DEPTH = 32;

/** Parses one block; on failure tries the common breakages (comments, raw newlines, trailing commas). */
export function parseBlock(raw: string): unknown {
  const text = raw.replace(/^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$/g, '').trim();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    // fall through to repairs
  }
  const repaired = text
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F]+/g, ' ')
    .replace(/,\s*([}\]])/g, '$1');
  try {
    return JSON.parse(repaired);
  } catch {
    // Two objects back to back (`}{`) are a frequent template mistake.
    try {
      return JSON.parse(`[${repaired.replace(/}\s*{/g, '},{')}]`);
    } catch {
      return null;
    }
  }
}

/** All typed nodes of all blocks, depth-first, parents before the objects nested in them. */
export function readJsonLd(doc: Document): LdNode[] {
  const nodes: LdNode[] = [];
  const scripts = doc.querySelectorAll('script[type*="ld+json" i]');
  const count = Math.min(scripts.length, MAX_BLOCKS);
  for (let i = 0; i < count; i++) {
    const raw = scripts[i]!.textContent ?? '';
    if (raw.length > MAX_BLOCK_CHARS) continue;
    walk(capDepth(parseBlock(raw)), nodes, 0);
  }
  return nodes;
}

/** The parsed block with every array or object nested deeper than MAX_LD_DEPTH replaced by null, without recursing. */
export function capDepth(root: unknown): unknown {
  // Terse on purpose: this runs in the script injected on every click, which has a size budget.
  for (let stack: Array<[Record<string, unknown>, number]> = [[{ root }, 0]], top; (top = stack.pop());) {
    for (const key in top[0]) {
      const child = top[0][key];
      if (!child || typeof child != 'object') continue;
      if (top[1] < MAX_LD_DEPTH) stack.push([child as Record<string, unknown>, top[1] + 1]);
      else top[0][key] = null;
    }
  }
  return root;
}

function walk(value: unknown, out: LdNode[], depth: number): void {
  if (depth > MAX_DEPTH || out.length >= MAX_NODES || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 100)) walk(item, out, depth + 1);
    return;
  }
  const node = value as LdNode;
  if ('@type' in node || 'headline' in node || 'datePublished' in node) out.push(node);
  for (const [key, child] of Object.entries(node)) {
    if (key === '@context' || typeof child !== 'object') continue;
    walk(child, out, depth + 1);
  }
}

/** The node's types as lower-case names without the schema.org prefix. */
export function typesOf(node: LdNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^(?:https?:\/\/schema\.org\/|schema:)/i, '').toLowerCase());
}

/** Follows `{"@id": …}` references to the node that carries that id. */
export function resolveRef(value: unknown, nodes: LdNode[]): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const ref = value as LdNode;
  const id = ref['@id'];
  if (typeof id !== 'string' || Object.keys(ref).length > 1) return value;
  return nodes.find((n) => n !== ref && n['@id'] === id && Object.keys(n).length > 1) ?? value;
}

/** First string found in a value that may be a string, an array, or an object with `name`/`@value`. */
export function ldString(value: unknown, nodes: LdNode[], key = 'name'): string {
  const v = resolveRef(value, nodes);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    for (const item of v.slice(0, 10)) {
      const s = ldString(item, nodes, key);
      if (s) return s;
    }
    return '';
  }
  if (v && typeof v === 'object') {
    const obj = v as LdNode;
    const inner = obj[key] ?? obj['@value'];
    return typeof inner === 'string' ? inner : '';
  }
  return '';
}

const ARTICLE_TYPES = /article|posting|blog|report|review|recipe|howto|creativework|episode|video|clip|podcast|movie|book|chapter|question/;

/** The node that describes the page's main content: an article-like node, else a WebPage. */
export function mainNode(nodes: LdNode[]): LdNode | null {
  let page: LdNode | null = null;
  let other: LdNode | null = null;
  for (const node of nodes) {
    const types = typesOf(node);
    if (types.some((t) => /article|posting/.test(t))) return node;
    if (!other && types.some((t) => ARTICLE_TYPES.test(t))) other = node;
    if (!page && types.some((t) => t.endsWith('page')) && (node['headline'] || node['datePublished'])) page = node;
  }
  return other ?? page;
}
