import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build, type BuildOptions } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { inTemp, runExpecting } from './cliRun';

const ROOT = join(__dirname, '..', '..');
const PAGES = join(ROOT, 'test', 'fixtures', 'pages');
const WIRE = 'meridian-wire-2026-03-24-grain-ships-resume-sailings-from-port-veyra-after';

describe('newsmark ingest', () => {
  it('writes <outlet>-<date>-<slug>.txt and a sidecar with the page details that reads back', async () => {
    await inTemp(async (dir) => {
      const out = join(dir, 'articles');
      const run = await runExpecting(0, ['ingest', '--out', out, join(PAGES, 'wire-jsonld.html'), join(PAGES, 'amp.html')]);
      assert.deepEqual(readdirSync(out).sort(), [
        `${WIRE}.txt`, `${WIRE}.txt.tags.yaml`,
        'north-coast-herald-2026-02-03-night-trains-return-to-the-coast-line.txt', 'north-coast-herald-2026-02-03-night-trains-return-to-the-coast-line.txt.tags.yaml',
      ]);
      assert.match(run.out, new RegExp(`wire-jsonld\\.html → .*${WIRE}\\.txt`));
      assert.match(run.out, /outlet: Meridian Wire/);
      const text = readFileSync(join(out, `${WIRE}.txt`), 'utf8');
      assert.ok(text.startsWith('Grain ships resume sailings from Port Veyra after week-long halt\n\nPORT VEYRA, March 24'));
      const parsed = SidecarFile.parse(readFileSync(join(out, `${WIRE}.txt.tags.yaml`), 'utf8'));
      assert.ok(parsed.ok);
      assert.equal(parsed.sidecar.article, `${WIRE}.txt`);
      assert.equal(parsed.sidecar.sha256, articleHash(text));
      assert.deepEqual(parsed.sidecar.tags, []);
      assert.deepEqual(parsed.sidecar.details, {
        outlet: 'Meridian Wire',
        url: 'https://meridianwire.example/world/grain-ships-resume-2026-03-24/',
        published: '2026-03-24T09:15:00+00:00',
        headline: 'Grain ships resume sailings from Port Veyra after week-long halt',
        byline: 'Amara Lindqvist',
      });
      await runExpecting(0, ['validate', out]);
    });
  });

  it('never overwrites: a name in use, by an article or by a sidecar alone, gets -2, -3', async () => {
    await inTemp(async (dir) => {
      writeFileSync(join(dir, `${WIRE}.txt`), 'An analyst’s own article.\n');
      writeFileSync(join(dir, `${WIRE}-2.txt.tags.yaml`), '# a sidecar whose article is elsewhere\n');
      await runExpecting(0, ['ingest', '--out', dir, join(PAGES, 'wire-jsonld.html')]);
      await runExpecting(0, ['ingest', '--out', dir, join(PAGES, 'wire-jsonld.html')]);
      assert.equal(readFileSync(join(dir, `${WIRE}.txt`), 'utf8'), 'An analyst’s own article.\n');
      assert.equal(readFileSync(join(dir, `${WIRE}-2.txt.tags.yaml`), 'utf8'), '# a sidecar whose article is elsewhere\n');
      assert.ok(!existsSync(join(dir, `${WIRE}.txt.tags.yaml`)));
      assert.ok(!existsSync(join(dir, `${WIRE}-2.txt`)));
      assert.ok(existsSync(join(dir, `${WIRE}-3.txt`)) && existsSync(join(dir, `${WIRE}-3.txt.tags.yaml`)));
      assert.ok(existsSync(join(dir, `${WIRE}-4.txt`)) && existsSync(join(dir, `${WIRE}-4.txt.tags.yaml`)));
    });
  });

  it('a refused page is named and exits 1; the other pages are still written', async () => {
    await inTemp(async (dir) => {
      const empty = join(dir, 'empty.html');
      writeFileSync(empty, '<html><head><title>Sign in</title></head><body><p>Sign in to read.</p></body></html>');
      const notHtml = join(dir, 'notes.html');
      writeFileSync(notHtml, 'just some notes\n');
      const run = await runExpecting(1, ['ingest', '--out', join(dir, 'out'), empty, join(PAGES, 'amp.html'), notHtml, join(dir, 'missing.html')]);
      assert.match(run.err, /✗ .*empty\.html: no article text found in the page/);
      assert.match(run.err, /✗ .*notes\.html: this is not an HTML page/);
      assert.match(run.err, /✗ .*missing\.html: no such file/);
      assert.deepEqual(readdirSync(join(dir, 'out')).length, 2);
    });
  });

  it('--json reports each page; a page without details is named after its file', async () => {
    await inTemp(async (dir) => {
      const bare = join(dir, 'Saved Page (1).htm');
      copyFileSync(join(PAGES, 'amp.html'), bare);
      writeFileSync(bare, readFileSync(bare, 'utf8').replace(/<link rel="canonical"[^>]*>|<meta property="og:site_name"[^>]*>|<time[^>]*>[^<]*<\/time>|<title>[^<]*<\/title>|<h1>[^<]*<\/h1>/g, ''));
      const run = await runExpecting(0, ['ingest', '--json', '--out', dir, bare]);
      const [result] = JSON.parse(run.out) as [{ ok: boolean; article: string; details: object; warnings: string[] }];
      assert.equal(result.ok, true);
      assert.ok(result.article.endsWith('/saved-page-1.txt'), result.article);
      assert.deepEqual(result.details, {});
    });
  });

  it('is in the help; no page is a usage error', async () => {
    const help = await runExpecting(0, ['--help']);
    assert.match(help.out, /ingest \[--out DIR\] \[--json\] FILE\.html\.\.\./);
    await runExpecting(2, ['ingest']);
  });
});

describe('the ingest core in the browser build', () => {
  it('bundles for the web worker with nothing required', async () => {
    const { webExtensionBuild } = (await import(pathToFileURL(join(ROOT, 'scripts', 'browserBuild.mjs')).href)) as { webExtensionBuild: BuildOptions };
    const result = await build({ ...webExtensionBuild, entryPoints: ['src/core/ingest/index.ts'], outfile: 'out/ingest-web.js', absWorkingDir: ROOT, write: false, sourcemap: false, logLevel: 'silent' });
    assert.deepEqual(result.errors, []);
    const text = result.outputFiles[0]!.text;
    const required = [...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    assert.deepEqual(required, []);
    // Run as a web worker would: no require, no process, no Buffer; the globals browsers have.
    const module = { exports: {} as { extractArticle?: (bytes: Uint8Array, options: { maxBytes: number }) => { ok: boolean; text?: string } } };
    const context = createContext({ module, exports: module.exports, TextDecoder, TextEncoder, URL, atob, btoa, console });
    runInContext(text, context);
    const extracted = module.exports.extractArticle!(readFileSync(join(PAGES, 'windows-1252.html')), { maxBytes: 1024 * 1024 });
    assert.ok(extracted.ok);
    assert.ok(extracted.text!.startsWith('Café owners fight “terrace tax”\n\n'));
  });
});
