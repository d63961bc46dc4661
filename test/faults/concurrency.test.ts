// Two windows on one folder, editing the same article's tags and saving in any order, with
// their file watchers late or early: they converge on the same tags, and no tag that nobody
// deleted is lost. The windows here drive the same core the extension's SidecarStorage uses
// (TagStore, mergeFromDisk, sidecarWrite); the integration fault suite covers the wiring.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { mergeFromDisk, sidecarWrite } from '../../src/core/sidecarSync';
import type { Tag } from '../../src/core/tag';
import { TagStore } from '../../src/core/tagStore';
import { recordFaults } from './ledger';

const KEY = 'file:///corpus/ferry.txt';
const ARTICLE = 'The ferry left Port Alder at dawn with 212 passengers, officials said. The operator denied that the ship was overloaded. Critics called the crossing reckless.\n';
const WORDS = [...ARTICLE.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));

interface Disk { text: string | undefined }

/** One VS Code window: its own store, and what it last read or wrote. */
class Window {
  readonly store = new TagStore();
  private known: string | undefined;
  constructor(private readonly disk: Disk, readonly name: string) {}

  /** The file watcher fires (or a write checks the file first). */
  notice(): 'same' | 'loaded' | 'merged' {
    const text = this.disk.text;
    if (text === undefined || text === this.known) return 'same';
    const parsed = SidecarFile.parse(text);
    assert.ok(parsed.ok, 'Newsmark only ever writes readable sidecars');
    this.known = text;
    if (!this.store.isModified(KEY)) {
      this.store.load(KEY, { sidecar: parsed.sidecar });
      return 'loaded';
    }
    mergeFromDisk(this.store, KEY, parsed.sidecar, ARTICLE);
    return 'merged';
  }

  save(): 'merged' | undefined {
    const entry = this.store.get(KEY);
    if (!entry || (!this.store.isModified(KEY) && entry.sidecar)) return undefined;
    const merged = this.notice() === 'merged' ? 'merged' : undefined;
    const write = sidecarWrite(this.store, KEY, 'ferry.txt', ARTICLE);
    assert.ok(write && !('problems' in write));
    this.disk.text = write.text;
    this.known = write.text;
    this.store.markSaved(KEY, write.sidecar, write.tags, write.rejected);
    return merged;
  }
}

type Op =
  | { kind: 'add'; window: number; word: number; category: Tag['category'] }
  | { kind: 'note'; window: number; pick: number; note: string }
  | { kind: 'category'; window: number; pick: number; category: Tag['category'] }
  | { kind: 'remove'; window: number; pick: number }
  | { kind: 'resolve'; window: number; pick: number; keep: 'mine' | 'theirs' }
  | { kind: 'save'; window: number }
  | { kind: 'notice'; window: number };

const category = fc.constantFrom<Tag['category']>('claim', 'denial', 'figure', 'framing');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), window: fc.nat(1), word: fc.nat(WORDS.length - 1), category }),
  fc.record({ kind: fc.constant('note' as const), window: fc.nat(1), pick: fc.nat(), note: fc.constantFrom('check', 'source?', 'disputed by the operator') }),
  fc.record({ kind: fc.constant('category' as const), window: fc.nat(1), pick: fc.nat(), category }),
  fc.record({ kind: fc.constant('remove' as const), window: fc.nat(1), pick: fc.nat() }),
  fc.record({ kind: fc.constant('resolve' as const), window: fc.nat(1), pick: fc.nat(), keep: fc.constantFrom('mine' as const, 'theirs' as const) }),
  fc.record({ kind: fc.constant('save' as const), window: fc.nat(1) }),
  fc.record({ kind: fc.constant('notice' as const), window: fc.nat(1) }),
);

describe('Faults: two windows on one sidecar', () => {
  it('converge on the same tags whatever the order of edits, saves and watcher events, losing no tag nobody deleted', () => {
    let runs = 0;
    let merges = 0;
    let expectedTotal = 0;
    let foundTotal = 0;
    let lostTotal = 0;
    let nextId = 0;
    fc.assert(fc.property(fc.array(op, { minLength: 5, maxLength: 40 }), (ops) => {
      runs++;
      const disk: Disk = { text: undefined };
      const windows = [new Window(disk, 'A'), new Window(disk, 'B')];
      const created = new Set<string>();
      const deleted = new Set<string>();
      for (const o of ops) {
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
            const chosen = o.keep === 'mine' ? conflict.mine : conflict.theirs;
            if (!chosen) deleted.add(conflict.id); // the analyst chose the side that deleted it
            w.store.resolveConflict(KEY, conflict.id, o.keep);
            break;
          }
          case 'save':
            if (w.save() === 'merged') merges++;
            break;
          case 'notice':
            if (w.notice() === 'merged') merges++;
            break;
        }
        if (disk.text !== undefined) assertExact(disk.text);
      }
      // Quiet down: each window settles its conflicts (keeping its own), saves, and sees the other's save.
      for (let round = 0; round < 4; round++) {
        for (const w of windows) {
          for (const c of w.store.get(KEY)?.conflicts ?? []) {
            if (!c.mine) deleted.add(c.id);
            w.store.resolveConflict(KEY, c.id, 'mine');
          }
          if (w.notice() === 'merged') merges++;
          w.save();
        }
      }
      for (const w of windows) w.notice();
      const final = disk.text === undefined ? [] : parse(disk.text).tags;
      for (const w of windows) {
        assert.deepEqual(w.store.tags(KEY).map(comparable), final.map(comparable), `window ${w.name} matches the file`);
        assert.equal(w.store.isModified(KEY) && final.length > 0, false);
      }
      const expected = [...created].filter((id) => !deleted.has(id));
      const found = new Set(final.map((t) => t.id));
      const lost = expected.filter((id) => !found.has(id));
      expectedTotal += expected.length;
      foundTotal += final.length;
      lostTotal += lost.length;
      assert.deepEqual(lost, [], 'no tag that nobody deleted is lost');
    }), { numRuns: 1000 });
    console.log(`${runs} runs, ${merges} merges of concurrent changes, ${expectedTotal} tags expected, ${lostTotal} lost`);
    assert.ok(merges > 50, 'the runs do exercise merges');
    recordFaults({ suite: 'concurrency: two windows, random interleavings', faults: merges, tagsBefore: expectedTotal, tagsAfter: foundTotal, tagsLost: lostTotal });
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
