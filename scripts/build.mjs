// Bundles the extension, the CLI and the integration tests with esbuild.
// Integration test files are built one per entry so the mocha runner can add them as files.
// The extension is built twice: for Node (desktop) and for the browser (scripts/browserBuild.mjs).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { webExtensionBuild } from './browserBuild.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };
const integration = readdirSync('test/integration').filter((f) => f.endsWith('.ts')).map((f) => join('test/integration', f));

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  webExtensionBuild,
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { NEWSMARK_VERSION: JSON.stringify(version) } },
  { ...common, entryPoints: integration, outdir: 'out/test/integration', external: ['vscode', 'mocha'] },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
