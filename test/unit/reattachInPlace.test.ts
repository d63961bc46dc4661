import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ArticleView } from '../../src/core/anchor/articleView';
import { fold, foldString, matchFolded, matchFoldedBefore } from '../../src/core/anchor/normalize';
import { ArticleText } from '../../src/core/tag';

// Re-attaching a big article compares each tag's text and context in place instead of slicing
// and folding copies; these hold the in-place checks to the plain comparisons they replace.

const piece = fc.constantFrom('a', 'b', ' ', '  ', '\n', '\t', '\u00a0', '\u200b', '\u00ad', '\ufeff', '“', '’', '—', '…', '...', '🚨', 'é', '"', "'", '-', '\u2028', '\ud800', '\udc00');
const text = (maxLength: number): fc.Arbitrary<string> => fc.array(piece, { maxLength }).map((parts) => parts.join(''));

describe('comparing folded text in place', () => {
  it('finds a piece at a place in folded text exactly when folding the piece and comparing would (property)', () => {
    fc.assert(fc.property(text(12), text(12), text(12), fc.nat(40), (before, raw, after, shift) => {
      const haystack = foldString(before + raw + after);
      const folded = foldString(raw);
      for (const at of [0, shift % (haystack.length + 1), haystack.indexOf(folded), haystack.length]) {
        if (at < 0) continue;
        const expected = haystack.startsWith(folded, at) ? folded.length : -1;
        assert.equal(matchFolded(raw, haystack, at), expected, `${JSON.stringify(raw)} at ${at} of ${JSON.stringify(haystack)}`);
      }
    }), { numRuns: 1500 });
  });

  it('finds a piece ending at a place, read backwards, exactly as folding and comparing would (property)', () => {
    fc.assert(fc.property(text(12), text(12), text(12), fc.nat(40), (before, raw, after, shift) => {
      const haystack = foldString(before + raw + after);
      const folded = foldString(raw);
      for (const end of [0, shift % (haystack.length + 1), haystack.indexOf(folded) + folded.length, haystack.length]) {
        if (end < 0) continue;
        const expected = end >= folded.length && haystack.slice(end - folded.length, end) === folded ? folded.length : -1;
        assert.equal(matchFoldedBefore(raw, haystack, end), expected, `${JSON.stringify(raw)} ending at ${end} of ${JSON.stringify(haystack)}`);
      }
    }), { numRuns: 1500 });
  });

  it('tells a curly-quoted tag from one with a different word at the same place', () => {
    const haystack = fold('She said “no deal” on Monday.').text;
    assert.equal(matchFolded('“no deal”', haystack, 9), 9);
    assert.equal(matchFolded('“no sale”', haystack, 9), -1);
    assert.equal(matchFoldedBefore('She said\u00a0\u00a0', haystack, 9), 9);
    assert.equal(matchFoldedBefore('He said ', haystack, 9), -1);
  });

  it('keeps a lone surrogate (text not from a UTF-8 file) as it is, and keeps the map after it', () => {
    const folded = fold('a\ud800 “b”…c\u00a0\u00a0d');
    assert.equal(folded.text, 'a\ud800 "b"...c d');
    const d = folded.text.indexOf('d');
    assert.equal(folded.startOf(d), 10);
    assert.equal(folded.unitAt(10), d);
  });
});

describe('reading the changed article in place', () => {
  const lfText = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '🚨', '“', 'é', 'xyz'), { maxLength: 60 }).map((parts) => parts.join(''));

  it('says a span holds a text, and a span has a context, exactly when slicing would (property)', () => {
    fc.assert(fc.property(lfText, fc.nat(80), fc.nat(80), fc.nat(80), fc.nat(80), (lf, a, b, c, d) => {
      const article = new ArticleText(lf);
      const view = new ArticleView(lf);
      const length = article.length;
      const start = a % (length + 1);
      const end = start + (b % (length - start + 1));
      const other = c % (length + 1);
      const otherEnd = other + (d % (length - other + 1));
      assert.equal(view.length, length);
      assert.equal(view.slice(start, end), article.slice(start, end));
      const context = article.contextOf(start, end);
      assert.equal(view.prefixOf(start), context.prefix);
      assert.equal(view.suffixOf(end), context.suffix);
      // The text and context of the same span, and of another one (mostly different).
      for (const [s, e] of [[start, end], [other, otherEnd]] as const) {
        const there = article.slice(s, e);
        const around = article.contextOf(s, e);
        assert.equal(view.holds(start, end, there), article.slice(start, end) === there);
        assert.equal(view.hasContext(start, end, around.prefix, around.suffix), context.prefix === around.prefix && context.suffix === around.suffix);
      }
    }), { numRuns: 1500 });
  });
});
