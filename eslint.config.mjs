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
// What people read goes through vscode.l10n.t, so the exporter (npm run l10n) finds it and a
// translation can replace it: no literal as a notification's or status bar message's text, nor as
// the title, placeholder or prompt of a quick pick, input box, dialog or progress (a literal
// straight in the call, or either branch of a ?: there; string concatenation too).
const messageCalls = '/^(showInformationMessage|showWarningMessage|showErrorMessage|setStatusBarMessage)$/';
const promptKeys = '/^(title|placeHolder|placeholder|prompt)$/';
const literalText = ':matches(Literal[raw=/^[\'"]/], TemplateLiteral, BinaryExpression[operator="+"])';
const userTextThroughL10n = [
  `CallExpression:matches([callee.property.name=${messageCalls}], [callee.name=${messageCalls}]) > ${literalText}.arguments:first-child`,
  `CallExpression:matches([callee.property.name=${messageCalls}], [callee.name=${messageCalls}]) > ConditionalExpression.arguments:first-child > ${literalText}:matches(.consequent, .alternate)`,
  `Property[key.name=${promptKeys}] > ${literalText}.value`,
  `Property[key.name=${promptKeys}] > ConditionalExpression.value > ${literalText}:matches(.consequent, .alternate)`,
  `AssignmentExpression[operator="="][left.property.name=${promptKeys}] > ${literalText}.right`,
  `AssignmentExpression[operator="="][left.property.name=${promptKeys}] > ConditionalExpression.right > ${literalText}:matches(.consequent, .alternate)`,
].map((selector) => ({ selector, message: 'user-visible text goes through vscode.l10n.t (README: Translating Newsmark)' }));

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
      'no-restricted-syntax': ['error', onlySharedRegistersCommands, ...contextValuesFromTable, ...userTextThroughL10n],
    },
  },
  {
    // The one command wrapper itself.
    files: ['src/extension/shared/commands.ts'],
    rules: { 'no-restricted-syntax': ['error', ...contextValuesFromTable, ...userTextThroughL10n] },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', document: 'readonly', window: 'readonly', NodeFilter: 'readonly', getComputedStyle: 'readonly' } },
  },
);
