// Is an element part of page furniture (comments, sidebars, navigation) rather than the article?

/**
 * Walks up at most `depth` ancestors. An ancestor whose class/id matches `words` is furniture
 * unless it also holds the page's h1: then it is a layout wrapper (`contentWithSidebar`).
 * An article's own footer is not furniture; the page's footer is.
 */
export function inFurniture(el: Element, words: RegExp, depth = 14, skipTags?: RegExp): boolean {
  let node: Element | null = el;
  let inFooter = false;
  for (let i = 0; node && i < depth; i++, node = node.parentElement) {
    const tag = node.tagName;
    if (tag === 'ARTICLE' || tag === 'MAIN' || tag === 'BODY') return inFooter && tag === 'BODY';
    if (tag === 'ASIDE' || tag === 'NAV' || skipTags?.test(tag)) return true;
    if (tag === 'FOOTER') inFooter = true;
    const names = `${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`;
    if (names.length > 1 && names.length < 300 && words.test(names) && !node.querySelector('h1')) return true;
  }
  return inFooter;
}
