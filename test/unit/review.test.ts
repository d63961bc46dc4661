import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import './cacheDir';
import type { CategoryId } from '../../src/core/codebook';
import { describeFilter, matchesFilter, NO_FILTER, type TagFilter } from '../../src/core/review/filter';
import { countWords, statsOf } from '../../src/core/review/stats';
import { TagTreeModel, type TagSource, type TreeNode } from '../../src/core/review/tagTree';
import type { Tag } from '../../src/core/tag';

let next = 0;
const tag = (category: CategoryId, text: string, extra: Partial<Tag> = {}): Tag => {
  const start = (next += 20);
  return { id: `t${next}`, category, start, end: start + text.length, text, prefix: '', suffix: '', ...extra };
};

const CORPUS: Record<string, Tag[]> = {
  'b.txt': [tag('claim', 'the evacuation was orderly', { note: 'Port authority line', author: 'ana' }), tag('figure', '2,417 people', { attributes: { value: 2417, counts: 'evacuees' }, review: 'confirmed' }), tag('figure', '3,825 wounded', { status: 'fuzzy', previousText: '3,835 wounded' })],
  'a.txt': [tag('denial', 'not true', { review: 'disputed', author: 'ben' }), tag('framing', 'mouthpiece', { status: 'orphaned' }), tag('figure', 'two dozen', { author: 'ana' })],
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
};

const filter = (f: Partial<{ categories: CategoryId[]; states: TagFilter['states'] extends ReadonlySet<infer S> ? S[] : never; authors: string[]; query: string }>): TagFilter => ({
  categories: new Set(f.categories ?? []),
  states: new Set(f.states ?? []),
  authors: new Set(f.authors ?? []),
  query: f.query ?? '',
});

function labels(model: TagTreeModel, nodes: readonly TreeNode[]): string[] {
  return nodes.map((n) => {
    switch (n.kind) {
      case 'tag': return source.tags(n.key).find((t) => t.id === n.id)!.text;
      case 'article': return `${n.key} (${model.count(n)})`;
      case 'category': return `${n.category} (${model.count(n)})`;
      case 'label': return `[${n.label}] (${model.count(n)})`;
      case 'attention': return `${n.group} (${model.count(n)})`;
      case 'stat': return `${n.label}: ${n.value}`;
      case 'summary': return 'summary';
      case 'suggestions': return `suggestions (${model.count(n)})`;
      case 'suggestion': return `suggestion ${n.start}`;
      case 'differences': return `differences ${n.key ?? ''} (${model.count(n)})`;
      case 'difference': return `difference ${n.id}`;
    }
  });
}

describe('Tags view model: grouping', () => {
  it('groups by article → category → tag, with Needs review and Orphaned groups first', () => {
    const model = new TagTreeModel(source, 'article');
    const roots = model.roots();
    assert.deepEqual(labels(model, roots), ['summary', 'needs-review (1)', 'orphaned (1)', 'a.txt (2)', 'b.txt (3)']);
    const b = roots.find((n) => n.kind === 'article' && n.key === 'b.txt')!;
    assert.deepEqual(labels(model, model.children(b)), ['claim (1)', 'figure (2)']);
    const figures = model.children(b)[1]!;
    assert.deepEqual(labels(model, model.children(figures)), ['2,417 people', '3,825 wounded']);
    assert.deepEqual(labels(model, model.children(roots[2]!)), ['mouthpiece']);
  });

  it('groups by category → article → tag', () => {
    const model = new TagTreeModel(source, 'category');
    const categories = model.roots().filter((n) => n.kind === 'category');
    assert.deepEqual(labels(model, categories), ['claim (1)', 'denial (1)', 'figure (3)']);
    assert.deepEqual(labels(model, model.children(categories[2]!)), ['a.txt (1)', 'b.txt (2)']);
  });

  it("finds each row's parent, so the view can reveal the tag under the cursor", () => {
    for (const grouping of ['article', 'category'] as const) {
      const model = new TagTreeModel(source, grouping);
      const figure = CORPUS['b.txt']![1]!;
      const row = model.nodeFor('b.txt', figure);
      const path: TreeNode[] = [];
      for (let n: TreeNode | undefined = row; n; n = model.parent(n)) path.unshift(n);
      assert.equal(path.length, 3, grouping);
      // Walking down the same path finds the row again.
      let level = model.roots();
      for (const step of path) {
        const match = level.find((n) => JSON.stringify(n) === JSON.stringify(step));
        assert.ok(match, `${grouping}: ${JSON.stringify(step)}`);
        level = model.children(match);
      }
    }
  });

  it('summarises counts per category and review status', () => {
    const model = new TagTreeModel(source);
    const summary = labels(model, model.children({ kind: 'summary' }));
    assert.ok(summary.includes('Figure: 3'));
    assert.ok(summary.includes('Confirmed: 1'));
    assert.ok(summary.includes('Disputed: 1'));
    assert.ok(summary.includes('Needs review: 1'));
    assert.ok(summary.includes('Orphaned: 1'));
    assert.ok(summary.includes('Tags per 1,000 words: 3.0'));
  });
});

describe('Tags view model: filtering', () => {
  it('filters by category, review state, author and text (note and attributes included)', () => {
    const all = Object.values(CORPUS).flat();
    const texts = (f: TagFilter): string[] => all.filter((t) => matchesFilter(t, f)).map((t) => t.text);
    assert.deepEqual(texts(filter({ categories: ['figure'] })), ['2,417 people', '3,825 wounded', 'two dozen']);
    assert.deepEqual(texts(filter({ states: ['disputed'] })), ['not true']);
    assert.deepEqual(texts(filter({ states: ['needs-review', 'orphaned'] })), ['3,825 wounded', 'mouthpiece']);
    assert.deepEqual(texts(filter({ authors: ['ana'] })), ['the evacuation was orderly', 'two dozen']);
    assert.deepEqual(texts(filter({ query: 'PORT AUTHORITY' })), ['the evacuation was orderly']);
    assert.deepEqual(texts(filter({ query: 'evacuees' })), ['2,417 people']);
    assert.deepEqual(texts(filter({ categories: ['figure'], authors: ['ana'] })), ['two dozen']);
    assert.deepEqual(texts(NO_FILTER).length, all.length);
  });

  it('describes the active filter in one line and hides empty groups', () => {
    const f = filter({ categories: ['figure', 'claim'], states: ['disputed'], query: '3,835' });
    assert.equal(describeFilter(f), 'Figure, Claim · Disputed · “3,835”');
    const model = new TagTreeModel(source, 'article', filter({ categories: ['denial'] }));
    assert.deepEqual(labels(model, model.roots()), ['summary', 'a.txt (1)']);
  });
});

describe('stats', () => {
  it('counts words as a reader does', () => {
    assert.equal(countWords('Russia’s 3,835 wounded — “not true”, he said.'), 7);
  });

  it('adds up per category and per review state across articles', () => {
    const s = statsOf([{ tags: CORPUS['a.txt']!, words: 500 }, { tags: CORPUS['b.txt']!, words: 1500 }]);
    assert.deepEqual([s.articles, s.tags, s.words], [2, 6, 2000]);
    assert.deepEqual(s.byCategory, { claim: 1, denial: 1, figure: 3, framing: 1 });
    assert.equal(s.byState.unreviewed, 4);
    assert.equal(s.perThousandWords, 3);
  });

  it('newsmark stats prints a table and --json the same numbers', async () => {
    const lines: string[] = [];
    const samples = join(__dirname, '..', '..', 'samples');
    // The CLI prints its lines in blocks: what a reader sees is the text, line by line.
    const collect = (into: string[]) => (l: string): number => into.push(...l.split('\n'));
    assert.equal(await main(['stats', samples], { line: collect(lines), error: collect(lines) }), 0);
    assert.match(lines[0]!, /^Article +Claim +Denial +Figure +Editorial framing +Unreviewed/);
    const total = lines.find((l) => l.startsWith('Total'))!; // outlet profiles follow the table
    assert.match(total, /^Total +\d+ +\d+ +\d+ +\d+/);
    const json: string[] = [];
    await main(['stats', '--json', samples], { line: collect(json), error: collect(json) });
    const report = JSON.parse(json.join('\n')) as { articles: unknown[]; total: { tags: number; byCategory: Record<string, number> } };
    assert.equal(report.articles.length, 4);
    assert.equal(String(report.total.tags), total.split(/ +/).at(-3));
    assert.equal(report.total.byCategory.figure, Number(total.split(/ +/)[3]));
  });
});
