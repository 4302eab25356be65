// Node only: bounds the HTML handed to the parser, so a 10 MB page or 100,000 meta tags cost little.
// The head and the start of the body hold what extraction reads; JSON-LD found later is kept.

const MAX_META = 2000;
const MAX_LATE_BLOCKS = 30;
/** Pages above this are outliers (real articles are well under): parsed shorter, no Readability. */
export const LARGE_PAGE = 2_000_000;

/** `html` cut to a bounded size with the metadata kept: head, body start, late JSON-LD blocks. */
export function boundHtml(html: string): string {
  const large = html.length > LARGE_PAGE;
  const MAX_HEAD = large ? 200_000 : 1_000_000;
  const MAX_TOTAL = large ? 300_000 : 1_500_000;
  let text = html;
  let metas = 0;
  if (text.length > 200_000) {
    text = text.replace(/<meta\b[^>]{0,2000}>/gi, (tag) => (++metas > MAX_META ? '' : tag));
  }
  if (text.length <= MAX_TOTAL) return text;
  const bodyAt = text.search(/<body\b/i);
  const headEnd = bodyAt >= 0 ? Math.min(bodyAt, MAX_HEAD) : Math.min(text.length, MAX_HEAD);
  const bodyEnd = Math.max(headEnd, Math.min(text.length, headEnd + Math.max(MAX_TOTAL / 3, MAX_TOTAL - headEnd)));
  const kept = text.slice(0, bodyEnd);
  // Structured data near the end of the page (common with tag managers) is still read.
  const late: string[] = [];
  const blocks = /<script\b[^>]*ld\+json[^>]*>[\s\S]{0,300000}?<\/script>/gi;
  blocks.lastIndex = bodyEnd;
  for (let m = blocks.exec(text); m && late.length < MAX_LATE_BLOCKS; m = blocks.exec(text)) late.push(m[0]);
  return `${kept}\n${late.join('\n')}`;
}
