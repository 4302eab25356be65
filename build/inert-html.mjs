// esbuild plugin for the extension build: Readability's two `el.innerHTML = html` statements re-parse
// the page's own markup; here they parse it in an inert DOMParser document and move the nodes in, so
// no markup is ever assigned to a live element and `web-ext lint` stays clean.

const HELPER = `
function __ledeSetInertHtml(el, html) {
  const inert = new DOMParser().parseFromString('<!doctype html><body>' + html, 'text/html');
  el.replaceChildren(...Array.from(inert.body.childNodes, (node) => el.ownerDocument.importNode(node, true)));
}
`;

/** Each statement to rewrite must be found exactly once, so a Readability upgrade is noticed at build time. */
const REWRITES = [
  [/\bpage\.innerHTML = pageCacheHtml;/g, '__ledeSetInertHtml(page, pageCacheHtml);'],
  [/\btmp\.innerHTML = noscript\.innerHTML;/g, '__ledeSetInertHtml(tmp, noscript.innerHTML);'],
];

export const inertHtmlPlugin = {
  name: 'inert-html',
  setup(build) {
    build.onLoad({ filter: /@mozilla[\\/]readability[\\/]Readability\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      let source = await readFile(args.path, 'utf8');
      for (const [pattern, replacement] of REWRITES) {
        const count = source.match(pattern)?.length ?? 0;
        if (count !== 1) throw new Error(`inert-html: expected one ${pattern} in Readability.js, found ${count}`);
        source = source.replace(pattern, replacement);
      }
      return { contents: HELPER + source, loader: 'js' };
    });
  },
};
