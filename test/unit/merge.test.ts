import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { articleHash } from '../../src/core/articleFile';
import { mergeRejected, mergeTags } from '../../src/core/merge';
import { mergeFromDisk } from '../../src/core/sidecarSync';
import { TagTreeModel, type TagSource } from '../../src/core/review/tagTree';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { TagStore } from '../../src/core/tagStore';

function tag(id: string, text: string, more: Partial<Tag> = {}): Tag {
  return { id, category: 'claim', start: 0, end: text.length, text, prefix: '', suffix: '', ...more };
}

const A = tag('aaaa0001', 'the bridge was closed');
const B = tag('bbbb0002', 'no one was hurt', { category: 'denial' });
const C = tag('cccc0003', '1,204 passengers', { category: 'figure' });

describe('mergeTags: three-way merge by tag id', () => {
  it('adds their new tags and keeps ours', () => {
    const result = mergeTags([A], [A, B], [A, C]);
    assert.deepEqual(result.tags.map((t) => t.id).sort(), [A.id, B.id, C.id]);
    assert.deepEqual(result.conflicts, []);
  });

  it('applies their deletion of a tag we did not change', () => {
    const result = mergeTags([A, B], [A, B, C], [A]);
    assert.deepEqual(result.tags.map((t) => t.id).sort(), [A.id, C.id]);
  });

  it('keeps a tag they deleted but we changed, as a conflict', () => {
    const mine = { ...B, note: 'check the ministry statement' };
    const result = mergeTags([A, B], [A, mine], [A]);
    assert.deepEqual(result.tags.find((t) => t.id === B.id), mine);
    assert.deepEqual(result.conflicts, [{ id: B.id, mine }]);
  });

  it('keeps a tag we deleted but they changed, as a conflict showing theirs', () => {
    const theirs = { ...B, review: 'confirmed' as const };
    const result = mergeTags([A, B], [A], [A, theirs]);
    assert.deepEqual(result.tags.find((t) => t.id === B.id), theirs);
    assert.deepEqual(result.conflicts, [{ id: B.id, theirs }]);
  });

  it('merges changes to different parts of one tag without a conflict', () => {
    const mine = { ...A, note: 'mine' };
    const theirs = { ...A, category: 'framing' as const, review: 'disputed' as const, reviewer: 'ben' };
    const result = mergeTags([A], [mine], [theirs]);
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(result.tags[0], { ...A, note: 'mine', category: 'framing', review: 'disputed', reviewer: 'ben' });
  });

  it('takes their removal of a note we left alone', () => {
    const base = { ...A, note: 'old' };
    const result = mergeTags([base], [base], [A]);
    assert.equal(result.tags[0]!.note, undefined);
  });

  it('reports the same part changed differently on both sides as a conflict, keeping ours in the tags', () => {
    const mine = { ...A, note: 'mine' };
    const theirs = { ...A, note: 'theirs' };
    const result = mergeTags([A], [mine], [theirs]);
    assert.deepEqual(result.conflicts, [{ id: A.id, mine, theirs }]);
    assert.deepEqual(result.tags, [mine]);
  });

  it('does not count positions alone as a change: our offsets (this text) win', () => {
    const shifted = { ...A, start: 40, end: 61 };
    const theirs = { ...A, note: 'theirs' };
    const result = mergeTags([A], [shifted], [theirs]);
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(result.tags, [{ ...shifted, note: 'theirs' }]);
  });

  it('the same change on both sides is no conflict', () => {
    const both = { ...A, note: 'same' };
    assert.deepEqual(mergeTags([A], [both], [both]), { tags: [both], conflicts: [] });
  });

  it('keeps rejected suggestions from both sides, once each', () => {
    const r = { category: 'claim' as const, start: 1, end: 5, text: 'said' };
    const s = { category: 'figure' as const, start: 9, end: 12, text: '400' };
    assert.deepEqual(mergeRejected([r], [r, s]), [r, s]);
  });

  it('never loses a tag that neither side deleted (property)', () => {
    const ids = ['t1', 't2', 't3', 't4', 't5', 't6'];
    const side = fc.array(fc.record({ id: fc.constantFrom(...ids), note: fc.constantFrom('x', 'y', undefined), keep: fc.boolean() }), { maxLength: 12 });
    fc.assert(fc.property(fc.subarray(ids), side, side, (baseIds, mineOps, theirOps) => {
      const base = baseIds.map((id) => tag(id, `text ${id}`));
      const apply = (ops: typeof mineOps): Tag[] => {
        const tags = new Map(base.map((t) => [t.id, t]));
        for (const op of ops) {
          if (!op.keep) tags.delete(op.id);
          else tags.set(op.id, { ...(tags.get(op.id) ?? tag(op.id, `text ${op.id}`)), ...(op.note ? { note: op.note } : {}) });
        }
        return [...tags.values()];
      };
      const mine = apply(mineOps);
      const theirs = apply(theirOps);
      const result = mergeTags(base, mine, theirs);
      const merged = new Set(result.tags.map((t) => t.id));
      const inBase = new Set(baseIds);
      const mineIds = new Set(mine.map((t) => t.id));
      const theirIds = new Set(theirs.map((t) => t.id));
      for (const id of new Set([...mineIds, ...theirIds])) {
        const deletedByOne = inBase.has(id) && (!mineIds.has(id) || !theirIds.has(id));
        if (!deletedByOne) assert.ok(merged.has(id), `tag ${id} kept`);
        // A deletion only wins over an unchanged tag; otherwise the tag stays, in conflict.
        if (deletedByOne && !merged.has(id)) {
          const survivor = mine.find((t) => t.id === id) ?? theirs.find((t) => t.id === id);
          assert.deepEqual(survivor, base.find((t) => t.id === id), `${id} was deleted only because the other side left it alone`);
        }
      }
      for (const conflict of result.conflicts) assert.ok(merged.has(conflict.id), 'a conflicted tag stays visible');
    }), { numRuns: 500 });
  });
});

describe('TagStore: merged changes and conflicts', () => {
  function storeWith(tags: Tag[]): TagStore {
    const store = new TagStore();
    const parsed = SidecarFile.parse(SidecarFile.create('a.txt', 'x'.repeat(64)).serialize(tags, 'x'.repeat(64)));
    assert.ok(parsed.ok);
    store.load('a', { sidecar: parsed.sidecar });
    return store;
  }

  function theirFile(tags: Tag[]): SidecarFile {
    const parsed = SidecarFile.parse(SidecarFile.create('a.txt', 'x'.repeat(64)).serialize(tags, 'x'.repeat(64)));
    assert.ok(parsed.ok);
    return parsed.sidecar;
  }

  it('writes the version on disk for a conflicted tag until the analyst chooses', () => {
    const store = storeWith([A, B]);
    store.update('a', A.id, { note: 'mine' });
    const theirs = theirFile([{ ...A, note: 'theirs' }, B, C]);
    store.applyMerge('a', theirs, mergeTags(store.get('a')!.saved, store.tags('a'), theirs.tags));
    assert.equal(store.find('a', A.id)?.note, 'mine');
    assert.equal(store.tagsToWrite('a').find((t) => t.id === A.id)?.note, 'theirs');
    assert.ok(store.find('a', C.id), 'their new tag is in');

    store.resolveConflict('a', A.id, 'theirs');
    assert.equal(store.find('a', A.id)?.note, 'theirs');
    assert.equal(store.get('a')!.conflicts.length, 0);
    assert.equal(store.tagsToWrite('a'), store.tags('a'));
  });

  it('an unsettled conflict stays open through a later merge, until both sides agree', () => {
    const store = storeWith([A, B]);
    store.update('a', A.id, { note: 'mine' });
    const theirs = theirFile([{ ...A, note: 'theirs' }, B]);
    store.applyMerge('a', theirs, mergeTags(store.get('a')!.saved, store.tags('a'), theirs.tags));
    // Another change on disk elsewhere: the file still has their A, so A looks unchanged there.
    const again = theirFile([{ ...A, note: 'theirs' }, { ...B, note: 'new' }]);
    store.applyMerge('a', again, mergeTags(store.get('a')!.saved, store.tags('a'), again.tags));
    assert.deepEqual(store.get('a')!.conflicts.map((c) => [c.id, c.theirs?.note]), [[A.id, 'theirs']]);
    assert.equal(store.find('a', B.id)?.note, 'new');
    // They adopt our note: nothing left to choose.
    const agreed = theirFile([{ ...A, note: 'mine' }, { ...B, note: 'new' }]);
    store.applyMerge('a', agreed, mergeTags(store.get('a')!.saved, store.tags('a'), agreed.tags));
    assert.deepEqual(store.get('a')!.conflicts, []);
  });

  it('a tag we deleted that they changed stays visible through later merges while in conflict', () => {
    const store = storeWith([A, B]);
    store.remove('a', [A.id]);
    const theirs = theirFile([{ ...A, note: 'theirs' }, B]);
    store.applyMerge('a', theirs, mergeTags(store.get('a')!.saved, store.tags('a'), theirs.tags));
    const again = theirFile([{ ...A, note: 'theirs' }, { ...B, note: 'new' }]);
    store.applyMerge('a', again, mergeTags(store.get('a')!.saved, store.tags('a'), again.tags));
    assert.deepEqual(store.get('a')!.conflicts.map((c) => c.id), [A.id]);
    assert.ok(store.find('a', A.id), 'shown, so the analyst can choose');
    store.resolveConflict('a', A.id, 'mine');
    assert.equal(store.find('a', A.id), undefined);
  });

  it('both versions of a conflicted tag follow edits of the text', () => {
    const store = storeWith([A]);
    store.update('a', A.id, { note: 'mine' });
    const theirs = theirFile([{ ...A, note: 'theirs' }]);
    store.applyMerge('a', theirs, mergeTags(store.get('a')!.saved, store.tags('a'), theirs.tags));
    store.shift('a', { start: 0, deleted: 0, insertedText: 'NEWS: ' });
    assert.deepEqual(store.tagsToWrite('a').map((t) => [t.start, t.end, t.note]), [[6, 6 + A.text.length, 'theirs']]);
    store.resolveConflict('a', A.id, 'theirs');
    assert.deepEqual([store.find('a', A.id)?.start, store.find('a', A.id)?.note], [6, 'theirs']);
  });

  it('mergeFromDisk places our tags on the current text when the article changed meanwhile', () => {
    const old = 'The bridge was closed on Monday. No one was hurt.\n';
    const now = 'UPDATED 09:40: The bridge was closed on Monday. No one was hurt.\n';
    const file = (tags: Tag[], text: string): SidecarFile => {
      const parsed = SidecarFile.parse(SidecarFile.create('a.txt', articleHash(text)).serialize(tags, articleHash(text)));
      assert.ok(parsed.ok);
      return parsed.sidecar;
    };
    const bridge = { ...A, text: 'The bridge was closed' };
    const store = new TagStore();
    store.load('a', { sidecar: file([bridge], old) });
    store.update('a', A.id, { note: 'mine' });
    mergeFromDisk(store, 'a', file([{ ...bridge, start: 15, end: 36 }], now), now);
    assert.deepEqual(store.tags('a').map((t) => [t.start, t.end, t.text, t.note]), [[15, 36, 'The bridge was closed', 'mine']]);
  });

  it('moves an article\'s tags, unsaved changes and conflicts included, to its new name', () => {
    const store = storeWith([A]);
    store.add('a', [B]);
    store.move('a', 'b');
    assert.equal(store.get('a'), undefined);
    assert.deepEqual(store.tags('b').map((t) => t.id).sort(), [A.id, B.id]);
    assert.ok(store.isModified('b'), 'still to be written');
  });

  it('Keep Mine keeps our tag as it is now, including changes made after the merge', () => {
    const store = storeWith([A]);
    store.update('a', A.id, { note: 'mine' });
    const theirs = theirFile([{ ...A, note: 'theirs' }]);
    store.applyMerge('a', theirs, mergeTags(store.get('a')!.saved, store.tags('a'), theirs.tags));
    store.update('a', A.id, { review: 'confirmed' });
    store.resolveConflict('a', A.id, 'mine');
    assert.deepEqual([store.find('a', A.id)?.note, store.find('a', A.id)?.review], ['mine', 'confirmed']);
  });

  it('Keep Mine on a tag we deleted deletes it; Keep Theirs on one they deleted deletes it', () => {
    const store = storeWith([A, B]);
    store.remove('a', [A.id]);
    store.update('a', B.id, { note: 'mine' });
    const theirs = theirFile([{ ...A, note: 'theirs' }]);
    store.applyMerge('a', theirs, mergeTags(store.get('a')!.saved, store.tags('a'), theirs.tags));
    assert.deepEqual(store.get('a')!.conflicts.map((c) => c.id).sort(), [A.id, B.id]);
    assert.deepEqual(store.tagsToWrite('a').map((t) => t.id), [A.id], 'the file keeps their A and their deletion of B');
    store.resolveConflict('a', A.id, 'mine');
    store.resolveConflict('a', B.id, 'theirs');
    assert.deepEqual(store.tags('a'), []);
  });

  it('keeps unsaved tags in memory when the file on disk becomes unreadable, and merges them once it is fixed', () => {
    const store = storeWith([A]);
    store.add('a', [B]);
    store.load('a', { problem: 'a.txt.tags.yaml:3:1: Git conflict marker' });
    assert.deepEqual(store.tags('a').map((t) => t.id).sort(), [A.id, B.id]);
    assert.throws(() => store.add('a', [C]), /read-only/);
    const fixed = theirFile([A, C]);
    store.applyMerge('a', fixed, mergeTags(store.get('a')!.saved, store.tags('a'), fixed.tags));
    assert.equal(store.get('a')!.problem, undefined);
    assert.deepEqual(store.tags('a').map((t) => t.id).sort(), [A.id, B.id, C.id]);
  });

  it('lists conflicts first and articles whose file is missing in the Tags view', () => {
    const store = storeWith([A, B]);
    store.update('a', A.id, { note: 'mine' });
    const theirs = theirFile([{ ...A, note: 'theirs' }, B]);
    store.applyMerge('a', theirs, mergeTags(store.get('a')!.saved, store.tags('a'), theirs.tags));
    store.load('gone', {});
    store.setMissing('gone', true);
    const source: TagSource = {
      keys: () => store.keys(), tags: (k) => store.tags(k), label: (k) => k, hasProblem: () => false, words: () => undefined, suggestions: () => [],
      conflicts: (k) => store.get(k)?.conflicts.map((c) => c.id) ?? [], isMissing: (k) => store.get(k)?.missing === true,
    };
    const model = new TagTreeModel(source);
    const roots = model.roots();
    assert.deepEqual(roots[1], { kind: 'attention', group: 'conflicts' });
    assert.deepEqual(model.children(roots[1]), [{ kind: 'tag', key: 'a', id: A.id, place: 'conflicts' }]);
    assert.ok(roots.some((n) => n.kind === 'article' && n.key === 'gone'), 'a missing article is listed even with no tags');
  });
});
