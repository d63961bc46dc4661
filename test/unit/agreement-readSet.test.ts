// Reading an annotation set through the file-system port (src/core/agreement/readSet.ts), on the
// in-memory file system: what the CLI's `newsmark agree`, the Agreement Report and Compare With
// Annotation Set all read. Articles invented for these tests.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { pairFolders, readAnnotationSet, readArticleAt, UnreadableSetError } from '../../src/core/agreement/readSet';
import { articleHash } from '../../src/core/articleFile';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText, type Tag } from '../../src/core/tag';

const DAM = 'The council said the dam would be finished by June.\nEngineers called the schedule wishful thinking.\n';
const MARKET = 'Traders said the market hall would reopen on Monday.\nThe owner denied that rents had tripled.\n';

function tagOn(article: string, text: string, category: Tag['category'], id: string): Tag {
  const at = Array.from(article.slice(0, article.indexOf(text))).length;
  const end = at + Array.from(text).length;
  return { id, category, start: at, end, text, ...new ArticleText(article).contextOf(at, end) };
}

function sidecarOf(name: string, article: string, tags: readonly Tag[]): string {
  return SidecarFile.create(name, '').serialize(tags, articleHash(article), name);
}

/** `path` (absolute) and its sidecar with these tags. */
function tagged(fs: MemoryFileSystem, path: string, article: string, tags: readonly Tag[]): void {
  fs.writeRaw(path, article);
  fs.writeRaw(`${path}.tags.yaml`, sidecarOf(path.slice(path.lastIndexOf('/') + 1), article, tags));
}

const damClaim = (id = 'a0000001'): Tag => tagOn(DAM, 'the dam would be finished by June', 'claim', id);

describe('readAnnotationSet', () => {
  it('reads every article with a sidecar by its path under the root, leaving out a set nested inside and folders a set never has articles in', async () => {
    const fs = new MemoryFileSystem();
    tagged(fs, '/work/a/dam.txt', DAM, [damClaim()]);
    tagged(fs, '/work/a/desk/market.txt', MARKET, []);
    fs.writeRaw('/work/a/untagged.txt', MARKET);
    tagged(fs, '/work/a/coder-b/dam.txt', DAM, [damClaim('b0000001')]);
    tagged(fs, '/work/a/node_modules/pkg/readme.txt', DAM, [damClaim('c0000001')]);

    const set = await readAnnotationSet(fs, '/work/a', { withoutArticle: 'problem', except: '/work/a/coder-b' });
    assert.deepEqual([...set.articles.keys()].sort(), ['dam.txt', 'desk/market.txt']);
    const dam = set.articles.get('dam.txt')!;
    assert.deepEqual([dam.path, dam.text, dam.sha256, dam.tags.map((t) => t.id)], ['dam.txt', DAM, articleHash(DAM), ['a0000001']]);
    assert.deepEqual([set.problems, set.skipped], [[], []]);

    const whole = await readAnnotationSet(fs, '/work/a', { withoutArticle: 'problem' });
    assert.ok(whole.articles.has('coder-b/dam.txt'), 'without `except` the inner folder is part of the set');
  });

  it('names every sidecar or tag entry that cannot be read, with its line and column, and reads the rest', async () => {
    const fs = new MemoryFileSystem();
    tagged(fs, '/set/dam.txt', DAM, [damClaim()]);
    fs.writeRaw('/set/broken.txt', MARKET);
    fs.writeRaw('/set/broken.txt.tags.yaml', 'newsmark: 1\narticle: broken.txt\ntags: [\n');
    fs.writeRaw('/set/market.txt', MARKET);
    fs.writeRaw('/set/market.txt.tags.yaml', sidecarOf('market.txt', MARKET, [tagOn(MARKET, 'rents had tripled', 'denial', 'a0000002')]).replace('category: denial', 'category: rumour'));
    fs.writeRaw('/set/latin1.txt', 'x');
    fs.writeRaw('/set/latin1.txt.tags.yaml', new Uint8Array([0x61, 0xe9, 0x0a]));
    fs.writeRaw('/set/folder.txt.tags.yaml/inside.txt', 'a folder named like a sidecar');

    const set = await readAnnotationSet(fs, '/set', { withoutArticle: 'problem', name: (path) => `<${path}>` });
    assert.deepEqual([...set.articles.keys()], ['dam.txt'], 'a sidecar with an unreadable tag entry is not compared with the entry counted as “no tag”');
    assert.equal(set.problems.length, 4, set.problems.join('\n'));
    assert.match(set.problems[0]!, /^<\/set\/broken\.txt\.tags\.yaml>:\d+:\d+: /);
    assert.match(set.problems[1]!, /^<\/set\/folder\.txt\.tags\.yaml>: is a folder/);
    assert.match(set.problems[2]!, /^<\/set\/latin1\.txt\.tags\.yaml>: latin1\.txt\.tags\.yaml is not UTF-8 text/);
    assert.match(set.problems[3]!, /^<\/set\/market\.txt\.tags\.yaml>:\d+:\d+: .*rumour/);
  });

  it('a sidecar whose article is missing or unreadable is a problem, or skipped and listed, as the caller asks', async () => {
    const fs = new MemoryFileSystem();
    tagged(fs, '/set/dam.txt', DAM, [damClaim()]);
    fs.writeRaw('/set/gone.txt.tags.yaml', sidecarOf('gone.txt', DAM, [damClaim('a0000003')]));
    fs.writeRaw('/set/latin1.txt.tags.yaml', sidecarOf('latin1.txt', MARKET, []));
    fs.writeRaw('/set/latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));

    const strict = await readAnnotationSet(fs, '/set', { withoutArticle: 'problem' });
    assert.deepEqual([...strict.articles.keys()], ['dam.txt']);
    assert.equal(strict.problems.length, 2, strict.problems.join('\n'));
    assert.equal(strict.problems[0], '/set/gone.txt.tags.yaml: the article gone.txt is missing beside it; the sidecar is left as it is.');
    assert.match(strict.problems[1]!, /^\/set\/latin1\.txt: latin1\.txt is not UTF-8 text/);
    assert.deepEqual(strict.skipped, []);

    const lenient = await readAnnotationSet(fs, '/set', { withoutArticle: 'skip' });
    assert.deepEqual([...lenient.articles.keys()], ['dam.txt']);
    assert.deepEqual(lenient.problems, []);
    assert.deepEqual(lenient.skipped.map((s) => [s.path, s.why.replace(/ is not UTF-8.*/, ' not UTF-8')]), [['/set/gone.txt', 'missing'], ['/set/latin1.txt', 'latin1.txt not UTF-8']]);

    // The size limit is the caller's (the editor's newsmark.maxFileSizeMB), for sidecars and articles alike.
    const small = await readAnnotationSet(fs, '/set', { withoutArticle: 'skip', maxBytes: 60 });
    assert.deepEqual(small.articles.size, 0);
    assert.match(small.problems[0]!, /^\/set\/dam\.txt\.tags\.yaml: dam\.txt\.tags\.yaml is \d+ KB, over the limit of 1 KB/);
  });

  it('does not follow what the caller says is a symbolic link; a linked sidecar is listed as skipped', async () => {
    const fs = new MemoryFileSystem();
    tagged(fs, '/set/dam.txt', DAM, [damClaim()]);
    tagged(fs, '/set/loop/dam.txt', DAM, [damClaim('a0000004')]);
    tagged(fs, '/set/linked.txt', MARKET, []);
    const links = new Map([['/set', new Set(['loop', 'linked.txt.tags.yaml'])]]);
    const set = await readAnnotationSet(fs, '/set', { withoutArticle: 'problem', linksIn: (folder) => Promise.resolve(links.get(folder) ?? new Set<string>()) });
    assert.deepEqual([...set.articles.keys()], ['dam.txt']);
    assert.deepEqual(set.skipped, [{ path: '/set/linked.txt.tags.yaml', why: 'a symbolic link, not followed' }]);
  });

  it('a folder that cannot be listed is a problem, not an empty set', async () => {
    const fs = new MemoryFileSystem();
    const set = await readAnnotationSet(fs, '/nowhere', { withoutArticle: 'skip' });
    assert.equal(set.articles.size, 0);
    assert.match(set.problems.join('\n'), /^\/nowhere: cannot be listed: /);
  });
});

describe('pairFolders', () => {
  it('pairs by path, an untagged counterpart compared as coded with no tags, and the set nested in the other left out of it', async () => {
    const fs = new MemoryFileSystem();
    tagged(fs, '/a/dam.txt', DAM, [damClaim()]);
    fs.writeRaw('/a/market.txt', MARKET);
    tagged(fs, '/a/only-a.txt', MARKET, []);
    // B sits inside A, as a colleague's export folder in my workspace does.
    tagged(fs, '/a/coder-b/market.txt', MARKET, [tagOn(MARKET, 'rents had tripled', 'denial', 'b0000002')]);
    fs.writeRaw('/a/coder-b/dam.txt', DAM);

    const { paired } = await pairFolders(fs, '/a', '/a/coder-b');
    assert.deepEqual(paired.pairs.map((p) => [p.article, p.a.length, p.b.length]), [['dam.txt', 1, 0], ['market.txt', 0, 1]]);
    assert.deepEqual([paired.onlyInA, paired.onlyInB], [['only-a.txt'], []]);
  });

  it('stops with the set that cannot be read, the first set first', async () => {
    const fs = new MemoryFileSystem();
    tagged(fs, '/a/dam.txt', DAM, [damClaim()]);
    fs.writeRaw('/a/gone.txt.tags.yaml', sidecarOf('gone.txt', DAM, []));
    fs.writeRaw('/b/bad.txt.tags.yaml', 'tags: [\n');
    const error = await pairFolders(fs, '/a', '/b').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof UnreadableSetError, String(error));
    assert.deepEqual([error.root, error.what, error.problems], ['/a', 'sidecars', ['/a/gone.txt.tags.yaml: the article gone.txt is missing beside it; the sidecar is left as it is.']]);
  });

  it('stops when an untagged counterpart is there but cannot be read, rather than calling it absent', async () => {
    const fs = new MemoryFileSystem();
    tagged(fs, '/a/dam.txt', DAM, [damClaim()]);
    fs.writeRaw('/b/dam.txt', new Uint8Array([0x64, 0x61, 0x6d, 0x00]));
    const error = await pairFolders(fs, '/a', '/b').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof UnreadableSetError, String(error));
    assert.deepEqual([error.root, error.what], ['/b', 'articles']);
    assert.match(error.problems[0]!, /^\/b\/dam\.txt: dam\.txt looks binary/);
  });
});

describe('readArticleAt', () => {
  it('reads an article as LF text, and tells a missing one from an unreadable one', async () => {
    const fs = new MemoryFileSystem();
    fs.writeRaw('/set/sub/dam.txt', DAM.replace(/\n/g, '\r\n'));
    fs.writeRaw('/set/blob.txt', new Uint8Array([0xff, 0xfe, 0x00]));
    assert.deepEqual(await readArticleAt(fs, '/set', 'sub/dam.txt'), { ok: true, text: DAM });
    assert.deepEqual(await readArticleAt(fs, '/set', 'none.txt'), { ok: false, missing: true, reason: 'missing' });
    const blob = await readArticleAt(fs, '/set', 'blob.txt');
    assert.ok(!blob.ok && !blob.missing, JSON.stringify(blob));
  });
});
