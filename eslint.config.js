// Lint: TypeScript rules, no page text into markup, and no execution context importing another's code.
import js from '@eslint/js';
import globals from 'globals';
import nounsanitized from 'eslint-plugin-no-unsanitized';
import tseslint from 'typescript-eslint';

/** Each folder runs in its own context; code shared between them lives in record, extract, shared or ui. */
const contexts = {
  'src/background': ['content', 'popup', 'pages', 'ui', 'cli', 'offscreen', 'host'],
  'src/content': ['background', 'popup', 'pages', 'ui', 'cli', 'offscreen', 'host'],
  'src/popup': ['background', 'content', 'pages', 'cli', 'offscreen', 'host'],
  'src/pages': ['background', 'content', 'popup', 'cli', 'offscreen', 'host'],
  'src/ui': ['background', 'content', 'popup', 'pages', 'cli', 'offscreen', 'host'],
  'src/cli': ['background', 'content', 'popup', 'pages', 'ui', 'offscreen'],
  'src/lib': ['background', 'content', 'popup', 'pages', 'ui', 'cli', 'offscreen', 'host'],
  'src/offscreen': ['background', 'content', 'popup', 'pages', 'ui', 'cli', 'host'],
  // Lede's native helper (`lede host`): Node, started by the browser; speaks to the background by messages only.
  'src/host': ['background', 'content', 'popup', 'pages', 'ui', 'offscreen', 'cli'],
  // Every context imports src/shared, so it imports none of them: else it would be a hole in every boundary.
  'src/shared': ['background', 'content', 'popup', 'pages', 'ui', 'cli', 'lib', 'offscreen', 'host'],
};
// src/secure: the private-data cipher, with WebCrypto passed in.
const pure = ['src/record', 'src/extract', 'src/transfer', 'src/secure', 'src/related'];

function forbidden(dirs) {
  return dirs.flatMap((dir) => [`**/${dir}/*`, `**/${dir}/**`, `../${dir}`, `../../${dir}`]);
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  nounsanitized.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, ...globals.webextensions },
    },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Build nodes and set textContent; page text is never markup.' },
        { property: 'outerHTML', message: 'Build nodes and set textContent; page text is never markup.' },
        { property: 'insertAdjacentHTML', message: 'Build nodes; page text is never markup.' }],
    },
  },
  ...Object.entries(contexts).map(([dir, others]) => ({
    files: [`${dir}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: forbidden(others), message: dir === 'src/shared'
          ? 'src/shared is imported by every context, so it imports none of them: move the type or code down into src/shared or a core.'
          : `${dir} runs in its own context: share code through src/record, src/extract, src/secure, src/related, src/shared or src/ui.` }],
      }],
    },
  })),
  {
    files: pure.map((dir) => `${dir}/**/*.ts`),
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'webextension-polyfill', message: 'The format and extraction cores are pure: no browser API.' }],
        patterns: [{ group: forbidden(['background', 'content', 'popup', 'pages', 'ui', 'cli', 'offscreen', 'shared']), message: 'The cores import nothing from the contexts.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'chrome', 'browser', 'location', 'document', 'navigator', 'localStorage', 'indexedDB'],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**', 'build/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-restricted-properties': 'off', 'no-unsanitized/method': 'off' },
  },
);
