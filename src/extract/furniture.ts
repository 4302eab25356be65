// Is an element part of page furniture (comments, sidebars, navigation) rather than the article?

/**
 * Walks up at most `depth` ancestors. An ancestor whose class/id matches `words` is furniture
 * unless it also holds the page's h1: then it is a layout wrapper (`contentWithSidebar`).
 * An article's own footer is not furniture; the page's footer is.
 */
export function inFurniture(el: Element, words: RegExp, depth = 14, skipTags?: RegExp, wrappers?: Set<Element>): boolean {
  let node: Element | null = el;
  let inFooter = false;
  for (let i = 0; node && i < depth; i++, node = node.parentElement) {
    const tag = node.tagName;
    if (tag === 'ARTICLE' || tag === 'MAIN' || tag === 'BODY') return inFooter && tag === 'BODY';
    if (tag === 'ASIDE' || tag === 'NAV' || skipTags?.test(tag)) return true;
    if (tag === 'FOOTER') inFooter = true;
    const names = `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`;
    if (names.length > 1 && names.length < 300 && words.test(names) && !holdsHeadline(node, wrappers)) return true;
  }
  return inFooter;
}

function holdsHeadline(node: Element, wrappers?: Set<Element>): boolean {
  return wrappers ? wrappers.has(node) : node.querySelector('h1') != null;
}

/** Every ancestor of the page's h1 elements: computed once so furniture tests stay cheap. */
export function headlineWrappers(doc: Document): Set<Element> {
  const set = new Set<Element>();
  const h1s = doc.getElementsByTagName('h1');
  for (let i = 0; i < Math.min(h1s.length, 8); i++) {
    for (let node = h1s[i]!.parentElement; node && !set.has(node); node = node.parentElement) set.add(node);
  }
  return set;
}

const OPAQUE = /^(?:SCRIPT|STYLE|SVG|NOSCRIPT|TEMPLATE|IFRAME|svg)$/;

/** Elements under `root` in document order, at most `max`, not entering scripts, styles or SVG. */
export function* walkElements(root: Element, max: number): Generator<Element> {
  let node: Element | null = root.firstElementChild;
  let count = 0;
  while (node && count < max) {
    yield node;
    count++;
    if (node.firstElementChild && !OPAQUE.test(node.tagName)) {
      node = node.firstElementChild;
      continue;
    }
    while (node && !node.nextElementSibling) {
      node = node.parentElement;
      if (!node || node === root) return;
    }
    node = node ? node.nextElementSibling : null;
  }
}
