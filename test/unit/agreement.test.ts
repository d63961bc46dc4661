// The agreement core: each metric against values worked out by hand (in the comments), the
// published κ examples of Krippendorff (1995) as DKPro's Krippendorff1995Test digitizes them,
// the diagnosis list, corpus pooling, annotation sets, and properties (fast-check).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareArticles, pairSets, splitByAuthor, authorsOf, codePointTable, kappa, type ArticlePair, type CategoryAgreement, type SetArticle, type Span } from '../../src/core/agreement';
import { articleHash } from '../../src/core/articleFile';
import type { Tag } from '../../src/core/tag';
import { tagOn } from './cliCorpus';

const EXACT = 1e-9;
const close = (actual: number | null, expected: number, what: string): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= EXACT, `${what}: ${actual} ≠ ${expected}`);
};
const span = (category: string, start: number, end: number): Span => ({ category, start, end, text: `${category}@${start}` });

/**
 * One article of 100 code points:
 *   A: claim [0,10), claim [20,30), denial [40,50), figure [60,65)
 *   B: claim [0,10), claim [22,30), framing [40,50), figure [80,85)
 */
const HAND: ArticlePair = {
  article: 'hand.txt',
  length: 100,
  a: [span('claim', 0, 10), span('claim', 20, 30), span('denial', 40, 50), span('figure', 60, 65)],
  b: [span('claim', 0, 10), span('claim', 22, 30), span('framing', 40, 50), span('figure', 80, 85)],
};

describe('agreement metrics, worked by hand', () => {
  const report = compareArticles([HAND]);
  const claim = report.categories['claim']!;

  it('span F1, exact and overlap', () => {
    // claim: a = 2, b = 2, one identical pair → exact F1 = 2·1 / (2 + 2) = 0.5
    //        both of A's claims overlap one of B's and vice versa → P = 2/2, R = 2/2 → overlap F1 = 1
    assert.deepEqual([claim.a, claim.b, claim.matched, claim.overlapMatchedA, claim.overlapMatchedB], [2, 2, 1, 2, 2]);
    close(claim.exactF1, 0.5, 'claim exact');
    close(claim.overlapF1, 1, 'claim overlap');
    // denial only in A, framing only in B: 0 either way; the figures do not overlap: P = R = 0 → 0
    for (const c of ['denial', 'framing', 'figure']) {
      close(report.categories[c]!.exactF1, 0, `${c} exact`);
      close(report.categories[c]!.overlapF1, 0, `${c} overlap`);
    }
    // overall: a = 4, b = 4, matched 1 → 2/8; P = 2/4 (B's two claims), R = 2/4 → 0.5
    close(report.overall.exactF1, 0.25, 'overall exact');
    close(report.overall.overlapF1, 0.5, 'overall overlap');
  });

  it('Cohen’s κ over code points', () => {
    // claim: A marks 20 code points, B 18, both 18 → onlyA 2, onlyB 0, neither 80
    //   pₒ = 98/100; pₑ = 0.2·0.18 + 0.8·0.82 = 0.692; κ = (0.98 − 0.692)/(1 − 0.692) = 72/77
    close(claim.kappa, 72 / 77, 'claim κ');
    // denial: onlyA 10, neither 90 → pₒ = 0.9, pₑ = 0.1·0 + 0.9·1 = 0.9 → κ = 0 (framing the same)
    close(report.categories['denial']!.kappa, 0, 'denial κ');
    close(report.categories['framing']!.kappa, 0, 'framing κ');
    // figure: onlyA 5, onlyB 5, neither 90 → pₒ = 0.9, pₑ = 0.05² + 0.95² = 0.905 → κ = −0.005/0.095 = −1/19
    close(report.categories['figure']!.kappa, -1 / 19, 'figure κ');
    // overall pools the four used categories' tables: both 18, onlyA 17, onlyB 15, neither 350 (n = 400)
    //   pₒ = 368/400; pₑ = (35/400)(33/400) + (365/400)(367/400)
    const pe = (35 / 400) * (33 / 400) + (365 / 400) * (367 / 400);
    close(report.overall.kappa, (368 / 400 - pe) / (1 - pe), 'overall κ');
  });

  it('Krippendorff’s α_U for the claims', () => {
    // L = 100. D_o: the only overlapping marked pair that differs is A [20,30) vs B [22,30):
    //   (20−22)² + ((20−22) + (10−8))² = 4; every other pair 0 → D_o = 2·4 / (2·1·100²) = 0.0004
    // D_e: lengths 10, 10 (A), 10, 8 (B), N = 4, Σ l(l−1) = 90·3 + 56 = 326;
    //   gaps A: 10, 70; B: 12, 70
    //   l = 10: (N−1)(2000 − 300 + 10)/3 = 1710, + 10²·((70−9) + (70−9) + (12−9) + (10−9)) = 12600 → 14310, three times
    //   l = 8:  (N−1)(1024 − 192 + 8)/3 = 840,   + 8²·(63 + 63 + 5 + 3) = 8576 → 9416
    //   D_e = (2/100)·52346 / (2·100·199 − 326) = 1046.92 / 39474
    close(claim.alpha, 1 - 0.0004 / (1046.92 / 39474), 'claim α');
    // a category one coder never used: α_U defined (one coder's units against the other's empty continuum)
    assert.ok(report.categories['denial']!.alpha !== null);
  });

  it('a category nobody used has no figures, only zero counts', () => {
    const none = compareArticles([{ ...HAND, a: HAND.a.filter((s) => s.category === 'claim'), b: HAND.b.filter((s) => s.category === 'claim') }]);
    const denial = none.categories['denial']!;
    assert.deepEqual([denial.exactF1, denial.overlapF1, denial.kappa, denial.alpha, denial.a, denial.b], [null, null, null, null, 0, 0]);
    // and the overall figures are the claim's alone
    assert.deepEqual(none.overall, none.categories['claim']);
  });

  it('κ of Krippendorff’s (1995) digitized examples, as in DKPro’s Krippendorff1995Test', () => {
    // A Bertha [2,10) [14,20), Bill [4,8) [15,17), L = 24: both 6, onlyA 8, onlyB 0, neither 10
    //   pₒ = 16/24, pₑ = (14·6 + 10·18)/24² = 264/576 → κ = (384 − 264)/(576 − 264) = 120/312 = 5/13 (published 0.385)
    const a = kappa(codePointTable([span('A', 2, 10), span('A', 14, 20)], [span('A', 4, 8), span('A', 15, 17)], 24));
    close(a, 5 / 13, 'κ A');
    assert.ok(Math.abs(a! - 0.385) < 0.001);
    // C Gerret [2,8) [10,12) [14,18) [20,22), Gill [0,2) [4,8) [10,14) [16,18) [20,22):
    //   both 10, onlyA 4, onlyB 4, neither 6 → pₒ = 16/24, pₑ = (14² + 10²)/576 = 296/576 → κ = 88/280 = 11/35 (published 0.314)
    const c = kappa(codePointTable([span('C', 2, 8), span('C', 10, 12), span('C', 14, 18), span('C', 20, 22)], [span('C', 0, 2), span('C', 4, 8), span('C', 10, 14), span('C', 16, 18), span('C', 20, 22)], 24));
    close(c, 11 / 35, 'κ C');
    // D Heather and Hill mark everything: pₑ = 1, κ undefined (DKPro throws InsufficientDataException)
    assert.equal(kappa(codePointTable([span('D', 0, 24)], [span('D', 0, 10), span('D', 10, 24)], 24)), null);
  });

  it('two identical spans in A match two in B, one only once', () => {
    const twice = compareArticles([{ article: 'x', length: 50, a: [span('claim', 0, 5), span('claim', 0, 5)], b: [span('claim', 0, 5)] }]);
    // a = 2, b = 1, matched 1 → 2/3
    close(twice.categories['claim']!.exactF1, 2 / 3, 'exact');
    assert.deepEqual(twice.disagreements.map((d) => d.kind), ['only-in-a']);
  });
});

describe('the diagnosis list', () => {
  it('names every difference once, with both spans', () => {
    const { disagreements } = compareArticles([HAND]);
    assert.deepEqual(
      disagreements.map((d) => [d.kind, d.a && [d.a.category, d.a.start, d.a.end], d.b && [d.b.category, d.b.start, d.b.end]]),
      [
        ['boundaries-differ', ['claim', 20, 30], ['claim', 22, 30]],
        ['category-differs', ['denial', 40, 50], ['framing', 40, 50]],
        ['only-in-a', ['figure', 60, 65], null],
        ['only-in-b', null, ['figure', 80, 85]],
      ],
    );
    assert.ok(disagreements.every((d) => d.article === 'hand.txt'));
  });

  it('pairs a span with the same-category one before a larger different-category overlap', () => {
    const { disagreements } = compareArticles([{ article: 'x', length: 100, a: [span('claim', 10, 30)], b: [span('framing', 10, 30), span('claim', 25, 40)] }]);
    assert.deepEqual(disagreements.map((d) => d.kind), ['boundaries-differ', 'only-in-b']);
    assert.equal(disagreements[0]!.b!.start, 25);
    assert.equal(disagreements[1]!.b!.category, 'framing');
  });

  it('leaves out orphaned (collapsed) spans', () => {
    const r = compareArticles([{ article: 'x', length: 100, a: [span('claim', 10, 10)], b: [] }]);
    assert.equal(r.categories['claim']!.a, 0);
    assert.deepEqual(r.disagreements, []);
  });
});

describe('corpus figures pool the articles', () => {
  it('sums the counts and the code-point tables; α_U lays the articles end to end', () => {
    const second: ArticlePair = { article: 'same.txt', length: 40, a: [span('claim', 5, 15)], b: [span('claim', 5, 15)] };
    const r = compareArticles([HAND, second]);
    const claim = r.categories['claim']!;
    // claim: a = 3, b = 3, matched 2 → 4/6
    close(claim.exactF1, 4 / 6, 'exact');
    // κ over 140 code points: both 28, onlyA 2, onlyB 0, neither 110
    const pe = (30 / 140) * (28 / 140) + (110 / 140) * (112 / 140);
    close(claim.kappa, (138 / 140 - pe) / (1 - pe), 'κ');
    // α_U: the same as one article of 140 with the second article's spans shifted by 100
    const joined = compareArticles([{ article: 'joined', length: 140, a: [...HAND.a, span('claim', 105, 115)], b: [...HAND.b, span('claim', 105, 115)] }]);
    close(claim.alpha, joined.categories['claim']!.alpha!, 'α');
    assert.equal(r.articles.length, 2);
    assert.deepEqual(r.articles.map((x) => x.article), ['hand.txt', 'same.txt']);
    close(r.articles[1]!.categories['claim']!.exactF1, 1, 'second article exact');
  });
});

// ---- properties ------------------------------------------------------------------------------

const CATS = ['claim', 'denial', 'figure', 'framing'] as const;
/** Spans inside [from, to): at most 8 of at most 10 code points, so they never cover an article of ≥ 100. */
const spansIn = (from: number, to: number): fc.Arbitrary<Span[]> =>
  fc.array(fc.record({ at: fc.integer({ min: from, max: to - 2 }), len: fc.integer({ min: 1, max: 10 }), category: fc.constantFrom(...CATS) }), { minLength: 1, maxLength: 8 })
    .map((xs) => xs.map((x) => span(x.category, x.at, Math.min(to, x.at + x.len))));
const figuresOf = (r: ReturnType<typeof compareArticles>): CategoryAgreement[] => [r.overall, ...Object.values(r.categories), ...r.articles.flatMap((x) => [x.overall, ...Object.values(x.categories)])];
const METRICS = ['exactF1', 'overlapF1', 'kappa', 'alpha'] as const;

describe('agreement properties', () => {
  it('identical sets give 1 on every metric of every used category, per article and overall', () => {
    fc.assert(fc.property(spansIn(0, 100), (spans) => {
      const r = compareArticles([{ article: 'x', length: 100, a: spans, b: [...spans].reverse() }]);
      for (const f of figuresOf(r)) if (f.a + f.b > 0) for (const m of METRICS) close(f[m], 1, m);
    }), { numRuns: 300 });
  });

  it('disjoint sets give ≤ 0 on every metric', () => {
    fc.assert(fc.property(spansIn(0, 100), spansIn(100, 200), (a, b) => {
      const r = compareArticles([{ article: 'x', length: 200, a, b }]);
      for (const f of figuresOf(r)) for (const m of METRICS) assert.ok(f[m] === null || f[m] <= 1e-12, `${m} = ${f[m]}`);
    }), { numRuns: 300 });
  });

  it('swapping A and B changes no figure, and turns only-in-A into only-in-B', () => {
    fc.assert(fc.property(spansIn(0, 150), spansIn(0, 150), (a, b) => {
      const ab = compareArticles([{ article: 'x', length: 150, a, b }]);
      const ba = compareArticles([{ article: 'x', length: 150, a: b, b: a }]);
      const fab = figuresOf(ab);
      const fba = figuresOf(ba);
      fab.forEach((f, i) => {
        const g = fba[i]!;
        for (const m of METRICS) assert.ok(f[m] === g[m] || (f[m] !== null && g[m] !== null && Math.abs(f[m] - g[m]) < 1e-12), `${m}: ${f[m]} vs ${g[m]}`);
        assert.deepEqual([f.a, f.b, f.matched, f.overlapMatchedA, f.overlapMatchedB], [g.b, g.a, g.matched, g.overlapMatchedB, g.overlapMatchedA]);
      });
      const kinds = (r: typeof ab, k: string): number => r.disagreements.filter((d) => d.kind === k).length;
      assert.equal(kinds(ab, 'only-in-a'), kinds(ba, 'only-in-b'));
      assert.equal(kinds(ab, 'only-in-b'), kinds(ba, 'only-in-a'));
      assert.equal(ab.disagreements.length, ba.disagreements.length);
    }), { numRuns: 300 });
  });
});

// ---- annotation sets -------------------------------------------------------------------------

/** Invented for these tests. */
const PIER = 'The harbour board said the old pier would close for repairs in May.\nDockworkers denied that the cranes were unsafe.\nLocals called the closure a slow disaster.\n';

function setArticle(path: string, text: string, tags: readonly Tag[], sha256: string | undefined = articleHash(text)): SetArticle {
  return { path, text, tags, ...(sha256 !== undefined ? { sha256 } : {}) };
}

describe('annotation sets', () => {
  const claim = tagOn(PIER, 'the old pier would close for repairs in May', 'claim', 'aaaa0001');
  const denial = tagOn(PIER, 'denied that the cranes were unsafe', 'denial', 'aaaa0002');
  const framing = tagOn(PIER, 'a slow disaster', 'framing', 'aaaa0003');

  it('pairs articles by path; an article without a sidecar counts as no tags; unmatched ones are listed', () => {
    const paired = pairSets(
      [setArticle('news/pier.txt', PIER, [claim, denial]), setArticle('news/only-a.txt', PIER, [claim]), setArticle('untagged.txt', PIER, [claim])],
      [setArticle('news/pier.txt', PIER, [claim, framing]), setArticle('untagged.txt', PIER, [], undefined), setArticle('only-b.txt', PIER, [])],
    );
    assert.deepEqual(paired.pairs.map((p) => p.article), ['news/pier.txt', 'untagged.txt']);
    assert.deepEqual(paired.onlyInA, ['news/only-a.txt']);
    assert.deepEqual(paired.onlyInB, ['only-b.txt']);
    assert.deepEqual(paired.reattached, []);
    assert.equal(paired.pairs[0]!.length, Array.from(PIER).length);
    const r = compareArticles(paired.pairs);
    assert.deepEqual(r.disagreements.map((d) => [d.article, d.kind]), [['news/pier.txt', 'only-in-a'], ['news/pier.txt', 'only-in-b'], ['untagged.txt', 'only-in-a']]);
    assert.equal(r.disagreements[0]!.a!.id, 'aaaa0002');
  });

  it('re-attaches set B’s tags onto set A’s text when the article differs, and says so', () => {
    const longer = `Updated at noon.\n${PIER}`;
    const bClaim = tagOn(longer, 'the old pier would close for repairs in May', 'claim', 'bbbb0001');
    const paired = pairSets([setArticle('pier.txt', PIER, [claim])], [setArticle('pier.txt', longer, [bClaim])], { a: 'A', b: 'B' });
    assert.deepEqual(paired.reattached, [{ article: 'pier.txt', coder: 'B', reason: 'text-differs', anchored: 0, moved: 1, fuzzy: 0, orphaned: 0 }]);
    const r = compareArticles(paired.pairs);
    close(r.overall.exactF1, 1, 'exact after re-attaching');
  });

  it('re-attaches a stale sidecar’s tags onto its own article, and leaves orphans out', () => {
    const gone = { ...tagOn(PIER, 'cranes', 'figure', 'cccc0001'), text: 'forklifts', prefix: 'zzz', suffix: 'zzz' };
    const paired = pairSets([setArticle('pier.txt', PIER, [claim, gone], 'f'.repeat(64))], [setArticle('pier.txt', PIER, [claim])]);
    assert.equal(paired.reattached.length, 1);
    assert.equal(paired.reattached[0]!.reason, 'sidecar-stale');
    assert.equal(paired.reattached[0]!.orphaned, 1);
    assert.equal(paired.orphansLeftOut, 1);
    assert.equal(compareArticles(paired.pairs).overall.exactF1, 1);
  });

  it('--by author: one set, two coders told apart by the author field', () => {
    const by = (t: Tag, author: string, id: string): Tag => ({ ...t, author, id });
    const set = [setArticle('pier.txt', PIER, [by(claim, 'rosa', '00000001'), by(claim, 'tomas', '00000002'), by(denial, 'rosa', '00000003'), { ...framing, author: undefined, id: '00000004' }])];
    const { authors, withoutAuthor } = authorsOf(set);
    assert.deepEqual([...authors], [['rosa', 2], ['tomas', 1]]);
    assert.equal(withoutAuthor, 1);
    const r = compareArticles(splitByAuthor(set, ['rosa', 'tomas']).pairs);
    assert.equal(r.categories['claim']!.matched, 1);
    assert.deepEqual(r.disagreements.map((d) => [d.kind, d.a?.id ?? null]), [['only-in-a', '00000003']]);
  });
});
