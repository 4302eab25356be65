// Pages the extension cannot read, told apart by address before anything is injected.

/** Why a page cannot be read; each kind has its own message for the person. */
export type BlockedKind = 'browser-page' | 'extension-page' | 'web-store' | 'view-source' | 'pdf' | 'file' | 'not-web';

export interface Blocked {
  reason: 'restricted' | 'no-access';
  kind: BlockedKind;
}

const BROWSER_SCHEMES = new Set(['chrome:', 'about:', 'edge:', 'brave:', 'opera:', 'vivaldi:', 'devtools:',
  'chrome-search:', 'chrome-untrusted:', 'resource:', 'moz-reader:']);
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'extension:', 'safari-web-extension:']);

/** Stores where browsers forbid every extension from running scripts. */
function isWebStore(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'chromewebstore.google.com' || host === 'addons.mozilla.org') return true;
  if (host === 'chrome.google.com' && url.pathname.startsWith('/webstore')) return true;
  return host === 'microsoftedge.microsoft.com' && url.pathname.startsWith('/addons');
}

/** True when the address names a PDF file (browsers show those in a viewer scripts cannot read). */
export function looksLikePdf(address: string): boolean {
  try {
    return /\.pdf$/i.test(new URL(address).pathname);
  } catch {
    return false;
  }
}

/**
 * What keeps the page at `address` from being read, or null when only trying will tell.
 * `fileAccess` says whether the person allowed the extension to read `file:` pages.
 */
export function blockedPage(address: string, fileAccess = false): Blocked | null {
  if (/^view-source:/i.test(address)) return { reason: 'restricted', kind: 'view-source' };
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { reason: 'restricted', kind: 'not-web' };
  }
  const scheme = url.protocol.toLowerCase();
  if (BROWSER_SCHEMES.has(scheme)) return { reason: 'restricted', kind: 'browser-page' };
  if (EXTENSION_SCHEMES.has(scheme)) return { reason: 'restricted', kind: 'extension-page' };
  if (scheme === 'file:') return fileAccess ? null : { reason: 'no-access', kind: 'file' };
  if (scheme !== 'http:' && scheme !== 'https:') return { reason: 'restricted', kind: 'not-web' };
  if (isWebStore(url)) return { reason: 'restricted', kind: 'web-store' };
  return null;
}
