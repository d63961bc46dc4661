import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreNoVscode = { name: 'vscode', message: 'src/core must not import vscode; put editor code in src/extension.' };
const noNodeFs = (where) => ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
  name,
  message: `${where} reaches files through the FileSystemPort (src/core/fs/port.ts); only src/core/fs/nodeFileSystem.ts uses Node's fs.`,
}));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', {
        // node:test's describe/it return promises the runner itself awaits.
        allowForKnownSafeCalls: [{ from: 'package', name: ['describe', 'it', 'suite', 'test'], package: 'node:test' }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The core must run in plain Node (CLI, unit tests): it may never depend on the editor. Nor on
    // Node's fs: files go through the FileSystemPort (src/core/fs/port.ts), so the same code runs
    // on workspace.fs in the web extension host and on the in-memory fake in tests.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [coreNoVscode, ...noNodeFs('src/core')] }],
    },
  },
  {
    // The Node implementation of the port, and the files that still use fs directly until they
    // move onto the port (issue 15); no file is to join this list.
    files: ['src/core/fs/nodeFileSystem.ts', 'src/core/atomicWrite.ts', 'src/core/sidecarFs.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [coreNoVscode] }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: noNodeFs('src/extension') }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', document: 'readonly', window: 'readonly', NodeFilter: 'readonly', getComputedStyle: 'readonly' } },
  },
);
