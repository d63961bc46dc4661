// Two windows on one folder, editing the same article's tags and saving in any order, with their
// file watchers heard late or early: they converge on the same tags, and no tag that nobody
// deleted is lost. Each window is the real SidecarRepository (with its own TagStore), and both
// share one in-memory file system, its guarded atomic writes and its watcher; the integration
// fault suite covers the editor's wiring.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { articleHash } from '../../src/core/articleFile';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import type { FileChange } from '../../src/core/fs/port';
import { SidecarFile } from '../../src/core/sidecar';
import type { StorageReport } from '../../src/core/storage/reports';
import { SidecarRepository } from '../../src/core/storage/sidecarRepository';
import type { Tag } from '../../src/core/tag';
import { TagStore } from '../../src/core/tagStore';
import { recordFaults } from './ledger';

const KEY = '/corpus/ferry.txt';
const SIDECAR = `${KEY}.tags.yaml`;
const ARTICLE = 'The ferry left Port Alder at dawn with 212 passengers, officials said. The operator denied that the ship was overloaded. Critics called the crossing reckless.\n';
const WORDS = [...ARTICLE.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));

/** One VS Code window: its own store and repository, the article open in it, its watcher's news waiting to be heard. */
class Window {
  readonly store = new TagStore();
  readonly repository: SidecarRepository;
  /** The article has unsaved text edits: tag changes wait for its save. */
  dirty = false;
  merges = 0;
  readonly trouble: StorageReport[] = [];
  private inbox: FileChange[] = [];

  constructor(fs: MemoryFileSystem, readonly name: string) {
    this.repository = new SidecarRepository({ fs, store: this.store, settleMs: 0, openArticle: (key) => (key === KEY ? { text: ARTICLE, dirty: this.dirty } : undefined) });
    this.repository.onDidReport((report) => {
      if (report.kind === 'mergedFromDisk') this.merges++;
      if (report.kind === 'failed' || report.kind === 'unreadable') this.trouble.push(report);
    });
    fs.watch('/corpus', (change) => this.inbox.push(change));
  }

  /** The window's watcher delivers what it has collected. */
  hear(): void {
    const changes = this.inbox;
    this.inbox = [];
    for (const change of changes) this.repository.fileChanged(change);
  }

  save(): Promise<void> {
    return this.repository.articleSaved(KEY, ARTICLE);
  }
}

type Op =
  | { kind: 'add'; window: number; word: number; category: Tag['category'] }
  | { kind: 'note'; window: number; pick: number; note: string }
  | { kind: 'category'; window: number; pick: number; category: Tag['category'] }
  | { kind: 'remove'; window: number; pick: number }
  | { kind: 'resolve'; window: number; pick: number; keep: 'mine' | 'theirs' }
  | { kind: 'save'; window: number }
  | { kind: 'hear'; window: number }
  | { kind: 'dirty'; window: number }
  | { kind: 'wait'; ticks: number };

const category = fc.constantFrom<Tag['category']>('claim', 'denial', 'figure', 'framing');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), window: fc.nat(1), word: fc.nat(WORDS.length - 1), category }),
  fc.record({ kind: fc.constant('note' as const), window: fc.nat(1), pick: fc.nat(), note: fc.constantFrom('check', 'source?', 'disputed by the operator') }),
  fc.record({ kind: fc.constant('category' as const), window: fc.nat(1), pick: fc.nat(), category }),
  fc.record({ kind: fc.constant('remove' as const), window: fc.nat(1), pick: fc.nat() }),
  fc.record({ kind: fc.constant('resolve' as const), window: fc.nat(1), pick: fc.nat(), keep: fc.constantFrom('mine' as const, 'theirs' as const) }),
  fc.record({ kind: fc.constant('save' as const), window: fc.nat(1) }),
  fc.record({ kind: fc.constant('hear' as const), window: fc.nat(1) }),
  fc.record({ kind: fc.constant('dirty' as const), window: fc.nat(1) }),
  fc.record({ kind: fc.constant('wait' as const), ticks: fc.integer({ min: 1, max: 4 }) }),
);

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('Faults: two windows on one sidecar', () => {
  it('converge on the same tags whatever the order of edits, saves and watcher events, losing no tag nobody deleted', async () => {
    let runs = 0;
    let merges = 0;
    let expectedTotal = 0;
    let foundTotal = 0;
    let lostTotal = 0;
    let nextId = 0;
    try {
      await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), fc.boolean(), async (ops, coalesce) => {
        runs++;
        const fs = new MemoryFileSystem({ coalesce });
        fs.writeRaw(KEY, ARTICLE);
        await fs.watchersIdle();
        const windows = [new Window(fs, 'A'), new Window(fs, 'B')];
        // The test's own record of what happened, independent of what the windows say.
        const created = new Set<string>();
        const deleted = new Set<string>();
        for (const o of ops) {
          if (o.kind === 'wait') {
            for (let i = 0; i < o.ticks; i++) await tick();
            continue;
          }
          const w = windows[o.window]!;
          const tags = w.store.tags(KEY);
          const picked = tags.length > 0 && 'pick' in o ? tags[o.pick % tags.length] : undefined;
          const conflicts = w.store.get(KEY)?.conflicts ?? [];
          switch (o.kind) {
            case 'add': {
              const word = WORDS[o.word]!;
              const id = `t${(nextId++).toString(16).padStart(7, '0')}`;
              created.add(id);
              w.store.add(KEY, [{ id, category: o.category, start: word.start, end: word.end, text: word.text, prefix: '', suffix: '' }]);
              break;
            }
            case 'note':
              if (picked) w.store.update(KEY, picked.id, { note: `${o.note} (${w.name})` });
              break;
            case 'category':
              if (picked) w.store.update(KEY, picked.id, { category: o.category });
              break;
            case 'remove':
              if (picked) {
                deleted.add(picked.id);
                w.store.remove(KEY, [picked.id]);
              }
              break;
            case 'resolve': {
              const conflict = conflicts.length > 0 ? conflicts[o.pick % conflicts.length] : undefined;
              if (!conflict) break;
              if (!(o.keep === 'mine' ? conflict.mine : conflict.theirs)) deleted.add(conflict.id); // the side that deleted it
              w.store.resolveConflict(KEY, conflict.id, o.keep);
              break;
            }
            case 'save':
              void w.save(); // not awaited: the other window goes on meanwhile
              break;
            case 'hear':
              w.hear();
              break;
            case 'dirty':
              w.dirty = !w.dirty;
              break;
          }
          const text = await fs.readFile(SIDECAR).then((b) => new TextDecoder().decode(b), () => undefined);
          if (text !== undefined) assertExact(text);
        }
        // Quiet down: each window saves its text, settles its conflicts (keeping its own), and hears the other's writes.
        for (let round = 0; round < 6; round++) {
          for (const w of windows) {
            w.dirty = false;
            w.hear();
            await w.repository.idle();
            for (const c of w.store.get(KEY)?.conflicts ?? []) {
              if (!c.mine) deleted.add(c.id);
              w.store.resolveConflict(KEY, c.id, 'mine');
            }
            await w.repository.saveIfClean(KEY);
            await fs.watchersIdle();
          }
        }
        for (const w of windows) {
          w.hear();
          await w.repository.idle();
        }
        const text = await fs.readFile(SIDECAR).then((b) => new TextDecoder().decode(b), () => undefined);
        const final = text === undefined ? [] : parse(text).tags;
        const expected = [...created].filter((id) => !deleted.has(id));
        const found = new Set(final.map((t) => t.id));
        const lost = expected.filter((id) => !found.has(id));
        expectedTotal += expected.length;
        foundTotal += expected.length - lost.length;
        lostTotal += lost.length;
        merges += windows.reduce((sum, w) => sum + w.merges, 0);
        for (const w of windows) w.repository.dispose();
        assert.deepEqual(lost, [], 'no tag that nobody deleted is lost');
        for (const w of windows) {
          assert.deepEqual(w.trouble, [], `window ${w.name} met no unreadable sidecar and no failure`);
          assert.deepEqual(w.store.tags(KEY).map(comparable), final.map(comparable), `window ${w.name} matches the file`);
          assert.equal(w.store.isModified(KEY) && final.length > 0, false);
        }
      }), { numRuns: 500 });
    } finally {
      console.log(`${runs} runs, ${merges} merges of concurrent changes, ${expectedTotal} tags expected, ${lostTotal} lost`);
      recordFaults({ suite: 'concurrency: two repositories on one in-memory file system', faults: merges, tagsBefore: expectedTotal, tagsAfter: foundTotal, tagsLost: lostTotal });
    }
    assert.ok(merges > 50, 'the runs do exercise merges');
  });
});

function parse(text: string): SidecarFile {
  const parsed = SidecarFile.parse(text);
  assert.ok(parsed.ok);
  return parsed.sidecar;
}

/** Every tag in the file cuts its own text out of the article, and the hash is the article's. */
function assertExact(text: string): void {
  const file = parse(text);
  assert.equal(file.sha256, articleHash(ARTICLE));
  for (const t of file.tags) assert.equal(ARTICLE.slice(t.start, t.end), t.text, `tag ${t.id}`);
}

function comparable(t: Tag): string {
  return JSON.stringify([t.id, t.category, t.start, t.end, t.text, t.note ?? null]);
}
