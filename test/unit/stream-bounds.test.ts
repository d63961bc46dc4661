// What keeps a corpus command's memory from growing with the corpus, asserted by structure rather
// than by measuring memory (which would be flaky): the reader keeps at most READ_AHEAD pairs and
// waits for a slow consumer; an export's stream never touches an article after it was handed
// over; the parse cache reads its file a window at a time and writes each entry as it is made.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { inOrder } from '../../src/cli/sidecars';
import { entryFrom, factsFromTexts } from '../../src/core/cache/facts';
import type { CacheFiles, CacheSource, NextCacheFile } from '../../src/core/cache/files';
import { portCacheFiles } from '../../src/core/cache/files';
import { ParseCache } from '../../src/core/cache/parseCache';
import { MemorySpool, rangeText } from '../../src/core/export/stream';
import { EXPORTERS } from '../../src/core/export/formats';
import type { ExportArticle } from '../../src/core/export/types';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { FERRY, sidecarText, tagOn, TRAM } from './cliCorpus';

describe('bounded reading', () => {
  it('inOrder keeps at most its read-ahead loaded and waits for each result to be used', async () => {
    let loaded = 0;
    let most = 0;
    const used: number[] = [];
    const items = Array.from({ length: 100 }, (_, i) => i);
    await inOrder(items, async (i) => {
      most = Math.max(most, ++loaded);
      await new Promise((resolve) => setImmediate(resolve));
      return i;
    }, async (i) => {
      // A slow consumer (a full pipe): nothing more may be read while it works.
      const before = loaded;
      await new Promise((resolve) => setTimeout(resolve, 1));
      assert.equal(loaded, before, 'no read started while a result was being used');
      loaded--;
      used.push(i);
    }, 4);
    assert.deepEqual(used, items, 'every result, in order');
    assert.ok(most <= 4, `at most 4 held at once (${most})`);
  });
});

/** An article whose object, tags array and tags all stop working once `revoke` is called. */
function revocable(article: ExportArticle): { article: ExportArticle; revoke: () => void } {
  const tags = article.tags.map((t) => Proxy.revocable(t, {}));
  const list = Proxy.revocable(tags.map((t) => t.proxy), {});
  const whole = Proxy.revocable({ ...article, tags: list.proxy }, {});
  return { article: whole.proxy, revoke: () => [whole, list, ...tags].forEach((p) => p.revoke()) };
}

const TRAM_TAGS: Tag[] = [tagOn(TRAM, 'the new tram line would open in March', 'claim', 'a1b2c3d4'), { ...tagOn(TRAM, 'a reckless gamble', 'framing', 'b2c3d4e5'), note: 'loaded\nword' }];
const FERRY_TAGS: Tag[] = [tagOn(FERRY, '300 passengers had been stranded', 'figure', 'c3d4e5f6'), { ...tagOn(FERRY, 'a stunning failure', 'framing', 'd4e5f6a7'), status: 'orphaned' }];
const ARTICLES: ExportArticle[] = [
  { name: 'tram.txt', path: 'city/tram.txt', uri: 'file:///corpus/city/tram.txt', text: TRAM, tags: TRAM_TAGS },
  { name: 'ferry.txt', path: 'coast/ferry.txt', uri: 'file:///corpus/coast/ferry.txt', text: FERRY, tags: FERRY_TAGS },
];

describe('export streams', () => {
  for (const exporter of EXPORTERS) {
    it(`${exporter.id}: each article is used while it is handed over, never after, and the files are the batch export's`, () => {
      const options = { includeOrphans: true, bom: false };
      const stream = exporter.open(options, () => new MemorySpool());
      for (const { path: _path, ...plain } of ARTICLES) {
        const { article, revoke } = revocable(plain);
        stream.add(article);
        revoke(); // any later use of the article, its tags or a tag throws
      }
      const result = stream.finish(ARTICLES.map((a) => a.path!));
      const joined = result.files.map((f) => ({ path: f.path, content: f.pieces.map((p) => (typeof p === 'string' ? p : rangeText(p, (p.spool as MemorySpool).read(p.from, p.to)))).join('') }));
      assert.deepEqual(joined, exporter.export(ARTICLES, options).files);
    });
  }
});

/** Cache files that count what is read and held: the port's, seen through counters. */
function counted(fs: MemoryFileSystem): { files: CacheFiles; reads: number[]; ranges: [number, number][]; next: () => NextCacheFile | undefined } {
  const port = portCacheFiles(fs);
  const reads: number[] = [];
  const ranges: [number, number][] = [];
  let next: NextCacheFile | undefined;
  return {
    reads,
    ranges,
    next: () => next,
    files: {
      async open(file) {
        const source = await port.open(file);
        return source && ({ size: source.size, read: (from, to) => (reads.push(to - from), ranges.push([from, to]), source.read(from, to)), close: () => source.close() } satisfies CacheSource);
      },
      create: (file) => (next = port.create(file)),
    },
  };
}

describe('the parse cache in bounded memory', () => {
  const FILE = '/corpus/.newsmark-cache/parse.jsonl';
  const LONG_AGO = 1_700_000_000_000;
  const stamp = (n: number): { size: number; mtime: number } => ({ size: 100 + n, mtime: LONG_AGO });
  const parsed = SidecarFile.parse(sidecarText('tram.txt', TRAM, TRAM_TAGS));
  assert.ok(parsed.ok);
  const entry = (n: number): ReturnType<typeof entryFrom> => entryFrom(factsFromTexts(parsed.sidecar, TRAM, 'tram.txt'), parsed.sidecar, stamp(n), stamp(n));

  it('writes each entry into the next file as it is made, and reads the file a window at a time, entries only where asked', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus/.newsmark-cache');
    const first = counted(fs);
    const cache = await ParseCache.open(fs, FILE, 'v', first.files);
    let size = 0;
    for (let n = 0; n < 2500; n++) {
      assert.ok(cache.put(`/corpus/a${n}.txt.tags.yaml`, entry(n), TRAM_TAGS, LONG_AGO + 3_600_000));
      assert.ok(first.next()!.size > size, 'the entry is in the next file at once, not held until saved');
      size = first.next()!.size;
    }
    assert.equal(await cache.save(), true);

    const second = counted(fs);
    const again = await ParseCache.open(fs, FILE, 'v', second.files);
    const fileSize = (await fs.stat(FILE))!.size;
    assert.ok(fileSize > 1 << 20, 'a file larger than one window');
    assert.ok(second.reads.every((n) => n <= 1 << 20), 'indexed a window at a time');
    const bytes = await fs.readFile(FILE);
    const lastTags = Buffer.from(bytes).lastIndexOf('[["a1b2c3d4"');
    assert.ok(lastTags > 4096 && !second.ranges.some(([from, to]) => from <= lastTags && lastTags < to), 'indexing reads the heads, not the stored tags');
    second.reads.length = 0;
    const hit = again.get('/corpus/a7.txt.tags.yaml', stamp(7), stamp(7));
    assert.ok(hit);
    assert.equal(second.reads.length, 1, 'the entry head alone is read');
    assert.ok(second.reads[0]! < JSON.stringify(hit.entry).length + 1);
    assert.deepEqual(hit.tags(), TRAM_TAGS);
    assert.equal(second.reads.length, 2, 'then its tags, when asked for');
  });
});
