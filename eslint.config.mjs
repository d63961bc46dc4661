import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreNoVscode = { name: 'vscode', message: 'src/core must not import vscode; put editor code in src/extension.' };
const noNodeFs = (where) => ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
  name,
  message: `${where} reaches files through the FileSystemPort (src/core/fs/port.ts); only src/core/fs/nodeFileSystem.ts uses Node's fs.`,
}));
// Every command goes through registerCommand in src/extension/shared/commands.ts, which turns a
// read-only sidecar's refusal into a warning and logs anything unexpected to the Newsmark channel.
const onlySharedRegistersCommands = {
  selector: 'MemberExpression[property.name="registerCommand"]',
  message: 'Register commands with registerCommand from src/extension/shared/commands.ts (read-only warning, Newsmark log).',
};
// Tree rows' contextValues come from TreeItemContext (src/extension/shared/treeItemContexts.ts),
// which the manifest test checks against package.json's viewItem clauses.
const contextValueMessage = 'Use a value of TreeItemContext (src/extension/shared/treeItemContexts.ts): package.json menus are checked against it.';
const contextValuesFromTable = [
  'AssignmentExpression[left.property.name="contextValue"] > :matches(Literal, TemplateLiteral).right',
  'AssignmentExpression[left.property.name="contextValue"] > ConditionalExpression :matches(Literal, TemplateLiteral):matches(.consequent, .alternate)',
  'Property[key.name="contextValue"] > :matches(Literal, TemplateLiteral).value',
].map((selector) => ({ selector, message: contextValueMessage }));

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
    // The Node implementation of the port; no file is to join it.
    files: ['src/core/fs/nodeFileSystem.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [coreNoVscode] }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: noNodeFs('src/extension') }],
      'no-restricted-syntax': ['error', onlySharedRegistersCommands, ...contextValuesFromTable],
    },
  },
  {
    // The one command wrapper itself.
    files: ['src/extension/shared/commands.ts'],
    rules: { 'no-restricted-syntax': ['error', ...contextValuesFromTable] },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', document: 'readonly', window: 'readonly', NodeFilter: 'readonly', getComputedStyle: 'readonly' } },
  },
);
