// Topic rules of the editor: tidy a typed topic, add without duplicates, suggest from known topics.

/** Trims and collapses inner whitespace; '' when nothing is left. */
export function tidyTopic(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sameTopic(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

export function hasTopic(topics: readonly string[], topic: string): boolean {
  return topics.some((existing) => sameTopic(existing, topic));
}

/** The library's spelling of `topic` when it holds the topic in another case ("ai" → "AI"), else `topic` as typed. */
export function librarySpelling(topic: string, library: readonly string[]): string {
  if (!topic) return topic;
  const known = library.find((entry) => sameTopic(tidyTopic(entry), topic));
  return known ? tidyTopic(known) : topic;
}

/**
 * Adds each comma-separated topic of `text` that is not there yet (ignoring case), keeping the user's order;
 * a topic the library holds in another case takes the library's spelling, so one topic has one spelling.
 */
export function addTopics(topics: readonly string[], text: string, library: readonly string[] = []): string[] {
  const out = [...topics];
  for (const part of text.split(',')) {
    const topic = librarySpelling(tidyTopic(part), library);
    if (topic && !hasTopic(out, topic)) out.push(topic);
  }
  return out;
}

export function removeTopic(topics: readonly string[], index: number): string[] {
  return topics.filter((_, i) => i !== index);
}

/**
 * Suggestions for what is typed: topics starting with it first, then those containing it,
 * never one already chosen, each once. An empty query lists the candidates in their order.
 */
export function suggestTopics(
  candidates: readonly string[],
  query: string,
  chosen: readonly string[],
  limit = 8,
): string[] {
  const q = tidyTopic(query).toLocaleLowerCase();
  const seen: string[] = [];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const candidate of candidates) {
    const topic = tidyTopic(candidate);
    if (!topic || hasTopic(chosen, topic) || hasTopic(seen, topic)) continue;
    seen.push(topic);
    const lower = topic.toLocaleLowerCase();
    if (lower.startsWith(q)) starts.push(topic);
    else if (q && lower.includes(q)) contains.push(topic);
  }
  return [...starts, ...contains].slice(0, limit);
}
