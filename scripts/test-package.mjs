// The package a user installs (npm test runs this: npm run test:package). Builds newsmark.vsix the
// way `npm run package` does, unpacks it and checks what a user installing it relies on: a small
// download, README pictures that show on the extension's details page and on a marketplace, an
// icon, bundles that point at no missing source map, the translations, and nothing shipped that no
// user sees.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'newsmark-vsix-'));
const vsix = join(scratch, 'newsmark.vsix');
const BUDGET = 800 * 1024;

/** Every file in the zip at PATH, by its name inside the zip. */
function unzip(path) {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Image sources in Markdown: ![alt](src "title") and <img src="…">. */
function imageSources(markdown) {
  const md = [...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const html = [...markdown.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]);
  return [...md, ...html];
}

/** The URL prefix README images are rewritten to: the `repository` on GitHub, raw files at HEAD (vsce's default). */
function rawBase(manifest) {
  const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  assert.ok(url, 'package.json names its repository, so vsce can rewrite the README\'s relative links');
  const m = /github\.com[/:]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  assert.ok(m, `the repository is on GitHub: ${url}`);
  return `https://github.com/${m[1]}/${m[2]}/raw/HEAD/`;
}

/** Width and height from a PNG's IHDR chunk, or undefined for anything that is not a PNG. */
function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// Packaging (vscode:prepublish) leaves the shipped, minified bundles in dist/: a development build
// that was there is put back afterwards, so later test runs keep their source maps.
const hadDevBuild = existsSync(join(root, 'dist', 'extension.js.map'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let files;
try {
  // `npm run package` itself, its --out moved into the scratch folder (the last --out wins).
  execFileSync(npm, ['run', 'package', '--', '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  files = await unzip(vsix);
} finally {
  if (hadDevBuild) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
const manifest = JSON.parse(files.get('extension/package.json').toString('utf8'));
const readme = files.get('extension/readme.md')?.toString('utf8') ?? '';

after(() => rmSync(scratch, { recursive: true, force: true }));

test(`the .vsix is at most ${BUDGET / 1024} KB`, () => {
  const size = statSync(vsix).size;
  const largest = [...files].sort((a, b) => b[1].length - a[1].length).slice(0, 5).map(([n, b]) => `${n} ${Math.round(b.length / 1024)} KB`);
  assert.ok(size <= BUDGET, `newsmark.vsix is ${Math.round(size / 1024)} KB; largest files: ${largest.join(', ')}`);
});

test('every picture the README shows is an HTTPS URL of a file in this repository (the details page loads nothing else)', () => {
  const base = rawBase(manifest);
  const sources = imageSources(readme);
  assert.ok(sources.length > 0, 'the README shows pictures');
  for (const src of sources) {
    // The details page's Content-Security-Policy is `img-src https: data:`: a path inside the
    // extension never loads there, so every picture goes through the one URL scheme.
    assert.ok(src.startsWith(base), `${src} is not under ${base}`);
    const file = posix.normalize(decodeURI(src.slice(base.length)));
    assert.ok(!file.startsWith('..') && existsSync(join(root, file)), `${src}: ${file} is not in the repository`);
  }
});

test('the icon is a 128×128 PNG inside the package', () => {
  assert.ok(manifest.icon, 'package.json has an icon');
  const icon = files.get(`extension/${posix.normalize(manifest.icon)}`);
  assert.ok(icon, `${manifest.icon} is in the package`);
  assert.deepEqual(pngSize(icon), { width: 128, height: 128 });
});

test('no bundle points at a source map the package lacks', () => {
  const scripts = [...files.keys()].filter((n) => n.endsWith('.js'));
  assert.ok(scripts.includes('extension/dist/extension.js') && scripts.includes('extension/dist/web/extension.js'), 'both bundles are shipped');
  for (const name of scripts) {
    for (const m of files.get(name).toString('utf8').matchAll(/[#@] sourceMappingURL=(\S+)/g)) {
      if (m[1].startsWith('data:')) continue;
      const map = posix.join(posix.dirname(name), m[1]);
      assert.ok(files.has(map), `${name} points at ${m[1]}, which is not in the package`);
    }
  }
});

test('ships every translation: the l10n bundles and package.nls files, and every %key% of package.json resolves', () => {
  const wanted = [
    ...readdirSync(join(root, 'l10n')).filter((n) => n.endsWith('.json')).map((n) => `l10n/${n}`),
    ...readdirSync(root).filter((n) => /^package\.nls(\.[\w-]+)?\.json$/.test(n)),
  ];
  assert.ok(wanted.includes('l10n/bundle.l10n.json') && wanted.includes('package.nls.json'), `the English bundle and package.nls.json exist: ${wanted.join(', ')}`);
  for (const name of wanted) assert.ok(files.has(`extension/${name}`), `${name} is not in the package`);
  assert.equal(manifest.l10n, './l10n', 'package.json points VS Code at the l10n folder');
  const english = JSON.parse(files.get('extension/package.nls.json').toString('utf8'));
  const keys = [...JSON.stringify(manifest).matchAll(/"%([^%\s"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 0, 'the packaged package.json uses package.nls.json');
  assert.deepEqual(keys.filter((k) => !(k in english)), [], 'keys package.nls.json lacks');
});

test('ships no sources, tests, benchmarks, build scripts, maps or pictures nothing shows', () => {
  const shown = new Set(imageSources(readme));
  for (const name of files.keys()) {
    const path = name.replace(/^extension\//, '');
    assert.ok(!/^(src|test|bench|scripts|out|gold|\.vscode-test|node_modules|dist\/test-web)\//.test(path), `${path} is shipped`);
    assert.ok(!/\.(ts|map)$/.test(path), `${path} is shipped`);
    if (path.startsWith('media/screenshots/')) assert.ok(shown.has(path), `${path} is shipped but the packaged README does not show it`);
  }
});
