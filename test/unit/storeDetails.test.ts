import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SidecarFile } from '../../src/core/sidecar';
import { sidecarWrite } from '../../src/core/sidecarSync';
import { ReadOnlyTagsError, TagStore } from '../../src/core/tagStore';
import { tagOn, TRAM } from './cliCorpus';

const KEY = 'file:///news/tram.txt';

function loaded(text: string): TagStore {
  const parsed = SidecarFile.parse(text);
  assert.ok(parsed.ok);
  const store = new TagStore();
  store.load(KEY, { sidecar: parsed.sidecar });
  return store;
}

test('details set in the store are written with the tags, keeping comments and tags, then count as saved', () => {
  const tag = tagOn(TRAM, 'reckless gamble', 'framing', 'aaaaaaa1');
  const original = SidecarFile.create('tram.txt', '').serialize([tag], 'f'.repeat(64)).replace('tags:', '# the analyst\'s comment\ntags:');
  const store = loaded(original);
  assert.deepEqual(store.details(KEY), {});
  assert.equal(store.isModified(KEY), false);
  store.setDetails(KEY, { outlet: 'Clarion', published: '2026-03-02' });
  assert.equal(store.isModified(KEY), true);
  assert.deepEqual(store.details(KEY), { outlet: 'Clarion', published: '2026-03-02' });
  const write = sidecarWrite(store, KEY, 'tram.txt', TRAM);
  assert.ok(write && !('problems' in write));
  assert.match(write.text, /# the analyst's comment/);
  assert.deepEqual(write.sidecar.details, { outlet: 'Clarion', published: '2026-03-02' });
  assert.deepEqual(write.sidecar.tags.map((t) => t.id), ['aaaaaaa1']);
  store.markSaved(KEY, write.sidecar, write.tags, write.rejected, write.details);
  assert.equal(store.isModified(KEY), false);
  assert.deepEqual(store.details(KEY), { outlet: 'Clarion', published: '2026-03-02' });
});

test('details set again while a write is under way stay to be written', () => {
  const store = loaded(SidecarFile.create('tram.txt', '').serialize([], 'f'.repeat(64)));
  store.setDetails(KEY, { outlet: 'Clarion' });
  const write = sidecarWrite(store, KEY, 'tram.txt', TRAM);
  assert.ok(write && !('problems' in write));
  store.setDetails(KEY, { outlet: 'The Clarion' });
  store.markSaved(KEY, write.sidecar, write.tags, write.rejected, write.details);
  assert.equal(store.isModified(KEY), true);
  assert.deepEqual(store.details(KEY), { outlet: 'The Clarion' });
});

test('the same details again change nothing; a read-only article refuses them', () => {
  const store = loaded(SidecarFile.create('tram.txt', '').serialize([], 'f'.repeat(64), 'tram.txt', [], { outlet: 'Clarion' }));
  let events = 0;
  store.onDidChange(() => events++);
  store.setDetails(KEY, { outlet: 'Clarion' });
  assert.equal(events, 0);
  assert.equal(store.isModified(KEY), false);
  store.load(KEY, { problem: 'line 3: broken' });
  assert.throws(() => store.setDetails(KEY, { outlet: 'Other' }), ReadOnlyTagsError);
});
