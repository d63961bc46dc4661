// The file-system port's contract, run against the Node implementation (in a scratch folder) and
// the in-memory fake: the fake is only worth testing with if it behaves as the real thing does.
import { strict as assert } from 'node:assert';
import { realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import { fromNativePath, NodeFileSystem, toNativePath } from '../../src/core/fs/nodeFileSystem';
import { FileSystemError, StaleWriteError, type FileChange, type FileSystemPort } from '../../src/core/fs/port';
import { joinPath } from '../../src/core/fs/paths';
import { scratchDir } from './scratch';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const read = async (fs: FileSystemPort, path: string): Promise<string> => new TextDecoder().decode(await fs.readFile(path));
const code = (expected: FileSystemError['code']) => (error: unknown): boolean => error instanceof FileSystemError && error.code === expected;
const stale = (found: 'absent' | 'present') => (error: unknown): boolean => error instanceof StaleWriteError && error.found === found;

const implementations: Array<[string, () => Promise<{ fs: FileSystemPort; root: string }>]> = [
  ['NodeFileSystem', () => Promise.resolve({ fs: new NodeFileSystem(), root: fromNativePath(scratchDir('fsport')) })],
  ['MemoryFileSystem', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus');
    return { fs, root: '/corpus' };
  }],
];

for (const [name, make] of implementations) {
  describe(`file-system port contract: ${name}`, () => {
    it('writes, reads and stats a file; a missing path stats as undefined', async () => {
      const { fs, root } = await make();
      const path = joinPath(root, 'a.txt.tags.yaml');
      assert.equal(await fs.stat(path), undefined);
      await fs.writeFileAtomic(path, text('tags: []\n'));
      assert.equal(await read(fs, path), 'tags: []\n');
      const info = await fs.stat(path);
      assert.equal(info?.type, 'file');
      assert.equal(info?.size, 9);
      assert.ok((info?.mtime ?? 0) > 0);
      assert.equal((await fs.stat(root))?.type, 'directory');
    });

    it('reports a missing file, a folder read as a file and a missing folder with typed errors', async () => {
      const { fs, root } = await make();
      await assert.rejects(fs.readFile(joinPath(root, 'none.txt')), code('NotFound'));
      await assert.rejects(fs.readFile(root), code('IsDirectory'));
      await assert.rejects(fs.writeFileAtomic(joinPath(root, 'no/such/folder.txt'), text('x')), code('NotFound'));
    });

    it('leaves neither a temporary file nor a lock behind, written, refused or guarded', async () => {
      const { fs, root } = await make();
      const path = joinPath(root, 'a.txt.tags.yaml');
      await fs.writeFileAtomic(path, text('one'));
      await fs.writeFileAtomic(path, text('two'), { expect: { bytes: text('one') } });
      await assert.rejects(fs.writeFileAtomic(path, text('three'), { expect: { bytes: text('one') } }), stale('present'));
      await assert.rejects(fs.writeFileAtomic(path, text('four'), { expect: 'absent' }), stale('present'));
      assert.deepEqual(await fs.readDirectory(root), [['a.txt.tags.yaml', 'file']]);
      assert.equal(await read(fs, path), 'two');
    });

    it('refuses a guarded write when the file changed, or was deleted, since it was read', async () => {
      const { fs, root } = await make();
      const path = joinPath(root, 'a.txt.tags.yaml');
      await fs.writeFileAtomic(path, text('read by us'));
      const seen = await fs.readFile(path);
      await fs.writeFileAtomic(path, text("a colleague's version"));
      await assert.rejects(fs.writeFileAtomic(path, text('ours'), { expect: { bytes: seen } }), stale('present'));
      assert.equal(await read(fs, path), "a colleague's version");
      await fs.delete(path);
      await assert.rejects(fs.writeFileAtomic(path, text('ours'), { expect: { bytes: seen } }), stale('absent'));
      assert.equal(await fs.stat(path), undefined);
    });

    it('checks by size and mtime as well as by bytes', async () => {
      const { fs, root } = await make();
      const path = joinPath(root, 'a.txt.tags.yaml');
      await fs.writeFileAtomic(path, text('first'));
      const before = await fs.stat(path);
      assert.ok(before);
      await fs.writeFileAtomic(path, text('second'), { expect: { size: before.size, mtime: before.mtime } });
      assert.equal(await read(fs, path), 'second');
      await assert.rejects(fs.writeFileAtomic(path, text('third'), { expect: { size: before.size, mtime: before.mtime } }), stale('present'));
      assert.equal(await read(fs, path), 'second');
    });

    it('creates only when the file is still absent: one that appeared is never replaced', async () => {
      const { fs, root } = await make();
      const path = joinPath(root, 'new.txt.tags.yaml');
      await fs.writeFileAtomic(path, text('mine'), { expect: 'absent' });
      assert.equal(await read(fs, path), 'mine');
      await assert.rejects(fs.writeFileAtomic(path, text('again'), { expect: 'absent' }), stale('present'));
      assert.equal(await read(fs, path), 'mine');
    });

    it('lets exactly one of two writers that read the same file win; the other is refused', async () => {
      const { fs, root } = await make();
      const path = joinPath(root, 'a.txt.tags.yaml');
      await fs.writeFileAtomic(path, text('base'));
      const seen = await fs.readFile(path);
      const results = await Promise.allSettled(['alice', 'bob'].map((who) => fs.writeFileAtomic(path, text(who), { expect: { bytes: seen } })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const loser = results.find((r) => r.status === 'rejected');
      assert.ok(loser && stale('present')(loser.reason));
      assert.ok(['alice', 'bob'].includes(await read(fs, path)));
    });

    it('never lets a reader see a half-written file', async () => {
      const { fs, root } = await make();
      const path = joinPath(root, 'big.txt.tags.yaml');
      const versions = ['a', 'b', 'c', 'd'].map((c) => c.repeat(256 * 1024));
      await fs.writeFileAtomic(path, text(versions[0]!));
      let writing = true;
      const reads: string[] = [];
      const reader = (async () => {
        while (writing) reads.push(await read(fs, path));
      })();
      for (const v of [...versions, ...versions]) await fs.writeFileAtomic(path, text(v));
      writing = false;
      await reader;
      assert.ok(reads.length > 0);
      for (const r of reads) assert.ok(versions.includes(r), `a read of ${r.length} bytes mixing versions`);
    });

    it('renames, refusing to overwrite unless asked', async () => {
      const { fs, root } = await make();
      const [a, b] = [joinPath(root, 'a.txt'), joinPath(root, 'b.txt')];
      await fs.writeFileAtomic(a, text('A'));
      await fs.writeFileAtomic(b, text('B'));
      await assert.rejects(fs.rename(a, b, { overwrite: false }), code('Exists'));
      assert.equal(await read(fs, a), 'A');
      assert.equal(await read(fs, b), 'B');
      await fs.rename(a, b, { overwrite: true });
      assert.equal(await fs.stat(a), undefined);
      assert.equal(await read(fs, b), 'A');
      await fs.rename(b, a, { overwrite: false });
      assert.equal(await read(fs, a), 'A');
      await assert.rejects(fs.rename(b, a, { overwrite: true }), code('NotFound'));
    });

    it('renames a folder with what is in it', async () => {
      const { fs, root } = await make();
      await fs.createDirectory(joinPath(root, 'x/y'));
      await fs.writeFileAtomic(joinPath(root, 'x/y/a.txt'), text('A'));
      await fs.rename(joinPath(root, 'x'), joinPath(root, 'z'), { overwrite: false });
      assert.equal(await read(fs, joinPath(root, 'z/y/a.txt')), 'A');
      assert.equal(await fs.stat(joinPath(root, 'x')), undefined);
    });

    it('deletes files and, when asked, folders with contents', async () => {
      const { fs, root } = await make();
      const folder = joinPath(root, 'sub');
      await fs.createDirectory(folder);
      await fs.writeFileAtomic(joinPath(folder, 'a.txt'), text('A'));
      await assert.rejects(fs.delete(folder));
      assert.equal(await read(fs, joinPath(folder, 'a.txt')), 'A');
      await fs.delete(joinPath(folder, 'a.txt'));
      assert.equal(await fs.stat(joinPath(folder, 'a.txt')), undefined);
      await assert.rejects(fs.delete(joinPath(folder, 'a.txt')), code('NotFound'));
      await fs.writeFileAtomic(joinPath(folder, 'b.txt'), text('B'));
      await fs.delete(folder, { recursive: true });
      assert.equal(await fs.stat(folder), undefined);
    });

    it('deletes with useTrash where there is no trash (a plain delete), and resolves a plain path to itself', async () => {
      const { fs, root } = await make();
      const path = joinPath(root, 'a.txt.tags.yaml');
      await fs.writeFileAtomic(path, text('A'));
      assert.equal(await fs.realPath?.(path), path);
      assert.equal((await fs.stat(path))?.symbolicLink, undefined);
      await fs.delete(path, { useTrash: true });
      assert.equal(await fs.stat(path), undefined);
      await assert.rejects(fs.realPath?.(path) ?? Promise.reject(new FileSystemError('NotFound', path)), code('NotFound'));
    });

    it('makes folders with their parents, and refuses where a file has the name', async () => {
      const { fs, root } = await make();
      await fs.createDirectory(joinPath(root, 'p/q/r'));
      await fs.createDirectory(joinPath(root, 'p/q/r'));
      assert.equal((await fs.stat(joinPath(root, 'p/q/r')))?.type, 'directory');
      await fs.writeFileAtomic(joinPath(root, 'f'), text(''));
      await assert.rejects(fs.createDirectory(joinPath(root, 'f')), code('NotDirectory'));
    });

    it('lists a folder sorted with types, and finds files at any depth', async () => {
      const { fs, root } = await make();
      await fs.createDirectory(joinPath(root, 'b/deep'));
      await fs.createDirectory(joinPath(root, 'node_modules'));
      for (const p of ['c.txt', 'c.txt.tags.yaml', 'a.txt.tags.yaml', 'b/deep/d.txt.tags.yaml', 'node_modules/e.txt.tags.yaml']) await fs.writeFileAtomic(joinPath(root, p), text(p));
      assert.deepEqual(await fs.readDirectory(root), [['a.txt.tags.yaml', 'file'], ['b', 'directory'], ['c.txt', 'file'], ['c.txt.tags.yaml', 'file'], ['node_modules', 'directory']]);
      await assert.rejects(fs.readDirectory(joinPath(root, 'c.txt')), code('NotDirectory'));
      await assert.rejects(fs.readDirectory(joinPath(root, 'none')), code('NotFound'));
      const found = await fs.find(root, (p) => p.endsWith('.tags.yaml'), (folder) => folder.endsWith('/node_modules'));
      assert.deepEqual(found, ['a.txt.tags.yaml', 'b/deep/d.txt.tags.yaml', 'c.txt.tags.yaml'].map((p) => joinPath(root, p)));
    });

    it('gives the real path of a file and a folder, and NotFound for a missing one', async () => {
      const { fs, root } = await make();
      assert.ok(fs.realPath !== undefined, 'both implementations can tell where a path really leads');
      const realRoot = await fs.realPath(root);
      await fs.createDirectory(joinPath(root, 'sub'));
      await fs.writeFileAtomic(joinPath(root, 'sub/a.txt'), text('A'));
      assert.equal(await fs.realPath(joinPath(root, 'sub/a.txt')), joinPath(realRoot, 'sub/a.txt'));
      assert.equal(await fs.realPath(joinPath(root, 'sub')), joinPath(realRoot, 'sub'));
      await assert.rejects(fs.realPath(joinPath(root, 'none.txt')), code('NotFound'));
    });

    it('reports creations, changes and deletions to a watcher', async () => {
      const { fs, root } = await make();
      const changes: FileChange[] = [];
      const watcher = fs.watch(root, (c) => changes.push(c));
      const path = joinPath(root, 'w.txt.tags.yaml');
      try {
        await new Promise((resolve) => setTimeout(resolve, 50)); // a native watcher starts asynchronously
        await fs.writeFileAtomic(path, text('one'));
        await until(() => changes.some((c) => c.path === path && c.kind !== 'deleted'));
        await fs.delete(path);
        await until(() => changes.some((c) => c.path === path && c.kind === 'deleted'));
      } finally {
        watcher.dispose();
      }
    });
  });
}

describe('file-system port: NodeFileSystem and symbolic links', () => {
  it('resolves a link to a file and a link to a folder to where they lead', async () => {
    const fs = new NodeFileSystem();
    const root = await fs.realPath(fromNativePath(scratchDir('fsport-links')));
    await fs.createDirectory(joinPath(root, 'real'));
    await fs.writeFileAtomic(joinPath(root, 'real/a.txt'), text('A'));
    symlinkSync(toNativePath(joinPath(root, 'real/a.txt')), toNativePath(joinPath(root, 'link.txt')));
    symlinkSync(toNativePath(joinPath(root, 'real')), toNativePath(joinPath(root, 'linked')));
    assert.equal(await fs.realPath(joinPath(root, 'link.txt')), joinPath(root, 'real/a.txt'));
    assert.equal(await fs.realPath(joinPath(root, 'linked/a.txt')), joinPath(root, 'real/a.txt'));
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for a watch event');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('file-system port contract: NodeFileSystem and symbolic links', () => {
  it('marks a link in stat with its target\'s type, a link to nothing as other, and resolves it with realPath', async () => {
    const dir = scratchDir('fsport-links');
    const fs = new NodeFileSystem();
    const root = fromNativePath(dir);
    await fs.writeFileAtomic(joinPath(root, 'a.txt'), text('A'));
    symlinkSync(join(dir, 'a.txt'), join(dir, 'link.txt'));
    symlinkSync(join(dir, 'none.txt'), join(dir, 'dangling.txt'));
    const link = await fs.stat(joinPath(root, 'link.txt'));
    assert.equal(link?.type, 'file');
    assert.equal(link?.symbolicLink, true);
    assert.equal(link?.size, 1);
    assert.deepEqual(await fs.stat(joinPath(root, 'dangling.txt')).then((s) => [s?.type, s?.symbolicLink]), ['other', true]);
    assert.equal(await fs.realPath(joinPath(root, 'link.txt')), fromNativePath(realpathSync(join(dir, 'a.txt'))));
    await assert.rejects(fs.realPath(joinPath(root, 'dangling.txt')), code('NotFound'));
  });
});
