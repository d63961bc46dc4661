// Faults no real file system produces on demand, injected by the in-memory one under the real
// SidecarRepository: a write torn halfway (the writer dies), another window's write landing
// between a write's check and its rename, and a read that holds the old file while a write
// replaces it. Every tag that was safely written, or made by an analyst, is there afterwards.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MemoryFileSystem, SimulatedCrash } from '../../src/core/fs/memoryFileSystem';
import { StaleWriteError, type WriteOptions } from '../../src/core/fs/port';
import { SidecarFile } from '../../src/core/sidecar';
import type { StorageReport } from '../../src/core/storage/reports';
import { SidecarRepository } from '../../src/core/storage/sidecarRepository';
import type { Tag } from '../../src/core/tag';
import { TagStore } from '../../src/core/tagStore';
import { recordFaults } from './ledger';

const KEY = '/corpus/harbour.txt';
const SIDECAR = `${KEY}.tags.yaml`;
const ARTICLE = 'The harbour board said dredging would cost 9 million crowns. Fishermen denied that the channel had silted up. One captain called the plan a costly fantasy.\n';
const WORDS = [...ARTICLE.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));

/** Counts the guarded writes it refused: proof that a fault really put a writer in the way. */
class CountingFileSystem extends MemoryFileSystem {
  refused = 0;
  override async writeFileAtomic(path: string, bytes: Uint8Array, options?: WriteOptions): Promise<void> {
    try {
      await super.writeFileAtomic(path, bytes, options);
    } catch (error) {
      if (error instanceof StaleWriteError) this.refused++;
      throw error;
    }
  }
}

/** One window: a store and the real repository, hearing the file system's changes as they come. */
function window(fs: MemoryFileSystem): { store: TagStore; repository: SidecarRepository; failures: StorageReport[] } {
  const store = new TagStore();
  const repository = new SidecarRepository({ fs, store, settleMs: 0 });
  const failures: StorageReport[] = [];
  repository.onDidReport((r) => {
    if (r.kind === 'failed' || r.kind === 'unreadable') failures.push(r);
  });
  repository.watch('/corpus');
  return { store, repository, failures };
}

let nextId = 0;
function tagOnWord(index: number, category: Tag['category'] = 'claim'): Tag {
  const word = WORDS[index % WORDS.length]!;
  return { id: `m${(nextId++).toString(16).padStart(7, '0')}`, category, start: word.start, end: word.end, text: word.text, prefix: '', suffix: '' };
}

async function settle(fs: MemoryFileSystem, ...repositories: SidecarRepository[]): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await fs.watchersIdle();
    for (const r of repositories) await r.idle();
  }
}

/** The tag ids a freshly started window reads from the sidecar. */
async function idsOnDisk(fs: MemoryFileSystem): Promise<Set<string>> {
  const parsed = SidecarFile.parse(new TextDecoder().decode(await fs.readFile(SIDECAR)));
  assert.ok(parsed.ok, 'the sidecar is whole and readable');
  const fresh = window(fs);
  await fresh.repository.loadAll(['/corpus']);
  await settle(fs, fresh.repository);
  const loaded = new Set(fresh.store.tags(KEY).map((t) => t.id));
  assert.deepEqual([...loaded].sort(), parsed.sidecar.tags.map((t) => t.id).sort(), 'a fresh window loads what the file holds');
  fresh.repository.dispose();
  return loaded;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('Faults: the in-memory file system under the sidecar repository', () => {
  it('keeps every saved tag through torn writes, reads during writes and writers between check and rename', async () => {
    let faults = 0;
    let before = 0;
    let after = 0;
    let lost = 0;
    const count = (expected: readonly string[], found: ReadonlySet<string>): string[] => {
      const missing = expected.filter((id) => !found.has(id));
      faults++;
      before += expected.length;
      after += expected.length - missing.length;
      lost += missing.length;
      return missing;
    };
    const problems: string[] = [];

    // Torn writes: the writer dies with its temporary file half written, at every size up to whole.
    const encodedLength = new TextEncoder().encode(ARTICLE).length;
    for (let tearAt = 0; tearAt < encodedLength + 200; tearAt += 23) {
      const fs = new CountingFileSystem();
      fs.writeRaw(KEY, ARTICLE);
      const w = window(fs);
      const saved = [tagOnWord(tearAt), tagOnWord(tearAt + 3, 'figure')];
      w.store.add(KEY, saved);
      await settle(fs, w.repository);
      fs.faults.tearNextWrite(SIDECAR, tearAt);
      w.store.add(KEY, [tagOnWord(tearAt + 5, 'framing')]);
      await settle(fs, w.repository);
      const crashed = w.failures.filter((f) => f.kind === 'failed' && f.error instanceof SimulatedCrash).length;
      if (crashed !== 1) problems.push(`tear at ${tearAt}: the write was not torn (${crashed})`);
      w.repository.dispose(); // the process died
      const missing = count(saved.map((t) => t.id), await idsOnDisk(fs));
      if (missing.length > 0) problems.push(`tear at ${tearAt}: lost ${missing.join(', ')}`);
    }

    // A second window's write lands between the first one's check and its rename: it waits for the lock, is refused, merges, writes again.
    for (let round = 0; round < 15; round++) {
      const fs = new CountingFileSystem();
      fs.writeRaw(KEY, ARTICLE);
      const [a, b] = [window(fs), window(fs)];
      const first = [tagOnWord(round)];
      a.store.add(KEY, first);
      await settle(fs, a.repository, b.repository);
      const ours = tagOnWord(round + 2, 'denial');
      const theirs = tagOnWord(round + 7, 'figure');
      fs.faults.betweenCheckAndRename(SIDECAR, async () => {
        b.store.add(KEY, [theirs]); // its save starts now and meets our lock
        for (let i = 0; i < 3; i++) await tick();
      });
      const refusedBefore = fs.refused;
      a.store.add(KEY, [ours]);
      await settle(fs, a.repository, b.repository);
      if (fs.refused === refusedBefore) problems.push(`round ${round}: the second writer was never in the way`);
      const missing = count([...first, ours, theirs].map((t) => t.id), await idsOnDisk(fs));
      if (missing.length > 0) problems.push(`check/rename round ${round}: lost ${missing.join(', ')}`);
      for (const w of [a, b]) {
        if (w.failures.length > 0) problems.push(`check/rename round ${round}: ${w.failures.length} failures`);
        w.repository.dispose();
      }
    }

    // A read holds the old file while the other window replaces it: the stale copy is never written over the new one.
    for (let round = 0; round < 15; round++) {
      const fs = new CountingFileSystem();
      fs.writeRaw(KEY, ARTICLE);
      const [a, b] = [window(fs), window(fs)];
      const first = [tagOnWord(round + 1)];
      a.store.add(KEY, first);
      await settle(fs, a.repository, b.repository);
      const paused = fs.faults.pauseNextRead(SIDECAR);
      const theirs = tagOnWord(round + 4, 'framing');
      b.store.add(KEY, [theirs]); // its write first reads the sidecar: that read stops midway
      await paused.reached;
      const ours = tagOnWord(round + 9, 'denial');
      a.store.add(KEY, [ours]);
      await a.repository.idle();
      paused.release();
      await settle(fs, a.repository, b.repository);
      const missing = count([...first, ours, theirs].map((t) => t.id), await idsOnDisk(fs));
      if (missing.length > 0) problems.push(`paused read round ${round}: lost ${missing.join(', ')}`);
      const [tagsA, tagsB] = [a, b].map((w) => w.store.tags(KEY).map((t) => t.id).sort().join());
      if (tagsA !== tagsB) problems.push(`paused read round ${round}: the windows differ (${tagsA} / ${tagsB})`);
      for (const w of [a, b]) w.repository.dispose();
    }

    console.log(`${faults} faults, ${before} tags before, ${after} after, ${lost} lost`);
    recordFaults({ suite: 'memory fs: torn writes, writers between check and rename, reads during writes', faults, tagsBefore: before, tagsAfter: after, tagsLost: lost });
    assert.deepEqual(problems, []);
    assert.equal(lost, 0);
  });
});
