// The export writer on the file-system port: the rules `newsmark export` keeps on disk hold on any
// file system, the editor's workspace.fs included (vscode.dev, where exports now work too).
import { strict as assert } from 'node:assert';
import { symlinkSync } from 'node:fs';
import { describe, it } from 'node:test';
import { relativeArticlePaths } from '../../src/core/export/names';
import { ExportWriteError, writeExport } from '../../src/core/exportWriter';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import { fromNativePath, NodeFileSystem, toNativePath } from '../../src/core/fs/nodeFileSystem';
import type { FileSystemPort } from '../../src/core/fs/port';
import { scratchDir } from './scratch';

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** A corpus of one tagged article, in memory. */
function corpus(): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  fs.writeRaw('/corpus/harbour.txt', 'The harbour board met on Tuesday.\n');
  fs.writeRaw('/corpus/harbour.txt.tags.yaml', 'version: 1\n');
  return fs;
}

const PROTECT = ['/corpus/harbour.txt', '/corpus/harbour.txt.tags.yaml'];
const refused = (pattern: RegExp) => (error: unknown): boolean => error instanceof ExportWriteError && pattern.test(error.message);

/** The editor's file system as the writer sees it: workspace.fs cannot resolve a link. */
function withoutRealPath(fs: FileSystemPort): FileSystemPort {
  return {
    readFile: (p) => fs.readFile(p),
    stat: (p) => fs.stat(p),
    createDirectory: (p) => fs.createDirectory(p),
    writeFileAtomic: (p, bytes, options) => fs.writeFileAtomic(p, bytes, options),
    rename: (from, to, options) => fs.rename(from, to, options),
    delete: (p, options) => fs.delete(p, options),
    readDirectory: (p) => fs.readDirectory(p),
    find: (root, match, skip) => fs.find(root, match, skip),
    watch: (root, listener) => fs.watch(root, listener),
  };
}

describe('export writer on the file-system port', () => {
  it('creates the folder and writes every file into it', async () => {
    const fs = corpus();
    const written = await writeExport(fs, [{ path: 'a.ann', content: 'T1\tclaim 0 3\tThe\n' }, { path: 'a.txt', content: 'The\n' }], { kind: 'folder', path: '/out/brat' }, { force: false, protect: PROTECT });
    assert.deepEqual(written, ['/out/brat/a.ann', '/out/brat/a.txt']);
    assert.equal(decode(await fs.readFile('/out/brat/a.ann')), 'T1\tclaim 0 3\tThe\n');
    assert.deepEqual(await fs.readDirectory('/out/brat'), [['a.ann', 'file'], ['a.txt', 'file']], 'no temporary file or lock left');
  });

  it('never writes over an article being exported, its sidecar, any *.tags.yaml, or an article with a sidecar beside it — force or not', async () => {
    const fs = corpus();
    fs.writeRaw('/other/x.txt', 'Another corpus.\n');
    fs.writeRaw('/other/x.txt.tags.yaml', 'version: 1\n');
    for (const force of [false, true]) {
      await assert.rejects(writeExport(fs, [{ path: 'harbour.txt', content: 'gone' }], { kind: 'folder', path: '/corpus' }, { force, protect: PROTECT }), refused(/^\/corpus\/harbour\.txt: .*never writes over it/));
      await assert.rejects(writeExport(fs, [{ path: 'e', content: 'gone' }], { kind: 'file', path: '/other/new.tags.yaml' }, { force, protect: PROTECT }), refused(/sidecar's/));
      await assert.rejects(writeExport(fs, [{ path: 'e', content: 'gone' }], { kind: 'file', path: '/other/x.txt' }, { force, protect: PROTECT }), refused(/its sidecar is beside it/));
    }
    assert.equal(decode(await fs.readFile('/corpus/harbour.txt')), 'The harbour board met on Tuesday.\n');
    assert.equal(decode(await fs.readFile('/other/x.txt')), 'Another corpus.\n');
    assert.equal(await fs.stat('/other/new.tags.yaml'), undefined);
  });

  it('refuses an existing file without force, having written none of the files; force replaces it', async () => {
    const fs = corpus();
    fs.writeRaw('/out/labels.txt', 'my own labels\n');
    const files = [{ path: 'ids.tsv', content: '1\tharbour.txt\n' }, { path: 'labels.txt', content: '1\tclaim\t0\t3\n' }];
    await assert.rejects(writeExport(fs, files, { kind: 'folder', path: '/out' }, { force: false, protect: PROTECT }), refused(/^\/out\/labels\.txt: already exists/));
    assert.deepEqual(await fs.readDirectory('/out'), [['labels.txt', 'file']], 'not even ids.tsv was written');
    await writeExport(fs, files, { kind: 'folder', path: '/out' }, { force: true, protect: PROTECT });
    assert.equal(decode(await fs.readFile('/out/labels.txt')), '1\tclaim\t0\t3\n');
  });

  it('refuses a folder where a file is to go, and a file where a folder is', async () => {
    const fs = corpus();
    await fs.createDirectory('/out/report.html');
    fs.writeRaw('/plain', 'not a folder\n');
    await assert.rejects(writeExport(fs, [{ path: 'r', content: '<p>' }], { kind: 'file', path: '/out/report.html' }, { force: true, protect: PROTECT }), refused(/is a folder, not a regular file/));
    await assert.rejects(writeExport(fs, [{ path: 'a.ann', content: '' }], { kind: 'folder', path: '/plain' }, { force: true, protect: PROTECT }), refused(/^\/plain: is a file, not a folder/));
    assert.equal(decode(await fs.readFile('/plain')), 'not a folder\n');
  });

  it('without realPath (workspace.fs), still never writes over an exported article reached through a link', async () => {
    const node = new NodeFileSystem();
    const root = await node.realPath(fromNativePath(scratchDir('export-links')));
    await node.createDirectory(`${root}/corpus`);
    await node.createDirectory(`${root}/elsewhere`);
    await node.writeFileAtomic(`${root}/elsewhere/real.txt`, new TextEncoder().encode('The harbour board met on Tuesday.\n'));
    // The corpus's article is a link to a file that has no sidecar beside it.
    symlinkSync(toNativePath(`${root}/elsewhere/real.txt`), toNativePath(`${root}/corpus/harbour.txt`));
    await node.writeFileAtomic(`${root}/corpus/harbour.txt.tags.yaml`, new TextEncoder().encode('version: 1\n'));
    const protect = [`${root}/corpus/harbour.txt`, `${root}/corpus/harbour.txt.tags.yaml`];
    for (const fs of [node, withoutRealPath(node)]) {
      await assert.rejects(writeExport(fs, [{ path: 'e', content: 'gone' }], { kind: 'file', path: `${root}/elsewhere/real.txt` }, { force: true, protect }), refused(/never writes over it/));
    }
    assert.equal(decode(await node.readFile(`${root}/elsewhere/real.txt`)), 'The harbour board met on Tuesday.\n');
    // Any other existing file is replaced as asked.
    await node.writeFileAtomic(`${root}/elsewhere/old.csv`, new TextEncoder().encode('old\n'));
    await writeExport(withoutRealPath(node), [{ path: 'e', content: 'new\n' }], { kind: 'file', path: `${root}/elsewhere/old.csv` }, { force: true, protect });
    assert.equal(decode(await node.readFile(`${root}/elsewhere/old.csv`)), 'new\n');
  });
});

describe('export names: articles relative to the folder that holds them all', () => {
  it('gives paths below the deepest common folder, on any port path', () => {
    assert.deepEqual(relativeArticlePaths(['/w/corpus/a.txt', '/w/corpus/sub/a.txt']), ['a.txt', 'sub/a.txt']);
    assert.deepEqual(relativeArticlePaths(['/w/corpus/x/a.txt', '/w/corpusB/a.txt']), ['corpus/x/a.txt', 'corpusB/a.txt']);
    assert.deepEqual(relativeArticlePaths(['/a.txt', '/b/c.txt']), ['a.txt', 'b/c.txt']);
    assert.deepEqual(relativeArticlePaths(['/C:/news/a.txt', '/D:/news/a.txt']), ['C:/news/a.txt', 'D:/news/a.txt']);
    assert.deepEqual(relativeArticlePaths([]), []);
  });
});
