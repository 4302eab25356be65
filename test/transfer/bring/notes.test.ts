// Other clippers' notes: their front matter mapped to Lede's fields, the rest kept, bad ones refused with why.
import { describe, expect, it } from 'vitest';
import { readClipperNote } from '../../../src/transfer/bring/notes.js';
import { bringFile, bringKind } from '../../../src/transfer/bring/index.js';

// Obsidian Web Clipper's default template.
const OBSIDIAN = `---
title: "The quiet return of the bookmark"
source: "https://www.example.com/2024/05/bookmarks?utm_source=rss"
author:
  - "[[Jane Doe]]"
published: 2024-05-01
created: 2024-05-02
description: "Why saving links came back."
tags:
  - "clippings"
---
Body text **kept**.
`;

// MarkDownload with a common template (its dates carry a note of the zone).
const MARKDOWNLOAD = `---
created: 2024-05-02T10:00:00+02:00
tags: [news, "#ai"]
source: https://news.example.org/story
---

# Story
`;

// Joplin's export.
const JOPLIN = `---
title: A Joplin note
updated: 2024-05-02 10:00:00Z
created: 2024-05-02 09:00
source: https://joplin.example.net/p
author: Someone
latitude: 48.1
tags:
  - reading
---
`;

describe('readClipperNote', () => {
  it('maps Obsidian Web Clipper\'s keys and keeps the author as an unknown key', () => {
    const result = readClipperNote('Clippings/bookmark.md', OBSIDIAN);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entry).toMatchObject({
      url: 'https://www.example.com/2024/05/bookmarks',
      title: 'The quiet return of the bookmark',
      excerpt: 'Why saving links came back.',
      publishedDateTime: '2024-05-01T00:00:00Z',
      savedAt: '2024-05-02T00:00:00Z',
      topics: ['clippings'],
      body: 'Body text **kept**.\n',
      extra: { author: ['[[Jane Doe]]'] },
    });
    expect(result.entry.mapping).toEqual([
      { from: 'title', to: 'title' }, { from: 'source', to: 'originalUrl' }, { from: 'author', to: 'kept' },
      { from: 'published', to: 'publishedDateTime' }, { from: 'created', to: 'savedAt' }, { from: 'description', to: 'excerpt' },
      { from: 'tags', to: 'topics' },
    ]);
  });

  it('reads MarkDownload\'s and Joplin\'s front matter', () => {
    const md = readClipperNote('story.md', MARKDOWNLOAD);
    expect(md.ok && md.entry).toMatchObject({ url: 'https://news.example.org/story', savedAt: '2024-05-02T08:00:00Z', topics: ['news', 'ai'], title: undefined });
    const joplin = readClipperNote('joplin.md', JOPLIN);
    expect(joplin.ok && joplin.entry).toMatchObject({
      url: 'https://joplin.example.net/p', title: 'A Joplin note', savedAt: '2024-05-02T09:00:00Z', topics: ['reading'],
      extra: { updated: '2024-05-02 10:00:00Z', author: 'Someone', latitude: 48.1 },
    });
  });

  it('never keeps a key under a Lede field\'s name with another meaning', () => {
    const result = readClipperNote('n.md', '---\nurl: https://e.com/x\ndate: 2024-01-01\npublished: true\ntype: 3\n---\n');
    expect(result.ok && result.entry.extra).toBeUndefined();
    expect(result.ok && result.entry.mapping).toEqual([
      { from: 'url', to: 'originalUrl' }, { from: 'date', to: 'publishedDateTime' }, { from: 'published', to: 'dropped' }, { from: 'type', to: 'dropped' },
    ]);
  });

  it('refuses a note with no front matter, broken front matter, or no web address, saying which', () => {
    expect(readClipperNote('a.md', '# just a note\n')).toEqual({ ok: false, reason: 'no front matter: the file must start with a line "---"' });
    expect(readClipperNote('b.md', '---\ntitle: [unclosed\n---\n')).toMatchObject({ ok: false, reason: expect.stringMatching(/^YAML syntax error/) });
    expect(readClipperNote('c.md', '---\ntitle: x\n---\n')).toEqual({ ok: false, reason: 'no web address in its front matter (source, url or link): no address' });
    expect(readClipperNote('d.md', '---\nsource: file:///x.html\n---\n')).toMatchObject({ ok: false, reason: expect.stringContaining('file:') });
    expect(readClipperNote('e.md', '---\n- a\n- b\n---\n')).toEqual({ ok: false, reason: 'the front matter is not a mapping of keys to values' });
  });
});

describe('bringFile', () => {
  it('tells the kinds apart by name and first bytes', () => {
    expect(bringKind('part_000000.csv', 'title,url,time_added\n')).toBe('pocket');
    expect(bringKind('export.csv', 'a,b\n')).toBeNull();
    expect(bringKind('bookmarks.html', '<!DOCTYPE NETSCAPE-Bookmark-file-1>')).toBe('bookmarks');
    expect(bringKind('page.html', '<html></html>')).toBeNull();
    expect(bringKind('list.txt', '')).toBe('urls');
    expect(bringKind('note.md', '')).toBe('notes');
    expect(bringFile('x.pdf', '%PDF').refused[0]!.reason).toMatch(/^not a file Lede can bring/);
    expect(bringFile('n.md', OBSIDIAN).entries).toHaveLength(1);
    // A Lede record among notes is handed to the usual import whole.
    const lede = '---\ntitle: "A"\noriginalUrl: "https://e.com/a"\nquality: 70\n---\n\n';
    expect(bringFile('lede.md', lede)).toMatchObject({ entries: [], records: [{ name: 'lede.md', text: lede }] });
  });
});
