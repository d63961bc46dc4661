// The extension's browser build (VS Code for the Web's web worker extension host), shared by
// scripts/build.mjs and the unit test that keeps Node built-ins out of it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `./sha256` → `./sha256.browser.ts` when that file exists: the browser form of a module that has one (src/core/sha256.ts says why). */
export const browserTwins = {
  name: 'browser-twins',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const twin = join(args.resolveDir, `${args.path}.browser.ts`);
      return existsSync(twin) ? { path: twin } : undefined;
    });
  },
};

/**
 * linkedom tries `require('canvas')` (the native package) and falls back to its own shim; a web
 * worker has no require, so the shim is bundled in its place.
 */
export const canvasShim = {
  name: 'canvas-shim',
  setup(build) {
    const shim = join(dirname(createRequire(import.meta.url).resolve('linkedom')), '..', 'commonjs', 'canvas-shim.cjs');
    build.onResolve({ filter: /^canvas$/ }, () => ({ path: shim }));
  },
};

/**
 * linkedom's CSS parser (cssomnom) runs only when a <style> element's `sheet` is read, which
 * reading an article never does; a stub takes its place (src/core/ingest/noStyleSheets.ts) and
 * each bundle that reads pages is a fifth smaller.
 */
export const noStyleSheets = {
  name: 'no-style-sheets',
  setup(build) {
    build.onResolve({ filter: /^cssomnom\/parse$/ }, () => ({ path: join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'ingest', 'noStyleSheets.ts') }));
  },
};

/** esbuild options for dist/web/extension.js: the same entry as dist/extension.js, for the browser. */
export const webExtensionBuild = {
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
  entryPoints: ['src/extension/extension.ts'],
  outfile: 'dist/web/extension.js',
  external: ['vscode'],
  plugins: [browserTwins, canvasShim, noStyleSheets],
};
