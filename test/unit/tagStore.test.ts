import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { ReadOnlyTagsError, TagStore, type StoreChange } from '../../src/core/tagStore';

const tag = (id: string, start: number, end: number): Tag => ({ id, category: 'claim', start, end, text: 'x', prefix: '', suffix: '' });

function storeWithEvents(): { store: TagStore; events: StoreChange[] } {
  const store = new TagStore();
  const events: StoreChange[] = [];
  store.onDidChange((e) => events.push(e));
  return { store, events };
}

describe('TagStore: the one source of truth for tags', () => {
  it('announces every change and keeps tags sorted', () => {
    const { store, events } = storeWithEvents();
    store.add('a.txt', [tag('2', 10, 12), tag('1', 0, 3)]);
    store.update('a.txt', '1', { note: 'checked' });
    store.remove('a.txt', ['2']);
    assert.deepEqual(events.map((e) => e.kind), ['edited', 'edited', 'edited']);
    assert.deepEqual(store.tags('a.txt').map((t) => [t.id, t.note]), [['1', 'checked']]);
  });

  it('lists every article sorted, whichever way articles come and go (the list is kept between changes)', () => {
    const { store } = storeWithEvents();
    store.add('m.txt', [tag('1', 0, 3)]);
    store.load('b.txt', { problem: 'b.txt.tags.yaml:1:1: bad' });
    assert.deepEqual(store.keys(), ['b.txt', 'm.txt']);
    store.add('a.txt', [tag('2', 0, 3)]);
    assert.deepEqual(store.keys(), ['a.txt', 'b.txt', 'm.txt'], 'an added article');
    store.update('a.txt', '2', { note: 'n' });
    assert.deepEqual(store.keys(), ['a.txt', 'b.txt', 'm.txt'], 'a change to tags adds no key');
    store.move('m.txt', 'c.txt');
    assert.deepEqual(store.keys(), ['a.txt', 'b.txt', 'c.txt'], 'a renamed article');
    store.delete('b.txt');
    assert.deepEqual(store.keys(), ['a.txt', 'c.txt'], 'a forgotten article');
  });

  it('removes a note when it is updated to undefined', () => {
    const { store } = storeWithEvents();
    store.add('a.txt', [{ ...tag('1', 0, 3), note: 'old' }]);
    store.update('a.txt', '1', { note: undefined });
    assert.equal('note' in store.tags('a.txt')[0]!, false);
  });

  it('tracks whether the tags differ from the sidecar on disk, and reverts to it', () => {
    const { store } = storeWithEvents();
    const parsed = SidecarFile.parse(`newsmark: 1\narticle: a.txt\nsha256: ${'e'.repeat(64)}\ntags:\n  - {id: '1', category: claim, start: 0, end: 3, text: abc}\n`);
    assert.ok(parsed.ok);
    store.load('a.txt', { sidecar: parsed.sidecar });
    assert.equal(store.isModified('a.txt'), false);
    store.shift('a.txt', { start: 0, deleted: 0, insertedText: 'zz' });
    assert.equal(store.isModified('a.txt'), true);
    assert.deepEqual([store.tags('a.txt')[0]!.start, store.tags('a.txt')[0]!.end], [2, 5]);
    store.revert('a.txt');
    assert.equal(store.isModified('a.txt'), false);
    assert.equal(store.tags('a.txt')[0]!.start, 0);
  });

  it('keeps the tags of an unreadable sidecar read-only', () => {
    const { store } = storeWithEvents();
    store.load('a.txt', { problem: 'a.txt.tags.yaml:3:1: bad' });
    assert.throws(() => store.add('a.txt', [tag('1', 0, 1)]), ReadOnlyTagsError);
    assert.throws(() => store.remove('a.txt', ['1']), /read-only until its sidecar is fixed/);
  });
});
