// Is a description about this article, or the site's tagline? Compared with the headline and the
// article's opening (the article stage's evidence); words for alphabetic text, character pairs for CJK.

const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'is', 'are', 'at', 'by', 'from', 'it', 'this', 'that', 'you', 'your', 'our', 'we']);

/** Content tokens: words of two letters or more, and pairs of CJK characters (which have no spaces). */
export function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.toLowerCase().slice(0, 3000).split(/[^\p{L}\p{N}]+/u)) {
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(run)) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    } else if (run.length > 1 && !STOP.has(run)) {
      out.add(run.length > 5 ? run.slice(0, 5) : run); // a crude stem: `recipes` ~ `recipe`
    }
  }
  return out;
}

/**
 * True when the description shares almost nothing with the headline and the article's opening:
 * fewer than a fifth of its tokens occur there. With no opening to compare, it is given the benefit.
 */
export function isTagline(description: string, title: string, opening: string): boolean {
  if (!opening.trim()) return false;
  const own = tokens(description);
  if (own.size === 0) return false;
  const there = tokens(`${title} ${opening}`);
  let shared = 0;
  for (const t of own) if (there.has(t)) shared++;
  return shared / own.size < 0.2;
}
