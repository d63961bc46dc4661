import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compareArticles, subLabelPairs } from '../../src/core/agreement';
import type { ArticlePair, Span } from '../../src/core/agreement/types';
import { run, tagOn, tagged, tempDir, TRAM } from './cliCorpus';
import { inTemp, runExpecting } from './cliRun';

const span = (start: number, end: number, category: string, label?: string): Span => ({ start, end, category, text: 'x'.repeat(end - start), ...(label !== undefined ? { label } : {}) });

describe('agreement on sub-labels', () => {
  const pairs: ArticlePair[] = [{
    article: 'a.txt',
    length: 200,
    a: [span(0, 10, 'framing', 'Loaded_Language'), span(20, 30, 'framing', 'Doubt'), span(40, 50, 'claim'), span(60, 70, 'framing')],
    b: [span(0, 10, 'framing', 'Loaded_Language'), span(20, 30, 'framing', 'Loaded_Language'), span(40, 50, 'claim'), span(60, 70, 'framing')],
  }];

  it('the category figures ignore sub-labels: both coders tagged the same framing spans', () => {
    assert.equal(compareArticles(pairs).categories['framing']!.exactF1, 1);
  });

  it('per sub-label, a span the coders labelled differently is a disagreement; categories without sub-labels are left out', () => {
    const sub = subLabelPairs(pairs);
    assert.deepEqual(sub.categories, ['framing:Doubt', 'framing:Loaded_Language', 'framing:(none)']);
    const report = compareArticles(sub.pairs, { categories: sub.categories });
    assert.equal(report.categories['framing:Loaded_Language']!.a, 1);
    assert.equal(report.categories['framing:Loaded_Language']!.b, 2);
    assert.equal(report.categories['framing:Loaded_Language']!.matched, 1);
    assert.equal(report.categories['framing:Doubt']!.matched, 0);
    assert.equal(report.categories['framing:(none)']!.exactF1, 1);
    assert.ok(!('claim' in report.categories));
    assert.ok(report.disagreements.some((d) => d.kind === 'category-differs'));
  });

  it('no sub-labels anywhere: nothing to report', () => {
    assert.deepEqual(subLabelPairs([{ article: 'b.txt', length: 10, a: [span(0, 5, 'claim')], b: [] }]).categories, []);
  });
});

describe('newsmark agree with sub-labels', () => {
  it('prints a per-sub-label table and a subLabels object in --json, beside the unchanged category figures', async () => {
    const root = tempDir('agree-sub');
    const a = join(root, 'a');
    const b = join(root, 'b');
    const gamble = (label: string, id: string) => ({ ...tagOn(TRAM, 'a reckless gamble', 'framing', id), label });
    tagged(a, 'tram.txt', TRAM, [gamble('Loaded_Language', 'a0000001')]);
    tagged(b, 'tram.txt', TRAM, [gamble('Exaggeration,Minimisation', 'b0000001')]);
    const json = await run(['agree', '--json', a, b]);
    assert.equal(json.code, 0, json.err);
    const parsed = JSON.parse(json.out) as { categories: Record<string, { exactF1: number }>; subLabels: { categories: Record<string, { a: number; b: number; matched: number }> } };
    assert.equal(parsed.categories['framing']!.exactF1, 1, 'the same span, the same category');
    assert.deepEqual(Object.keys(parsed.subLabels.categories), ['framing:Exaggeration,Minimisation', 'framing:Loaded_Language']);
    assert.equal(parsed.subLabels.categories['framing:Loaded_Language']!.matched, 0);
    const text = await run(['agree', a, b]);
    assert.match(text.out, /Per sub-label/);
    assert.match(text.out, /Editorial framing › Loaded_Language/);
  });
});

describe('stats and outlet profiles count sub-labels', () => {
  it('statsOf and the outlet profile count each category:sub-label; tags without one are not in it', async () => {
    const { statsOf } = await import('../../src/core/review/stats');
    const { outletProfiles } = await import('../../src/core/review/profile');
    const tags = [
      { category: 'framing' as const, label: 'Loaded_Language', start: 0, end: 1 },
      { category: 'framing' as const, label: 'Loaded_Language', start: 2, end: 3 },
      { category: 'framing' as const, label: 'Doubt', start: 4, end: 5 },
      { category: 'claim' as const, start: 6, end: 7 },
    ];
    assert.deepEqual(statsOf([{ tags, words: 100 }]).bySubLabel, { 'framing:Loaded_Language': 2, 'framing:Doubt': 1 });
    const [profile] = outletProfiles([{ article: 'a.txt', outlet: { name: 'The Gazette', guessed: false, source: 'field' }, tags, words: 100 }]);
    assert.deepEqual(profile!.subLabels, { 'framing:Loaded_Language': 2, 'framing:Doubt': 1 });
  });

  it('newsmark stats prints the sub-labels, and --json has them per article, in total and per outlet, cold and warm alike', () => inTemp(async (dir) => {
    const folder = join(dir, 'c');
    tagged(folder, 'tram.txt', TRAM, [{ ...tagOn(TRAM, 'a reckless gamble', 'framing', 'a0000001'), label: 'Loaded_Language' }]);
    for (const cache of [['--no-cache'], [], []]) {
      const json = await runExpecting(0, ['stats', '--json', ...cache, folder]);
      const parsed = JSON.parse(json.out) as { articles: { bySubLabel: Record<string, number> }[]; total: { bySubLabel: Record<string, number> }; outlets: { subLabels: Record<string, number> }[] };
      assert.deepEqual(parsed.articles[0]!.bySubLabel, { 'framing:Loaded_Language': 1 });
      assert.deepEqual(parsed.total.bySubLabel, { 'framing:Loaded_Language': 1 });
      assert.deepEqual(parsed.outlets[0]!.subLabels, { 'framing:Loaded_Language': 1 });
    }
    const text = await runExpecting(0, ['stats', folder]);
    assert.match(text.out, /Sub-labels[\s\S]*Editorial framing › Loaded_Language +1/);
  }));
});
