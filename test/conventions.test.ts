// The repo's own rules, tested: lint stops cross-context imports, browser APIs in the cores, and innerHTML.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared.js';

const eslint = new ESLint({ cwd: repoRoot });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${file}` });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint enforces the architecture', () => {
  it('stops the popup importing background code', async () => {
    expect(await ruleIds("import { x } from '../background/store.js';\nexport const y = x;\n", 'src/popup/probe.ts'))
      .toContain('no-restricted-imports');
  });

  it('stops a page importing the popup', async () => {
    expect(await ruleIds("import { x } from '../../popup/popup.js';\nexport const y = x;\n", 'src/pages/library/probe.ts'))
      .toContain('no-restricted-imports');
  });

  it('stops src/shared importing any context, since every context imports it', async () => {
    for (const from of ['../background/store.js', '../popup/popup.js', '../ui/editor.js', '../offscreen/watch.js']) {
      expect(await ruleIds(`import { x } from '${from}';\nexport const y = x;\n`, 'src/shared/probe.ts'), from).toContain('no-restricted-imports');
    }
    expect(await ruleIds("import { parseRecord } from '../record/index.js';\nexport const y = parseRecord;\n", 'src/shared/probe.ts')).toEqual([]);
  });

  it('lets contexts share src/record and src/shared', async () => {
    expect(await ruleIds("import { parseRecord } from '../record/index.js';\nimport { send } from '../shared/send.js';\nexport const y = [parseRecord, send];\n", 'src/popup/probe.ts'))
      .toEqual([]);
  });

  it('keeps browser APIs out of the format core', async () => {
    const ids = await ruleIds("import browser from 'webextension-polyfill';\nexport const t = [browser, document.title];\n", 'src/record/probe.ts');
    expect(ids).toEqual(['no-restricted-imports', 'no-restricted-globals']);
  });

  it('refuses innerHTML', async () => {
    expect(await ruleIds('export function f(el: HTMLElement, t: string): void { el.innerHTML = t; }\n', 'src/ui/probe.ts'))
      .toEqual(expect.arrayContaining(['no-restricted-properties']));
  });
});
