// A service worker has no DOMParser; Readability, run over linkedom when a related page is read here,
// re-parses markup through one (build/inert-html.mjs). linkedom's parser makes inert documents in memory.
import { DOMParser as LinkedomParser } from 'linkedom';

const scope = globalThis as { DOMParser?: unknown };
if (typeof scope.DOMParser === 'undefined') scope.DOMParser = LinkedomParser;
