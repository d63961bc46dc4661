import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CATEGORY_IDS } from '../../src/core/codebook';
import { TagTreeModel, type TagSource, type TreeNode } from '../../src/core/review/tagTree';
import { nodeId, TreeNodes } from '../../src/core/review/treeNodes';
import type { Suggestion } from '../../src/core/suggest/types';
import type { Tag, TagStatus } from '../../src/core/tag';

/**
 * A workspace of generated articles in which tag ids repeat across articles (ids are only
 * unique within a sidecar), suggestions sit on the same offsets in several articles, and
 * every attention group is populated.
 */
const arbitraryWorkspace = fc.array(
  fc.record({
    tags: fc.array(fc.record({
      id: fc.constantFrom('a1', 'b2', 'c3', 'd4', 'e5', 'f6'),
      category: fc.constantFrom(...CATEGORY_IDS),
      start: fc.nat({ max: 500 }),
      length: fc.integer({ min: 0, max: 20 }),
      status: fc.constantFrom<TagStatus | undefined>(undefined, 'fuzzy', 'orphaned', 'moved'),
    }), { maxLength: 8 }),
    suggestions: fc.array(fc.record({ category: fc.constantFrom(...CATEGORY_IDS), start: fc.nat({ max: 50 }), length: fc.integer({ min: 1, max: 5 }) }), { maxLength: 3 }),
    conflict: fc.boolean(),
  }),
  { minLength: 1, maxLength: 12 },
);

type Workspace = typeof arbitraryWorkspace extends fc.Arbitrary<infer W> ? W : never;

function sourceOf(workspace: Workspace): TagSource {
  const articles = new Map<string, { tags: Tag[]; suggestions: Suggestion[]; conflicts: string[] }>();
  workspace.forEach((a, i) => {
    // Two folders hold articles of the same file name: keys differ, labels do not.
    const key = `file:///corpus/${i % 2 === 0 ? 'left' : 'right'}/article-${Math.floor(i / 2)}.txt`;
    const seen = new Set<string>();
    const tags = a.tags.filter((t) => !seen.has(t.id) && seen.add(t.id)).map((t) => ({
      id: t.id, category: t.category, start: t.start, end: t.start + t.length, text: `text ${t.id} of ${i}`, prefix: '', suffix: '', ...(t.status ? { status: t.status } : {}),
    }));
    const suggestions = a.suggestions.map((s) => ({ category: s.category, start: s.start, end: s.start + s.length, text: 'x', reason: 'r' }));
    articles.set(key, { tags, suggestions, conflicts: a.conflict && tags[0] ? [tags[0].id] : [] });
  });
  return {
    keys: () => [...articles.keys()],
    tags: (key) => articles.get(key)?.tags ?? [],
    label: (key) => key.slice(key.lastIndexOf('/') + 1),
    hasProblem: () => false,
    words: () => 100,
    suggestions: (key) => articles.get(key)?.suggestions ?? [],
    conflicts: (key) => articles.get(key)?.conflicts ?? [],
    isMissing: () => false,
  };
}

/** Every row of the tree, depth first, with the article it sits under (if any). */
function walk(model: TagTreeModel): { node: TreeNode; under?: string }[] {
  const rows: { node: TreeNode; under?: string }[] = [];
  const visit = (node: TreeNode, under?: string): void => {
    rows.push(under === undefined ? { node } : { node, under });
    const article = node.kind === 'article' ? node.key : under;
    for (const child of model.children(node)) visit(child, article);
  };
  for (const root of model.roots()) visit(root);
  return rows;
}

describe('Tags view rows: ids are unique and say what the row shows', () => {
  it('gives every row of a generated workspace its own id, in both groupings (property)', () => {
    fc.assert(
      fc.property(arbitraryWorkspace, fc.constantFrom('article' as const, 'category' as const), (workspace, grouping) => {
        const source = sourceOf(workspace);
        const model = new TagTreeModel(source, grouping);
        const ids = walk(model).map((r) => nodeId(r.node));
        const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
        assert.deepEqual(repeated, [], 'row ids repeat');
      }),
      { numRuns: 300 },
    );
  });

  it('lists under an article only that article’s tags, and each row’s parent is the row it sits under (property)', () => {
    fc.assert(
      fc.property(arbitraryWorkspace, fc.constantFrom('article' as const, 'category' as const), (workspace, grouping) => {
        const source = sourceOf(workspace);
        const model = new TagTreeModel(source, grouping);
        for (const root of model.roots()) {
          const check = (parent: TreeNode): void => {
            for (const child of model.children(parent)) {
              if (child.kind === 'tag' && parent.kind === 'category' && parent.key !== undefined) assert.equal(child.key, parent.key, 'a tag row under another article');
              if (child.kind === 'tag' && parent.kind === 'article') assert.equal(child.key, parent.key, 'a tag row under another article');
              if (child.kind === 'tag') assert.ok(source.tags(child.key).some((t) => t.id === child.id), 'a row for a tag its article does not have');
              const back = model.parent(child);
              assert.equal(back && nodeId(back), nodeId(parent), `parent of ${nodeId(child)}`);
              check(child);
            }
          };
          check(root);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('says a tag row is shown exactly when the drawn tree lists it, whatever the filter (property; a reveal of any other fails in VS Code)', () => {
    const arbitraryFilter = fc.record({
      categories: fc.subarray([...CATEGORY_IDS]),
      states: fc.subarray(['unreviewed', 'confirmed', 'disputed', 'needs-review', 'orphaned'] as const),
    });
    fc.assert(
      fc.property(arbitraryWorkspace, fc.constantFrom('article' as const, 'category' as const), arbitraryFilter, (workspace, grouping, f) => {
        const source = sourceOf(workspace);
        const model = new TagTreeModel(source, grouping, { categories: new Set(f.categories), states: new Set(f.states), authors: new Set(), labels: new Set(), query: '' });
        const drawn = new Set(walk(model).map((r) => nodeId(r.node)));
        for (const key of source.keys()) {
          for (const tag of source.tags(key)) {
            // The row asked for before the tag was orphaned (or after): a main row for every tag.
            for (const node of [model.nodeFor(key, tag), { kind: 'tag' as const, key, id: tag.id, place: 'main' as const }]) {
              assert.equal(model.isShown(node), drawn.has(nodeId(node)), `${nodeId(node)} in ${grouping} grouping`);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('draws the same rows and counts from a model kept across changes (its tallies worked out ahead in slices) as from a new one (property)', async () => {
    const arbitraryFilter = fc.record({ categories: fc.subarray([...CATEGORY_IDS]), states: fc.subarray(['unreviewed', 'needs-review', 'orphaned'] as const) });
    await fc.assert(
      fc.asyncProperty(arbitraryWorkspace, arbitraryWorkspace, fc.array(fc.boolean()), fc.constantFrom('article' as const, 'category' as const), arbitraryFilter, async (before, after, replaced, grouping, f) => {
        const filter = { categories: new Set(f.categories), states: new Set(f.states), authors: new Set<string>(), labels: new Set<string>(), query: '' };
        const first = sourceOf(before);
        const next = sourceOf(after);
        // Some articles get new tags (a new array, as the store hands out), the others keep theirs.
        let current: TagSource = first;
        const source: TagSource = { ...first, keys: () => current.keys(), tags: (key) => current.tags(key), suggestions: (key) => current.suggestions(key), conflicts: (key) => current.conflicts(key) };
        const kept = new TagTreeModel(source, grouping, filter);
        await kept.prepare((work) => Promise.resolve(work()));
        const drawn = (model: TagTreeModel): string[] => walk(model).map((r) => `${nodeId(r.node)} ${model.count(r.node)}`);
        drawn(kept);
        const keys = next.keys();
        const mixed = new Map(keys.map((key, i) => [key, replaced[i] === true || !first.keys().includes(key) ? next.tags(key) : first.tags(key)]));
        current = { ...next, tags: (key) => mixed.get(key) ?? [] };
        if (replaced[0] === true) await kept.prepare((work) => Promise.resolve(work()));
        assert.deepEqual(drawn(kept), drawn(new TagTreeModel(source, grouping, filter)));
      }),
      { numRuns: 200 },
    );
  });

  it('hands out one object per row id, however often the rows are asked for', () => {
    const nodes = new TreeNodes();
    const first = nodes.of({ kind: 'tag', key: 'file:///a.txt', id: 'a1', place: 'main' });
    assert.equal(nodes.of({ kind: 'tag', key: 'file:///a.txt', id: 'a1', place: 'main' }), first);
    assert.notEqual(nodes.of({ kind: 'tag', key: 'file:///b.txt', id: 'a1', place: 'main' }), first, 'the same tag id in another article is another row');
    assert.equal(nodes.of({ kind: 'summary' }), nodes.of({ kind: 'summary' }));
    nodes.prune((n) => n.kind !== 'tag' || n.key !== 'file:///a.txt');
    assert.notEqual(nodes.of({ kind: 'tag', key: 'file:///a.txt', id: 'a1', place: 'main' }), first, 'a pruned row is made anew');
  });
});

describe('Tags view Summary', () => {
  it('counts the articles that have tags, not every article open in the editor', () => {
    const tagOf = (id: string): Tag => ({ id, category: 'figure', start: 0, end: 5, text: '3,835', prefix: '', suffix: '' });
    const tags: Record<string, Tag[]> = { 'file:///a.txt': [tagOf('a1')], 'file:///b.txt': [tagOf('b1'), tagOf('b2')], 'file:///opened.txt': [] };
    const source: TagSource = {
      keys: () => Object.keys(tags),
      tags: (key) => tags[key] ?? [],
      label: (key) => key,
      hasProblem: () => false,
      words: () => 100,
      suggestions: (key) => (key === 'file:///opened.txt' ? [{ category: 'figure', start: 0, end: 3, text: '496', reason: 'r' }] : []),
      conflicts: () => [],
      isMissing: () => false,
    };
    const stats = new TagTreeModel(source).stats();
    assert.deepEqual([stats.tags, stats.articles, stats.words], [3, 2, 200]);
  });
});
