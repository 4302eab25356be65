// Netscape bookmarks files as browsers and services write them: folders, tags, add dates, descriptions, odd links.
import { describe, expect, it } from 'vitest';
import { looksLikeBookmarks, readBookmarks } from '../../../src/transfer/bring/bookmarks.js';

// Shaped like Chrome's and Firefox's exports (the toolbar flagged, Firefox's TAGS and place: queries).
const BROWSER = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file. -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
    <DT><H3 ADD_DATE="1700000000" LAST_MODIFIED="1700000001" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
    <DL><p>
        <DT><A HREF="https://news.example.com/2024/story?utm_medium=x" ADD_DATE="1700000100" ICON="data:image/png;base64,AAA">Fish &amp; chips: a &quot;history&quot; &#8211; part 1</A>
        <DT><H3 ADD_DATE="1700000000">Reading</H3>
        <DL><p>
            <DT><A HREF="https://blog.example.org/post" ADD_DATE="1700000200" TAGS="longform,tech">A post</A>
            <DT><H3>Later</H3>
            <DL><p>
                <DT><A HREF="javascript:void(location='https://x')" ADD_DATE="1700000300">Bookmarklet</A>
                <DT><A HREF="place:sort=8&maxResults=10">Most visited</A>
                <DT><A HREF="https://deep.example.net/a" ADD_DATE="1700000400000000">Deep</A>
            </DL><p>
        </DL><p>
    </DL><p>
    <DT><A HREF="https://blog.example.org/post" ADD_DATE="1700000500" TAGS="reread">Same post again</A>
    <DT><A HREF="file:///home/me/notes.html">Local file</A>
    <DT><A NAME="anchor">not a link</A>
</DL><p>
`;

// Pinboard / Raindrop style: descriptions in <DD>, tags; and Pocket's old HTML export (lowercase, time_added).
const SERVICE = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<DL><p>
<DT><A HREF="https://a.example.com/one" ADD_DATE="1600000000" PRIVATE="0" TAGS="science,space">One</A>
<DD>What it says &lt;b&gt;in bold&lt;/b&gt; — a description
<DT><A HREF="https://a.example.com/two" ADD_DATE="1600000100">Two</A>
</DL>
<h1>Unread</h1><ul>
<li><a href="https://pocket.example.com/x" time_added="1500000000" tags="pocket,old">Old Pocket item</a></li>
</ul>`;

describe('readBookmarks', () => {
  it('brings links with titles (entities decoded), add dates, tags and the folders they sit in', () => {
    expect(looksLikeBookmarks(BROWSER)).toBe(true);
    const brought = readBookmarks(BROWSER, 'bookmarks.html');
    expect(brought.entries).toEqual([
      { url: 'https://news.example.com/2024/story', where: 'bookmarks.html:9', title: 'Fish & chips: a "history" – part 1', savedAt: '2023-11-14T22:15:00Z', topics: [] },
      { url: 'https://blog.example.org/post', where: 'bookmarks.html:12', title: 'A post', savedAt: '2023-11-14T22:16:40Z', topics: ['longform', 'tech', 'reread'], folders: ['Reading'] },
      { url: 'https://deep.example.net/a', where: 'bookmarks.html:17', title: 'Deep', savedAt: '2023-11-14T22:20:00Z', topics: [], folders: ['Reading', 'Later'] },
    ]);
    expect(brought.refused).toEqual([
      { where: 'bookmarks.html:15', reason: 'a javascript: link (a bookmarklet), not a page' },
      { where: 'bookmarks.html:16', reason: 'a browser-internal address, not a page on the web' },
      { where: 'bookmarks.html:22', reason: 'a file on a computer (file:), not a page on the web' },
    ]);
    expect(brought.duplicates.map((d) => d.where)).toEqual(['bookmarks.html:21']);
  });

  it('makes folders topics only when asked, never the browser\'s own top folders', () => {
    const brought = readBookmarks(BROWSER, 'b.html', { foldersAsTopics: true });
    expect(brought.entries.map((e) => e.topics)).toEqual([[], ['longform', 'tech', 'Reading', 'reread'], ['Reading', 'Later']]);
  });

  it('reads descriptions and the services\' and Pocket\'s old export', () => {
    const brought = readBookmarks(SERVICE, 'pinboard.html');
    expect(brought.entries.map(({ url, title, excerpt, topics, savedAt }) => ({ url, title, excerpt, topics, savedAt }))).toEqual([
      { url: 'https://a.example.com/one', title: 'One', excerpt: 'What it says <b>in bold</b> — a description', topics: ['science', 'space'], savedAt: '2020-09-13T12:26:40Z' },
      { url: 'https://a.example.com/two', title: 'Two', excerpt: undefined, topics: [], savedAt: '2020-09-13T12:28:20Z' },
      { url: 'https://pocket.example.com/x', title: 'Old Pocket item', excerpt: undefined, topics: ['pocket', 'old'], savedAt: '2017-07-14T02:40:00Z' },
    ]);
  });

  it('says so when a file holds no links', () => {
    expect(readBookmarks('<html><body>hello</body></html>', 'page.html').refused).toEqual([{ where: 'page.html', reason: 'no links found: this is not a bookmarks file' }]);
    expect(looksLikeBookmarks('<html><body><a href="https://e.com">x</a></body></html>')).toBe(false);
  });

  it('reads 200,000 links in one linear pass, and an unclosed link does not swallow the rest', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `<DT><A HREF="https://site${i % 997}.example.com/p/${i}" ADD_DATE="${1600000000 + i}">Link ${i}</A>`);
    rows[10] = '<DT><A HREF="https://broken.example.com/x">never closed';
    const brought = readBookmarks(`<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${rows.join('\n')}\n</DL>`, 'big.html');
    expect(brought.entries).toHaveLength(200_000);
    expect(brought.entries[11]!.title).toBe('Link 11');
    expect(brought.entries[199_999]!.where).toBe('big.html:200002');
  });
});
