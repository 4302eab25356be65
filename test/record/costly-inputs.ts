// Record texts built to be slow to read: shared by the parse-cost tests and `npm run bench:parse`.
const HEAD = '---\ntitle: "Costly"\noriginalUrl: "https://example.com/a"\n';
const END = '---\n\n';

function lines(count: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(line(i));
  return out.join('');
}

export function costlyInputs() {
  const keys = lines(40_000, (i) => `k${i}: value ${i}\n`);
  const someKeys = lines(8_000, (i) => `k${i}: value ${i}\n`);
  let bomb = 'b0: &b0 [x, x]\n';
  for (let i = 1; i < 60; i++) bomb += `b${i}: &b${i} [*b${i - 1}, *b${i - 1}]\n`;
  return {
    manyKeys: HEAD + keys + END,
    fewerKeys: HEAD + someKeys + END,
    fewerKeysDuplicate: HEAD + someKeys + 'k0: again\n' + END,
    manyAliases: HEAD + lines(3_000, (i) => `a${i}: &x${i} [${i}]\nb${i}: *x${i}\n`) + END,
    aliasBomb: HEAD + bomb + END,
    hugeFrontMatter: HEAD + lines(30_000, (i) => `k${i}: ${'x'.repeat(40)}\n`) + END,
    unterminated: HEAD + lines(40_000, (i) => `k${i}: ${'x'.repeat(40)}\n`),
    justUnder: HEAD + `note: "${'é'.repeat(510_000)}"\n` + END,
    deep: HEAD + `deep: ${'['.repeat(100_000)}\n` + END,
    deepExtra: HEAD + `deep: ${'['.repeat(40)}1${']'.repeat(40)}\n` + END,
    manyFlowItems: HEAD + `list: [${lines(200_000, () => "1,")}]\n` + END,
    bigBody: HEAD + END + lines(80_000, (i) => `---\nline ${i}: *x &y [\n`),
  };
}
