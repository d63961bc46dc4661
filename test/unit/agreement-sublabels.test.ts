import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compareArticles, subLabelPairs } from '../../src/core/agreement';
import type { ArticlePair, Span } from '../../src/core/agreement/types';
import { run, tagOn, tagged, tempDir, TRAM } from './cliCorpus';

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
