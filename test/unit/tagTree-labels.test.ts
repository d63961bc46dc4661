import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { describeFilter, isFiltering, matchesFilter, NO_FILTER } from '../../src/core/review/filter';
import { TagTreeModel, type TagSource, type TreeNode } from '../../src/core/review/tagTree';
import { nodeId } from '../../src/core/review/treeNodes';
import type { Tag } from '../../src/core/tag';

let next = 0;
const framing = (text: string, label?: string): Tag => {
  const start = (next += 20);
  return { id: `f${next}`, category: 'framing', ...(label !== undefined ? { label } : {}), start, end: start + text.length, text, prefix: '', suffix: '' };
};
const claim = (text: string): Tag => {
  const start = (next += 20);
  return { id: `c${next}`, category: 'claim', start, end: start + text.length, text, prefix: '', suffix: '' };
};

const CORPUS: Record<string, Tag[]> = {
  'a.txt': [framing('reckless gamble', 'Loaded_Language'), framing('so-called experts', 'Doubt'), framing('a disgrace'), claim('the dam held')],
  'b.txt': [framing('cowboys', 'Name_Calling,Labeling'), framing('outrageous', 'Loaded_Language')],
};

const source: TagSource = {
  keys: () => Object.keys(CORPUS),
  tags: (key) => CORPUS[key] ?? [],
  label: (key) => key,
  hasProblem: () => false,
  words: () => 1000,
  suggestions: () => [],
  conflicts: () => [],
  isMissing: () => false,
  // The codebook's order: Loaded_Language before Doubt, whatever the alphabet says.
  labelOrder: () => ['Name_Calling,Labeling', 'Loaded_Language', 'Doubt'],
};

function describeNodes(model: TagTreeModel, nodes: readonly TreeNode[]): string[] {
  return nodes.map((n) => {
    if (n.kind === 'tag') return source.tags(n.key).find((t) => t.id === n.id)!.text;
    if (n.kind === 'label') return `[${n.label || 'none'}] (${model.count(n)})`;
    if (n.kind === 'article') return `${n.key} (${model.count(n)})`;
    if (n.kind === 'category') return `${n.category} (${model.count(n)})`;
    return n.kind;
  });
}

describe('Tags view model: sub-labels', () => {
  it('grouped by article, a category with sub-labels lists them (codebook order, no sub-label last) and their tags under them', () => {
    const model = new TagTreeModel(source, 'article');
    const a = model.roots().find((n) => n.kind === 'article' && n.key === 'a.txt')!;
    const [claimRow, framingRow] = model.children(a);
    assert.deepEqual(describeNodes(model, [claimRow!, framingRow!]), ['claim (1)', 'framing (3)']);
    assert.deepEqual(describeNodes(model, model.children(claimRow!)), ['the dam held'], 'a category without sub-labels lists its tags');
    const groups = model.children(framingRow!);
    assert.deepEqual(describeNodes(model, groups), ['[Loaded_Language] (1)', '[Doubt] (1)', '[none] (1)']);
    assert.deepEqual(describeNodes(model, model.children(groups[0]!)), ['reckless gamble']);
  });

  it('grouped by category, sub-labels come first and gather every article\'s tags: all Loaded_Language in the corpus together', () => {
    const model = new TagTreeModel(source, 'category');
    const framingRow = model.roots().find((n) => n.kind === 'category' && n.category === 'framing')!;
    const groups = model.children(framingRow);
    assert.deepEqual(describeNodes(model, groups), ['[Name_Calling,Labeling] (1)', '[Loaded_Language] (2)', '[Doubt] (1)', '[none] (1)']);
    const loaded = groups[1]!;
    const articles = model.children(loaded);
    assert.deepEqual(describeNodes(model, articles), ['a.txt (1)', 'b.txt (1)']);
    assert.deepEqual(describeNodes(model, model.children(articles[1]!)), ['outrageous']);
  });

  it('every row finds its parent and the row ids stay unique, in both groupings', () => {
    for (const grouping of ['article', 'category'] as const) {
      const model = new TagTreeModel(source, grouping);
      const ids = new Set<string>();
      const walk = (node: TreeNode, parent: TreeNode | undefined): void => {
        const id = nodeId(node);
        assert.ok(!ids.has(id), `${grouping}: ${id} twice`);
        ids.add(id);
        if (parent) assert.equal(nodeId(model.parent(node)!), nodeId(parent), `${grouping}: parent of ${id}`);
        for (const child of model.children(node)) walk(child, node);
      };
      for (const root of model.roots()) walk(root, undefined);
      for (const [key, tags] of Object.entries(CORPUS)) for (const tag of tags) assert.ok(ids.has(nodeId(model.nodeFor(key, tag))), `${grouping}: ${tag.text} has a row`);
    }
  });

  it('the filter can ask for sub-labels, "no sub-label" included, and says so in the view message', () => {
    const only = { ...NO_FILTER, labels: new Set(['Loaded_Language', '']) };
    assert.equal(isFiltering(only), true);
    const kept = Object.values(CORPUS).flat().filter((t) => matchesFilter(t, only)).map((t) => t.text);
    assert.deepEqual(kept, ['reckless gamble', 'a disgrace', 'the dam held', 'outrageous']);
    assert.equal(describeFilter(only), 'Loaded_Language, (no sub-label)');
  });
});

describe('Tags view model: the Summary counts sub-labels', () => {
  it('lists each category\'s sub-labels under it, in the codebook\'s order, each row with an id of its own', () => {
    const model = new TagTreeModel(source, 'article');
    const rows = model.children({ kind: 'summary' }).map((n) => (n.kind === 'stat' ? `${n.label}: ${n.value}` : n.kind));
    const framing = rows.indexOf('Editorial framing: 5');
    assert.deepEqual(rows.slice(framing, framing + 4), ['Editorial framing: 5', 'Editorial framing › Name_Calling,Labeling: 1', 'Editorial framing › Loaded_Language: 2', 'Editorial framing › Doubt: 1']);
    assert.equal(new Set(model.children({ kind: 'summary' }).map(nodeId)).size, rows.length);
  });
});
