// VS Code for the Web runs the extension's `browser` bundle in a web worker, where a Node built-in
// (node:fs, node:crypto…) does not exist: one import of it and the extension does not start there.
// The bundle is built here, as scripts/build.mjs builds it, so such an import fails this test.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { build, type BuildFailure, type BuildOptions } from 'esbuild';

const ROOT = join(__dirname, '..', '..');

describe('the browser build of the extension', () => {
  it('bundles with nothing required but vscode', async () => {
    const { webExtensionBuild } = (await import(pathToFileURL(join(ROOT, 'scripts', 'browserBuild.mjs')).href)) as { webExtensionBuild: BuildOptions };
    const result = await build({ ...webExtensionBuild, absWorkingDir: ROOT, write: false, sourcemap: false, logLevel: 'silent' }).catch((error: BuildFailure) => error);
    if ('errors' in result && result.errors.length > 0) {
      assert.fail(`the browser bundle does not build:\n${result.errors.map((e) => `${e.location?.file ?? '?'}: ${e.text}`).join('\n')}`);
    }
    assert.ok('outputFiles' in result && result.outputFiles !== undefined);
    const text = result.outputFiles[0]!.text;
    const required = new Set([...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
    assert.deepEqual([...required], ['vscode']);
  });

  it('is the manifest’s browser entry, and ships in the package', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { browser?: string; main?: string };
    assert.equal(manifest.browser, './dist/web/extension.js');
    assert.equal(manifest.main, './dist/extension.js');
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    assert.ok(ignore.includes('!dist/web/extension.js'), '.vscodeignore keeps dist/web/extension.js');
  });
});
