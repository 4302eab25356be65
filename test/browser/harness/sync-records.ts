// The records the folder-sync browser tests save: one site, a fixed date, a title and address of their own.
export function syncRecord(title: string, slug: string, quality = 50) {
  return {
    category: 'news', title, excerpt: `About ${title}.`, publishedDateTime: '2026-03-14T08:30:00Z',
    originalUrl: `https://www.harbourlight.example/${slug}`, webUrl: `https://www.harbourlight.example/${slug}`,
    type: 'article', quality, heat: -1, published: false,
    provider: { name: 'Harbour Light', domain: 'harbourlight.example' }, topics: ['Sync'], related: [], body: '',
  };
}
