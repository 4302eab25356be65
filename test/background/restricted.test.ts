// Pages no extension may read get a clear reason before anything is injected.
import { describe, expect, it } from 'vitest';
import { blockedPage, looksLikePdf } from '../../src/background/restricted.js';

describe('blockedPage', () => {
  it.each([
    ['chrome://settings', 'restricted', 'browser-page'],
    ['about:addons', 'restricted', 'browser-page'],
    ['edge://extensions', 'restricted', 'browser-page'],
    ['chrome-extension://abc/popup.html', 'restricted', 'extension-page'],
    ['moz-extension://abc/popup.html', 'restricted', 'extension-page'],
    ['https://chrome.google.com/webstore/detail/x', 'restricted', 'web-store'],
    ['https://chromewebstore.google.com/detail/x', 'restricted', 'web-store'],
    ['https://addons.mozilla.org/en-US/firefox/', 'restricted', 'web-store'],
    ['view-source:https://example.com/', 'restricted', 'view-source'],
    ['file:///home/me/a.html', 'no-access', 'file'],
    ['data:text/html,hi', 'restricted', 'not-web'],
    ['not a url', 'restricted', 'not-web'],
  ])('%s is %s (%s)', (address, reason, kind) => {
    expect(blockedPage(address)).toEqual({ reason, kind });
  });

  it.each(['https://example.com/a', 'http://chrome.google.com/search', 'https://mozilla.org/'])('lets %s be tried', (address) => {
    expect(blockedPage(address)).toBeNull();
  });

  it('lets file: pages be tried once the person allowed it', () => {
    expect(blockedPage('file:///home/me/a.html', true)).toBeNull();
  });

  it('recognises PDF addresses', () => {
    expect(looksLikePdf('https://example.com/paper.PDF')).toBe(true);
    expect(looksLikePdf('https://example.com/paper.pdf?x=1')).toBe(true);
    expect(looksLikePdf('https://example.com/pdf/page')).toBe(false);
  });
});
