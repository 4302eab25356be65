// The benchmarks' library: n generated records saved through the background's restore path (as they were
// saved, so no sync work is queued). Passed to page.evaluate from an extension page, so it is self-contained.

/** Runs in an extension page; throws when the background refuses a record. */
export async function seedLibraryInPage(n) {
  const TOPICS = ['AI', 'Chips', 'Energy', 'Politics', 'Health', 'Climate', 'Markets'];
  const start = Date.UTC(2024, 0, 1);
  const send = (type, payload) => globalThis.chrome.runtime.sendMessage({ lede: 1, type, payload });
  let batch = [];
  const flush = async () => {
    const answers = await Promise.all(batch);
    const refused = answers.find((a) => !a?.ok);
    if (refused) throw new Error(`a record was refused: ${JSON.stringify(refused)}`);
    batch = [];
  };
  for (let i = 0; i < n; i++) {
    const host = `n${i % 80}.example`;
    const record = {
      category: 'news', title: `Story ${i} about ${TOPICS[i % 7]} and the week ahead`,
      excerpt: `An excerpt that runs on for a while, number ${i}, much as real standfirsts do.`,
      publishedDateTime: new Date(start + i * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      originalUrl: `https://${host}/a/${i}`, webUrl: `https://${host}/a/${i}`, type: 'article', quality: 50, heat: -1,
      published: false, provider: { name: `Provider ${i % 80}`, domain: host }, topics: [TOPICS[i % 7], TOPICS[(i + 3) % 7]],
      related: [], body: '',
    };
    const at = new Date(start + i * 60_000).toISOString();
    batch.push(send('library/restore', { stored: { id: `https://${host}/a/${i}`, record, savedAt: at, updatedAt: at, revision: 1 } }));
    if (batch.length === 250) await flush();
  }
  await flush();
}
