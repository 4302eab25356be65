// esbuild plugin for the extension build: Readability's two `el.innerHTML = html` statements re-parse
// the page's own markup; here they parse it in an inert DOMParser document and move the nodes in, so
// no markup is ever assigned to a live element and `web-ext lint` stays clean. Every context that runs
// Readability has a DOMParser: the page (content/readability.js), Chrome's offscreen document and
// Firefox's background page (related entries). Node runs it over linkedom, unbundled by this plugin.

const HELPER = `
function __ledeSetInertHtml(el, html) {
  const inert = new DOMParser().parseFromString('<!doctype html><html><body>' + html + '</body></html>', 'text/html');
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
    // Readability is CommonJS, which esbuild keeps once imported even when nothing calls it. It has no side
    // effects, so Chrome's background (which imports the engine's modules but leaves reading to the offscreen
    // document) drops it.
    build.onResolve({ filter: /^@mozilla\/readability$/ }, async (args) => {
      if (args.pluginData?.inertHtml) return undefined;
      const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { inertHtml: true } });
      return found.errors.length ? { errors: found.errors } : { path: found.path, sideEffects: false };
    });
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
