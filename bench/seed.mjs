// The benchmarks' library: n generated records brought in as a library from elsewhere (bulk/bring, 1,000 a
// message, each message one transaction of the store's write path, nothing fetched), so 100,000 seed in
// seconds, not one message per record. Passed to page.evaluate from an extension page, so it is self-contained.

/** Runs in an extension page; throws when the background refuses a record. */
export async function seedLibraryInPage(n) {
  const TOPICS = ['AI', 'Chips', 'Energy', 'Politics', 'Health', 'Climate', 'Markets'];
  const SLICE = 1_000;
  const start = Date.UTC(2024, 0, 1);
  const send = async (type, payload) => {
    const answer = await globalThis.chrome.runtime.sendMessage({ lede: 1, type, payload });
    if (answer?.ledeError) throw new Error(answer.ledeError);
    return answer;
  };
  const batch = { id: `seed-${Date.now()}`, label: 'seed' };
  for (let from = 0; from < n; from += SLICE) {
    const entries = [];
    for (let i = from; i < Math.min(n, from + SLICE); i++) {
      const host = `n${i % 80}.example`;
      entries.push({
        url: `https://${host}/a/${i}`, where: `seed:${i}`, title: `Story ${i} about ${TOPICS[i % 7]} and the week ahead`,
        excerpt: `An excerpt that runs on for a while, number ${i}, much as real standfirsts do.`,
        publishedDateTime: new Date(start + i * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        savedAt: new Date(start + i * 60_000).toISOString(), provider: `Provider ${i % 80}`, topics: [TOPICS[i % 7], TOPICS[(i + 3) % 7]],
      });
    }
    const answer = await send('bulk/bring', { batch, entries, choices: { topics: [] }, fill: false });
    if (answer.brought !== entries.length) throw new Error(`records were refused: ${JSON.stringify(answer.rejected.slice(0, 3))}`);
  }
}
