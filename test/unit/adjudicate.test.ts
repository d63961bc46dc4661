// Adjudication's core: every resolution on every kind of difference, applied through a TagStore
// and the differences recomputed from it, as the editor does; the result must verify.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { compareArticle, noDecisions, plan, type Decisions, type Difference, type Resolution, type SetArticle } from '../../src/core/agreement';
import { articleHash } from '../../src/core/articleFile';
import type { Tag } from '../../src/core/tag';
import { TagTreeModel, type TagSource } from '../../src/core/review/tagTree';
import { nodeId } from '../../src/core/review/treeNodes';
import { TagStore } from '../../src/core/tagStore';
import { verifyTags } from '../../src/core/verify';
import { tagOn } from './cliCorpus';

/** Invented for these tests. */
const TEXT = 'The harbour board said the old pier would close for repairs in May.\nDockworkers denied that the cranes were unsafe.\nLocals called the closure a slow disaster.\n';
const KEY = 'pier.txt';

const mine = {
  boundaries: tagOn(TEXT, 'the old pier would close', 'claim', 'aaaa0001'),
  category: tagOn(TEXT, 'denied that the cranes were unsafe', 'denial', 'aaaa0002'),
  onlyMine: tagOn(TEXT, 'Locals called', 'framing', 'aaaa0003'),
  agreed: tagOn(TEXT, 'harbour board', 'claim', 'aaaa0004'),
};
const theirs = {
  // Same id as ours: both coders started from one pre-tagged sidecar.
  boundaries: tagOn(TEXT, 'the old pier would close for repairs in May', 'claim', 'aaaa0001'),
  category: tagOn(TEXT, 'denied that the cranes were unsafe', 'claim', 'bbbb0002'),
  onlyTheirs: { ...tagOn(TEXT, 'a slow disaster', 'framing', 'bbbb0003'), note: 'loaded phrase', author: 'coder-b' },
  agreed: tagOn(TEXT, 'harbour board', 'claim', 'bbbb0004'),
};
const THEIR_SET: SetArticle = { path: KEY, text: TEXT, sha256: articleHash(TEXT), tags: Object.values(theirs) };

function setup(): { store: TagStore; decisions: Decisions; now: () => readonly Difference[]; settle: (kind: Difference['kind'], r: Resolution) => void } {
  const store = new TagStore();
  store.add(KEY, Object.values(mine));
  const decisions = noDecisions();
  const now = (): readonly Difference[] => compareArticle({ path: KEY, text: TEXT, tags: store.tags(KEY) }, THEIR_SET, decisions).differences;
  const settle = (kind: Difference['kind'], r: Resolution): void => {
    const d = now().find((x) => x.kind === kind);
    assert.ok(d, `a ${kind} difference is there`);
    const p = plan(r, d, { text: TEXT, ourTags: store.tags(KEY), theirTags: new Map(THEIR_SET.tags.map((t) => [t.id, t])), reviewer: 'ada' });
    store.apply(KEY, { remove: p.remove, add: p.add, update: { ids: p.confirm, patch: { review: 'confirmed', reviewer: 'ada' } } });
    p.keep.forEach((id) => decisions.kept.add(id));
    p.reject.forEach((id) => decisions.rejected.add(id));
  };
  return { store, decisions, now, settle };
}

function verifies(tags: readonly Tag[]): void {
  const result = verifyTags(TEXT, articleHash(TEXT), tags);
  assert.deepEqual([result.mismatches.length, result.outOfRange.length], [0, 0]);
  assert.equal(new Set(tags.map((t) => t.id)).size, tags.length, 'ids are unique');
}

describe('adjudication', () => {
  it('a span both coders tagged in one category with other sub-labels is a difference; Take Theirs brings their sub-label', () => {
    const ours = [{ ...tagOn(TEXT, 'a slow disaster', 'framing', 'cccc0001'), label: 'Loaded_Language' }, { ...tagOn(TEXT, 'harbour board', 'claim', 'cccc0002'), label: 'Official' }];
    const their = [{ ...tagOn(TEXT, 'a slow disaster', 'framing', 'dddd0001'), label: 'Exaggeration' }, { ...tagOn(TEXT, 'harbour board', 'claim', 'dddd0002'), label: 'Official' }];
    const set: SetArticle = { path: KEY, text: TEXT, sha256: articleHash(TEXT), tags: their };
    const store = new TagStore();
    store.add(KEY, ours);
    const c = compareArticle({ path: KEY, text: TEXT, tags: store.tags(KEY) }, set, noDecisions());
    assert.deepEqual(c.differences.map((d) => [d.kind, d.a?.label, d.b?.label]), [['label-differs', 'Loaded_Language', 'Exaggeration']]);
    assert.deepEqual(c.agreements, ['cccc0002'], 'the same sub-label agrees');
    const p = plan('take-theirs', c.differences[0]!, { text: TEXT, ourTags: store.tags(KEY), theirTags: new Map(their.map((t) => [t.id, t])), reviewer: 'ada' });
    store.apply(KEY, { remove: p.remove, add: p.add });
    assert.equal(store.tags(KEY).find((t) => t.text === 'a slow disaster')?.label, 'Exaggeration');
    assert.deepEqual(compareArticle({ path: KEY, text: TEXT, tags: store.tags(KEY) }, set, noDecisions()).differences, [], 'settled');
  });

  it('finds the four differences and the agreement', () => {
    const { now } = setup();
    assert.deepEqual(now().map((d) => d.kind).sort(), ['boundaries-differ', 'category-differs', 'only-in-a', 'only-in-b']);
    const c = compareArticle({ path: KEY, text: TEXT, tags: Object.values(mine) }, THEIR_SET, noDecisions());
    assert.deepEqual(c.agreements, ['aaaa0004']);
  });

  it('Take Theirs replaces our tag with theirs (our id kept), confirmed; the difference is gone', () => {
    const { store, now, settle } = setup();
    settle('boundaries-differ', 'take-theirs');
    const t = store.find(KEY, 'aaaa0001')!;
    assert.equal(t.text, 'the old pier would close for repairs in May');
    assert.deepEqual([t.review, t.reviewer], ['confirmed', 'ada']);
    assert.equal(now().length, 3);
    verifies(store.tags(KEY));
  });

  it('Take Theirs copies a tag only they have, with its note and author, under their id', () => {
    const { store, now, settle } = setup();
    settle('only-in-b', 'take-theirs');
    const t = store.find(KEY, 'bbbb0003')!;
    assert.deepEqual([t.text, t.note, t.author, t.review], ['a slow disaster', 'loaded phrase', 'coder-b', 'confirmed']);
    assert.ok(!now().some((d) => d.kind === 'only-in-b'));
    verifies(store.tags(KEY));
  });

  it('Keep Mine confirms ours and declines theirs; Drop Both removes ours and declines theirs', () => {
    const { store, now, settle } = setup();
    settle('category-differs', 'keep-mine');
    assert.equal(store.find(KEY, 'aaaa0002')!.review, 'confirmed');
    settle('only-in-a', 'drop-both');
    assert.equal(store.find(KEY, 'aaaa0003'), undefined);
    assert.deepEqual(now().map((d) => d.kind).sort(), ['boundaries-differ', 'only-in-b']);
    verifies(store.tags(KEY));
  });

  it('Keep Both keeps ours and adds theirs under a new id when the ids clash', () => {
    const { store, now, settle } = setup();
    settle('boundaries-differ', 'keep-both');
    const claims = store.tags(KEY).filter((t) => t.text.startsWith('the old pier'));
    assert.equal(claims.length, 2);
    assert.ok(claims.every((t) => t.review === 'confirmed'));
    assert.ok(!now().some((d) => d.kind === 'boundaries-differ'));
    verifies(store.tags(KEY));
  });

  it('a kept tag whose confirmation is taken back shows its difference again', () => {
    const { store, now, settle } = setup();
    settle('only-in-a', 'keep-mine');
    assert.ok(!now().some((d) => d.kind === 'only-in-a'));
    store.update(KEY, 'aaaa0003', { review: 'disputed' });
    assert.ok(now().some((d) => d.kind === 'only-in-a'));
  });

  it('their tags are re-attached to our text when the articles differ', () => {
    const longer = `Updated.\n${TEXT}`;
    const moved = { ...THEIR_SET, text: longer, sha256: articleHash(longer), tags: [tagOn(longer, 'a slow disaster', 'framing', 'bbbb0003')] };
    const c = compareArticle({ path: KEY, text: TEXT, tags: [] }, moved, noDecisions());
    assert.equal(c.reattached?.reason, 'text-differs');
    const d = c.differences[0]!;
    assert.equal(d.b?.start, TEXT.indexOf('a slow disaster'));
    const p = plan('take-theirs', d, { text: TEXT, ourTags: [], theirTags: new Map(moved.tags.map((t) => [t.id, t])), reviewer: 'ada' });
    verifies(p.add);
  });
});

describe('the Tags view model while comparing', () => {
  const source: TagSource = {
    keys: () => ['file:///a.txt', 'file:///b.txt'],
    tags: () => [],
    label: (key) => key.slice(8),
    hasProblem: () => false,
    words: () => undefined,
    suggestions: () => [],
    conflicts: () => [],
    isMissing: () => false,
    comparing: () => true,
    differenceKeys: () => ['file:///a.txt', 'file:///b.txt'],
    differences: (key) => (key === 'file:///a.txt' ? ['only-in-a:x:-', 'boundaries-differ:y:y'] : ['only-in-b:-:z']),
  };

  it('has a Differences group of articles of difference rows, with counts, parents and unique ids', () => {
    const model = new TagTreeModel(source);
    const group = model.roots().find((n) => n.kind === 'differences')!;
    assert.ok(group);
    assert.equal(model.count(group), 3);
    const articles = model.children(group);
    assert.deepEqual(articles.map((n) => model.count(n)), [2, 1]);
    const rows = articles.flatMap((a) => model.children(a));
    assert.equal(rows.length, 3);
    for (const row of rows) assert.equal(nodeId(model.parent(model.parent(row)!)!), nodeId(group));
    assert.equal(new Set([group, ...articles, ...rows].map(nodeId)).size, 6);
  });

  it('has no Differences group when no comparison is open', () => {
    assert.ok(!new TagTreeModel({ ...source, comparing: () => false }).roots().some((n) => n.kind === 'differences'));
  });
});
