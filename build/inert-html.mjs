// esbuild plugin for the extension build: Readability's two `el.innerHTML = html` statements re-parse
// the page's own markup; here they parse it in an inert DOMParser document and move the nodes in, so
// no markup is ever assigned to a live element and `web-ext lint` stays clean.
// linkedom (the background reads fetched related pages with it) is an inert DOM in memory: its two
// `x.innerHTML = html` statements call its own parser directly instead, which is what that setter does.

const HELPER = `
function __ledeSetInertHtml(el, html) {
  // A service worker has no DOMParser: the background gives linkedom's (src/background/dom-parser.ts).
  const inert = new DOMParser().parseFromString('<!doctype html><html><body>' + html + '</body></html>', 'text/html');
  el.replaceChildren(...Array.from(inert.body.childNodes, (node) => el.ownerDocument.importNode(node, true)));
}
`;

/** Each statement to rewrite must be found exactly once, so a Readability upgrade is noticed at build time. */
const REWRITES = [
  [/\bpage\.innerHTML = pageCacheHtml;/g, '__ledeSetInertHtml(page, pageCacheHtml);'],
  [/\btmp\.innerHTML = noscript\.innerHTML;/g, '__ledeSetInertHtml(tmp, noscript.innerHTML);'],
];

/** linkedom's files, and in each the statements that set innerHTML on its own elements. */
const LINKEDOM = [
  [/linkedom[\\/]esm[\\/]shared[\\/]utils\.js$/, /\belem\.innerHTML = html;/g, 'setInnerHtml(elem, html);',
    "import {setInnerHtml} from '../mixin/inner-html.js';\n"],
  [/linkedom[\\/]esm[\\/]interface[\\/]element\.js$/, /\btemplate\.innerHTML = html;/g, 'setInnerHtml(template, html);', ''],
];

async function rewrite(path, pattern, replacement) {
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(path, 'utf8');
  const count = source.match(pattern)?.length ?? 0;
  if (count !== 1) throw new Error(`inert-html: expected one ${pattern} in ${path}, found ${count}`);
  return source.replace(pattern, replacement);
}

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
    build.onLoad({ filter: /linkedom[\\/]esm[\\/](?:shared[\\/]utils|interface[\\/]element)\.js$/ }, async (args) => {
      const [, pattern, replacement, header] = LINKEDOM.find(([file]) => file.test(args.path));
      return { contents: header + await rewrite(args.path, pattern, replacement), loader: 'js', resolveDir: (await import('node:path')).dirname(args.path) };
    });
  },
};
