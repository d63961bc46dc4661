// Loading a workspace in the editor (issue 16): in slices that never hold the thread past their
// budget, with the Tags view's first level listed from the per-workspace cache, and a cache that
// can only make the listing faster, never stale. Files on disk are dated in the past (whole
// seconds, so utimes can set the very same mtime again), outside the window in which the cache
// refuses to trust an mtime.
import { strict as assert } from 'node:assert';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WORKSPACE_CACHE_NAME, WorkspaceCache } from '../../src/core/cache/workspaceCache';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import { NodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { TagTreeModel, withListed, type TagSource } from '../../src/core/review/tagTree';
import { SidecarRepository } from '../../src/core/storage/sidecarRepository';
import { THREAD_SLICER, TimeSlicer, type SliceClock } from '../../src/core/storage/slicer';
import type { Tag } from '../../src/core/tag';
import { TagStore } from '../../src/core/tagStore';
import { FERRY, sidecarText, tagged, tagOn, tempDir, TRAM } from './cliCorpus';

const TRAM_TAGS = [
  tagOn(TRAM, 'the new tram line would open in March', 'claim', 'a1b2c3d4'),
  tagOn(TRAM, 'costs had doubled to 48 million crowns', 'denial', 'b2c3d4e5'),
  tagOn(TRAM, 'a reckless gamble', 'framing', 'c3d4e5f6'),
];
const FERRY_TAGS = [tagOn(FERRY, '300 passengers had been stranded', 'denial', 'd4e5f6a7'), { ...tagOn(FERRY, 'a stunning failure', 'framing', 'e5f6a7b8'), review: 'confirmed' as const }];

/** A minute ago, in whole seconds. */
const PAST = Math.floor(Date.now() / 1000) - 60;
const FILES = ['tram.txt', 'tram.txt.tags.yaml', 'sub/ferry.txt', 'sub/ferry.txt.tags.yaml'];

interface Workspace {
  readonly dir: string;
  /** Where the extension's storage would be. */
  readonly storage: string;
}

function workspace(): Workspace {
  const dir = tempDir('workspace');
  tagged(dir, 'tram.txt', TRAM, TRAM_TAGS);
  tagged(dir, 'sub/ferry.txt', FERRY, FERRY_TAGS);
  for (const name of FILES) setMtime(dir, name, PAST);
  return { dir, storage: tempDir('storage') };
}

function setMtime(dir: string, name: string, seconds: number): void {
  utimesSync(join(dir, name), seconds, seconds);
}

interface Opened {
  readonly store: TagStore;
  readonly repository: SidecarRepository;
  /** What the Tags view listed when every article was first listed: from the cache, and from sidecars. */
  readonly atListed: { readonly fromCache: Record<string, number>; readonly loaded: readonly string[]; readonly firstLevel: Record<string, number> };
}

/** The first level as the Tags view shows it: each article row with its count. */
function firstLevel(model: TagTreeModel, ws: Workspace): Record<string, number> {
  return Object.fromEntries(model.roots().flatMap((n) => (n.kind === 'article' ? [[n.key.slice(ws.dir.length + 1), model.count(n)]] : [])));
}

function modelOf(store: TagStore, repository: SidecarRepository): TagTreeModel {
  const source: TagSource = {
    keys: () => store.keys(), tags: (k) => store.tags(k), label: (k) => k, hasProblem: (k) => store.get(k)?.problem !== undefined,
    words: (k) => store.get(k)?.words, suggestions: () => [], conflicts: () => [], isMissing: (k) => store.get(k)?.missing === true,
  };
  return new TagTreeModel(withListed(source, repository.cachedRows, (k) => store.get(k) !== undefined));
}

/** Opens the workspace as the editor does at start-up: the cache (if any) from storage, then every sidecar. */
async function open(ws: Workspace, during?: (repository: SidecarRepository, store: TagStore) => void): Promise<Opened> {
  const fs = new NodeFileSystem();
  const store = new TagStore();
  const repository = new SidecarRepository({ fs, store });
  await repository.openCache(fs, join(ws.storage, WORKSPACE_CACHE_NAME), 'test');
  let atListed: Opened['atListed'] | undefined;
  await repository.loadAll([ws.dir], () => {
    const rows = repository.cachedRows;
    atListed = {
      fromCache: Object.fromEntries(rows.keys().map((k) => [k.slice(ws.dir.length + 1), rows.get(k)!.tags.length])),
      loaded: store.keys().map((k) => k.slice(ws.dir.length + 1)),
      firstLevel: firstLevel(modelOf(store, repository), ws),
    };
    during?.(repository, store);
  });
  await repository.idle();
  return { store, repository, atListed: atListed! };
}

/** What a cacheless load has in the store: every article's tags. */
function tagsOf(opened: Opened, ws: Workspace): Record<string, readonly Tag[]> {
  return Object.fromEntries(opened.store.keys().map((k) => [k.slice(ws.dir.length + 1), opened.store.tags(k)]));
}

async function cold(ws: Workspace): Promise<Record<string, readonly Tag[]>> {
  const fs = new NodeFileSystem();
  const store = new TagStore();
  const repository = new SidecarRepository({ fs, store });
  await repository.loadAll([ws.dir]);
  repository.dispose();
  return Object.fromEntries(store.keys().map((k) => [k.slice(ws.dir.length + 1), store.tags(k)]));
}

describe('the Tags view from the workspace cache', () => {
  it('a warm start lists every article from the cache, then every tag is the sidecar\'s own', async () => {
    const ws = workspace();
    const first = await open(ws);
    assert.deepEqual(first.atListed.fromCache, {}, 'the first start has nothing cached');
    assert.deepEqual(first.atListed.firstLevel, { 'tram.txt': 3, 'sub/ferry.txt': 2 });
    first.repository.dispose();
    const second = await open(ws);
    assert.deepEqual(second.atListed.fromCache, { 'tram.txt': 3, 'sub/ferry.txt': 2 });
    assert.deepEqual(second.atListed.loaded, [], 'listed before a single sidecar was parsed');
    assert.deepEqual(second.atListed.firstLevel, { 'tram.txt': 3, 'sub/ferry.txt': 2 });
    assert.equal(second.repository.cachedRows.size, 0, 'once loaded, nothing is shown from the cache');
    assert.deepEqual(tagsOf(second, ws), await cold(ws));
    second.repository.dispose();
  });

  it('the cached summary counts categories and verdicts as the loaded one does', async () => {
    const ws = workspace();
    const first = await open(ws);
    const loadedStats = modelOf(first.store, first.repository).stats();
    first.repository.dispose();
    let listedStats: unknown;
    const second = await open(ws, (repository) => {
      listedStats = modelOf(new TagStore(), repository).stats();
    });
    assert.deepEqual(listedStats, loadedStats);
    second.repository.dispose();
  });

  for (const [what, change] of [
    ['same size, new mtime', (ws: Workspace) => {
      // denial → figure: the same length, another category
      rewrite(ws, 'tram.txt.tags.yaml', (text) => text.replace('category: denial', 'category: figure'));
      setMtime(ws.dir, 'tram.txt.tags.yaml', PAST + 10);
    }],
    ['same mtime, new size', (ws: Workspace) => {
      writeFileSync(join(ws.dir, 'tram.txt.tags.yaml'), sidecarText('tram.txt', TRAM, TRAM_TAGS.slice(0, 1)));
      setMtime(ws.dir, 'tram.txt.tags.yaml', PAST);
    }],
    ['same size, touched back to an older mtime', (ws: Workspace) => {
      rewrite(ws, 'tram.txt.tags.yaml', (text) => text.replace('category: denial', 'category: figure'));
      setMtime(ws.dir, 'tram.txt.tags.yaml', PAST - 3600);
    }],
    ['the article changed (its word count)', (ws: Workspace) => {
      writeFileSync(join(ws.dir, 'tram.txt'), `${TRAM}More words here.\n`);
      setMtime(ws.dir, 'tram.txt', PAST);
    }],
  ] as const) {
    // A changed article has its sidecar written anew (its hash), which is cached only once that write is old enough.
    const rewritten = what.startsWith('the article');
    it(`a sidecar or article changed since it was cached (${what}) is read, not listed from the cache`, async () => {
      const ws = workspace();
      (await open(ws)).repository.dispose();
      change(ws);
      const warm = await open(ws);
      assert.deepEqual(Object.keys(warm.atListed.fromCache), ['sub/ferry.txt'], 'only the unchanged article comes from the cache');
      assert.ok(warm.atListed.loaded.includes('tram.txt'));
      assert.deepEqual(tagsOf(warm, ws), await cold(ws));
      warm.repository.dispose();
      const again = await open(ws);
      assert.deepEqual(Object.keys(again.atListed.fromCache).sort(), rewritten ? ['sub/ferry.txt'] : ['sub/ferry.txt', 'tram.txt'], 'cached again as it is now');
      assert.deepEqual(again.atListed.firstLevel, firstLevel(modelOf(warm.store, warm.repository), ws));
      again.repository.dispose();
    });
  }

  it('a sidecar changed while the view lists it from the cache is read at once, and its counts leave the view', async () => {
    const ws = workspace();
    (await open(ws)).repository.dispose();
    let afterChange: Record<string, number> = {};
    const warm = await open(ws, (repository) => {
      writeFileSync(join(ws.dir, 'tram.txt.tags.yaml'), sidecarText('tram.txt', TRAM, TRAM_TAGS.slice(0, 1)));
      repository.fileChanged({ kind: 'changed', path: join(ws.dir, 'tram.txt.tags.yaml') });
      afterChange = Object.fromEntries(repository.cachedRows.keys().map((k) => [k.slice(ws.dir.length + 1), 0]));
    });
    assert.deepEqual(Object.keys(afterChange), ['sub/ferry.txt'], 'the changed article is no longer listed from the cache');
    assert.deepEqual(firstLevel(modelOf(warm.store, warm.repository), ws), { 'tram.txt': 1, 'sub/ferry.txt': 2 });
    warm.repository.dispose();
  });

  it('an article listed from the cache whose row is opened is loaded at once, and once', async () => {
    const ws = workspace();
    (await open(ws)).repository.dispose();
    const tram = join(ws.dir, 'tram.txt');
    let sameLoad = false;
    let whenLoaded: { tags: number; listed: boolean } | undefined;
    const warm = await open(ws, (repository, store) => {
      const first = repository.loadListed(tram);
      sameLoad = first === repository.loadListed(tram);
      void first.then(() => {
        whenLoaded = { tags: store.tags(tram).length, listed: repository.cachedRows.has(tram) };
      });
    });
    assert.equal(sameLoad, true, 'asked twice, loaded once');
    assert.deepEqual(whenLoaded, { tags: 3, listed: false }, 'the moment it is loaded: its own tags, no longer its counts');
    warm.repository.dispose();
  });

  for (const [what, damage] of [
    ['cut short', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['garbage', () => '\u0000\u0001 not a cache at all'],
    ['an entry damaged', (text: string) => text.replace(/"groups":\[\[/, '"groups":[["no such category",')],
    ['another format', (text: string) => text.replace('"newsmarkTagsViewCache":1', '"newsmarkTagsViewCache":99')],
    ['another program\'s file', () => '{"some":"other file"}\n"x"\t{}\n'],
    ['another Newsmark version', (text: string) => text.replace('"newsmark":"test"', '"newsmark":"0.0.1"')],
  ] as const) {
    it(`a cache file that is ${what} is ignored, never fatal, and written anew`, async () => {
      const ws = workspace();
      (await open(ws)).repository.dispose();
      const file = join(ws.storage, WORKSPACE_CACHE_NAME);
      writeFileSync(file, damage(readFileSync(file, 'utf8')));
      const opened = await open(ws);
      assert.ok(!('tram.txt' in opened.atListed.fromCache) || what === 'an entry damaged', 'nothing trusted from a damaged file');
      assert.deepEqual(opened.atListed.firstLevel, { 'tram.txt': 3, 'sub/ferry.txt': 2 });
      assert.deepEqual(tagsOf(opened, ws), await cold(ws));
      opened.repository.dispose();
      const again = await open(ws);
      assert.deepEqual(again.atListed.fromCache, { 'tram.txt': 3, 'sub/ferry.txt': 2 }, 'the file was written anew');
      again.repository.dispose();
    });
  }

  it('a write by Newsmark drops the entry at once and makes it again once the file\'s mtime can be trusted', async () => {
    const ws = workspace();
    const first = await open(ws);
    const tram = join(ws.dir, 'tram.txt');
    first.store.add(tram, [tagOn(TRAM, 'Critics called the plan', 'claim', 'f6a7b8c9')]);
    await first.repository.idle();
    assert.equal(first.store.isModified(tram), false, 'written');
    assert.equal(await first.repository.saveCache(), true);
    const rightAfter = await open(ws);
    assert.deepEqual(Object.keys(rightAfter.atListed.fromCache), ['sub/ferry.txt'], 'the sidecar just written is never listed from an old entry');
    rightAfter.repository.dispose();
    // As if a few seconds went by: the write is old enough now to tell a later change by its mtime.
    for (const name of ['tram.txt', 'tram.txt.tags.yaml']) setMtime(ws.dir, name, PAST + 20);
    assert.equal(await first.repository.saveCache(), true);
    first.repository.dispose();
    const warm = await open(ws);
    assert.deepEqual(warm.atListed.fromCache, { 'tram.txt': 4, 'sub/ferry.txt': 2 }, 'the written sidecar\'s new count, from the cache');
    assert.deepEqual(tagsOf(warm, ws), await cold(ws));
    warm.repository.dispose();
  });

  it('without storage there is no cache, and loading is as before', async () => {
    const ws = workspace();
    assert.deepEqual(await cold(ws), await cold(ws));
  });
});

function rewrite(ws: Workspace, name: string, change: (text: string) => string): void {
  const path = join(ws.dir, name);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  assert.notEqual(after, before);
  assert.equal(Buffer.byteLength(after), Buffer.byteLength(before), 'the same size');
  writeFileSync(path, after);
}

describe('loading in slices', () => {
  it('no slice runs past its budget by more than one article, on many small sidecars', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus');
    for (let i = 0; i < 120; i++) {
      const name = `a${String(i).padStart(3, '0')}.txt`;
      fs.writeRaw(`/corpus/${name}`, TRAM);
      fs.writeRaw(`/corpus/${name}.tags.yaml`, sidecarText(name, TRAM, TRAM_TAGS));
    }
    // A clock that only moves with the work: each article loaded costs 3 ms of it.
    let now = 0;
    const slices: number[] = [];
    let sliceStart = 0;
    const clock: SliceClock = {
      now: () => now,
      nextTask: () => {
        slices.push(now - sliceStart);
        return new Promise<void>((resolve) => setImmediate(() => {
          sliceStart = now;
          resolve();
        }));
      },
    };
    const store = new TagStore();
    store.onDidChange((change) => {
      if (change.kind === 'loaded') now += 3;
    });
    const repository = new SidecarRepository({ fs, store, slicer: new TimeSlicer(10, clock) });
    await repository.loadAll(['/corpus']);
    await repository.idle();
    assert.equal(store.keys().length, 120);
    slices.push(now - sliceStart);
    assert.equal(slices.reduce((a, b) => a + b, 0), 360, 'every article was loaded in some slice');
    assert.ok(slices.length >= 360 / 13, `${slices.length} slices: ${slices.join(' ')}`);
    assert.ok(Math.max(...slices) <= 10 + 3, `the longest slice took ${Math.max(...slices)} ms of a 10 ms budget`);
    repository.dispose();
  });

  it('a workspace load takes its turns through the thread\'s one slicer, whose budget the Tags view\'s counts share', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus');
    for (const name of ['a.txt', 'b.txt']) {
      fs.writeRaw(`/corpus/${name}`, TRAM);
      fs.writeRaw(`/corpus/${name}.tags.yaml`, sidecarText(name, TRAM, TRAM_TAGS));
    }
    const store = new TagStore();
    const repository = new SidecarRepository({ fs, store });
    const run = THREAD_SLICER.run.bind(THREAD_SLICER);
    let turns = 0;
    THREAD_SLICER.run = (work) => (turns++, run(work));
    try {
      await repository.loadAll(['/corpus']);
      await repository.idle();
    } finally {
      THREAD_SLICER.run = run;
    }
    assert.equal(store.keys().length, 2);
    assert.ok(turns >= 2, `${turns} units of the load went through the thread's slicer`);
    repository.dispose();
  });

  it('a workspace cache of many articles is read and written a few hundred lines per slice, and one bad line still rejects it', async () => {
    const fs = new MemoryFileSystem();
    const file = '/storage/tags-view-cache.jsonl';
    const stamp = { size: 100, mtime: 1_000 };
    const counts = { words: 10, groups: [['claim', '', '', '', 0, 2]] as const };
    const cache = await WorkspaceCache.open(fs, file, 'test');
    for (let i = 0; i < 2_000; i++) assert.ok(cache.put(`/corpus/a${i}.txt.tags.yaml`, stamp, stamp, { ...counts, groups: [[...counts.groups[0]]] }, Date.now()));
    let saves = 0;
    assert.equal(await cache.save((work) => Promise.resolve(void (saves++, work()))), true);
    assert.ok(saves >= 4, `written in ${saves} slices`);
    let reads = 0;
    const read = await WorkspaceCache.open(fs, file, 'test', (work) => Promise.resolve(void (reads++, work())));
    assert.ok(reads >= 4, `read in ${reads} slices`);
    assert.equal(read.size, 2_000);
    assert.deepEqual(read.get('/corpus/a1999.txt.tags.yaml', stamp, stamp), { words: 10, groups: [['claim', '', '', '', 0, 2]] });
    const text = new TextDecoder().decode(await fs.readFile(file));
    assert.ok(text.length > 4 * 65_536, 'a cache file of several pieces');
    // Each piece of the file is decoded inside a slice, and no piece is more than a slice's worth.
    const decoded: { bytes: number; inSlice: boolean }[] = [];
    let inSlice = false;
    const Original = globalThis.TextDecoder;
    globalThis.TextDecoder = class extends Original {
      override decode(...args: Parameters<InstanceType<typeof Original>['decode']>): string {
        const input: { byteLength: number } | null | undefined = args[0];
        decoded.push({ bytes: input?.byteLength ?? 0, inSlice });
        return super.decode(...args);
      }
    };
    try {
      const again = await WorkspaceCache.open(fs, file, 'test', (work) => {
        inSlice = true;
        try {
          work();
        } finally {
          inSlice = false;
        }
        return Promise.resolve();
      });
      assert.equal(again.size, 2_000);
    } finally {
      globalThis.TextDecoder = Original;
    }
    assert.ok(decoded.length >= 4 && decoded.every((d) => d.inSlice && d.bytes <= 2 * 65_536), `decoded as ${JSON.stringify(decoded.slice(0, 5))}…`);
    assert.equal(decoded.reduce((n, d) => n + d.bytes, 0), new TextEncoder().encode(text).length, 'every byte decoded once');
    const lines = text.split('\n');
    lines[lines.length - 3] = 'not a cache line';
    fs.writeRaw(file, lines.join('\n'));
    assert.equal((await WorkspaceCache.open(fs, file, 'test')).size, 0, 'a file with a damaged line is not taken');
  });
});
