// Bundles the extension, the CLI and the integration tests (for the Node and the web worker host) with esbuild.
// Integration test files are built one per entry so the mocha runner can add them as files.
// The extension is built twice: for Node (desktop) and for the browser (scripts/browserBuild.mjs).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { browserTwins, noStyleSheets, webExtensionBuild } from './browserBuild.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
// --package (vsce's vscode:prepublish): only the two extension bundles a user installs, minified and
// without source maps (the .vsix ships no maps, so no bundle may point at one); the dev build keeps them.
const forPackage = process.argv.includes('--package');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };
const integration = readdirSync('test/integration').filter((f) => f.endsWith('.ts')).map((f) => join('test/integration', f));

// The integration tests again, for VS Code's web worker extension host (npm run test:web): one
// browser bundle inside the extension folder (the workbench runs tests in the web worker only from
// there; .vscodeignore keeps it out of the .vsix). It loads mocha's browser build and the test files
// through the generated module newsmark:integration-tests; node:assert is the npm assert package.
/** Integration test files the web run leaves out, and why (test:web prints this). */
const WEB_LEFT_OUT = {
  'faults.test.ts': 'the Faults suite runs on its own, in the Node host (npm run test:faults)',
};
const webTestFiles = readdirSync('test/integration').filter((f) => f.endsWith('.test.ts') && !(f in WEB_LEFT_OUT)).sort();
const webTestModules = {
  name: 'newsmark-web-test-modules',
  setup(build) {
    build.onResolve({ filter: /^newsmark:integration-tests$/ }, ({ path }) => ({ path, namespace: 'newsmark-web-tests' }));
    build.onLoad({ filter: /.*/, namespace: 'newsmark-web-tests' }, () => ({
      resolveDir: resolve('test/integration'),
      loader: 'js',
      contents: [
        ...webTestFiles.map((f) => `import ${JSON.stringify(`./${f}`)};`),
        `export const files = ${JSON.stringify(webTestFiles)};`,
        `export const leftOut = ${JSON.stringify(Object.entries(WEB_LEFT_OUT).map(([file, reason]) => ({ file, reason })))};`,
      ].join('\n'),
    }));
    // Node's strict assert, from the npm package that ports it to the browser.
    build.onResolve({ filter: /^node:assert\/strict$/ }, ({ path }) => ({ path, namespace: 'newsmark-web-assert' }));
    build.onLoad({ filter: /.*/, namespace: 'newsmark-web-assert' }, () => ({
      resolveDir: resolve('.'), loader: 'js', contents: "module.exports = require('assert').strict;",
    }));
  },
};
const webTests = {
  bundle: true, platform: 'browser', format: 'cjs', target: 'es2022', sourcemap: true, logLevel: 'warning',
  entryPoints: ['test/web/index.ts'], outfile: 'dist/test-web/index.js', external: ['vscode'],
  alias: { 'node:assert': 'assert' }, inject: ['test/web/processShim.ts'], plugins: [webTestModules, browserTwins],
};

/**
 * `newsmark ingest` in a bundle of its own (dist/cliIngest.js), required by dist/cli.js only when
 * that command runs: its HTML parser and Readability were half of the CLI's bundle, compiled at
 * every start of every other command.
 */
/**
 * The command line's start (dist/cli.js: src/cli/startEarly.ts and what it needs) apart from its
 * commands (dist/cliMain.js), which it loads after it has started the parse workers.
 */
const cliMainApart = {
  name: 'newsmark-cli-main-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/main$/ }, ({ importer }) => (importer.endsWith(join('src', 'cli', 'cli.ts')) ? { path: './cliMain.js', external: true } : undefined));
  },
};

const cliIngestApart = {
  name: 'newsmark-cli-ingest-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/ingest$/ }, ({ importer }) => (importer.endsWith(join('src', 'cli', 'main.ts')) ? { path: './cliIngest.js', external: true } : undefined));
  },
};

/** What the .vsix ships: the extension for Node and for the browser. */
const extensionBuilds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [noStyleSheets] },
  webExtensionBuild,
];
const builds = [
  ...extensionBuilds,
  { ...common, entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { NEWSMARK_VERSION: JSON.stringify(version) }, plugins: [cliMainApart] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js', define: { NEWSMARK_VERSION: JSON.stringify(version) }, plugins: [cliIngestApart] },
  { ...common, entryPoints: ['src/cli/ingest.ts'], outfile: 'dist/cliIngest.js', plugins: [noStyleSheets] },
  // The CLI's parse workers (src/cli/parsePool.ts), loaded from beside dist/cli.js.
  { ...common, entryPoints: ['src/cli/parseWorker.ts'], outfile: 'dist/parseWorker.js', define: { NEWSMARK_VERSION: JSON.stringify(version) } },
  { ...common, entryPoints: integration, outdir: 'out/test/integration', external: ['vscode', 'mocha'] },
  webTests,
];

// Names kept: a stack trace a user pastes from the log still says which function failed.
const shipped = { sourcemap: false, minify: true, keepNames: true, legalComments: 'eof' };

if (forPackage) {
  await Promise.all(extensionBuilds.map((b) => esbuild.build({ ...b, ...shipped })));
} else if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
