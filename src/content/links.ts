// Content script injected on request ("Suggestions" in the editor): the article's own links to other
// articles, left on globalThis.__ledeLinks (the background reads it in a second, tiny injection).
import { linkSuggestions, type LinkSuggestion } from '../related/links.js';

const scope = globalThis as { __ledeLinks?: LinkSuggestion[] | { error: string } };
try {
  const canonical = document.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? '';
  scope.__ledeLinks = linkSuggestions(document, location.href, canonical ? new URL(canonical, location.href).href : '');
} catch (error) {
  scope.__ledeLinks = { error: error instanceof Error ? error.message : String(error) };
}
