import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ArticleView } from '../../src/core/anchor/articleView';
import { Claims } from '../../src/core/anchor/claims';
import { fold, foldString, matchFolded, matchFoldedBefore } from '../../src/core/anchor/normalize';
import { editDistance } from '../../src/core/anchor/similarity';
import { keepsWordEdges, wordEdges } from '../../src/core/anchor/words';
import { ArticleText, type Tag } from '../../src/core/tag';

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

  it('maps units and offsets the same whatever order they are asked in (property)', () => {
    fc.assert(fc.property(text(40), fc.array(fc.nat(200), { maxLength: 40 }), (raw, order) => {
      const inOrder = fold(raw);
      const units = Array.from({ length: inOrder.text.length + 1 }, (_, u) => u);
      const starts = units.map((u) => inOrder.startOf(u));
      const ends = units.slice(0, -1).map((u) => inOrder.endOf(u));
      const codePoints = Array.from({ length: Array.from(raw).length + 1 }, (_, c) => c);
      const unitsAt = codePoints.map((c) => inOrder.unitAt(c));
      const jumping = fold(raw);
      for (const n of order) {
        const u = n % units.length;
        assert.equal(jumping.startOf(u), starts[u]);
        if (u < ends.length) assert.equal(jumping.endOf(u), ends[u]);
        const c = n % codePoints.length;
        assert.equal(jumping.unitAt(c), unitsAt[c]);
      }
    }), { numRuns: 500 });
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
  // CRLF is counted as TextIndex counts it, should one reach re-attaching; long enough for far jumps.
  const lfText = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '🚨', '🚨🚨', '“', 'é', 'xyz'), { maxLength: 120 }).map((parts) => parts.join(''));

  it('says a span holds a text, and a span has a context, exactly when slicing would (property)', () => {
    fc.assert(fc.property(lfText, fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300), (lf, a, b, c, d) => {
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

describe('edit distance with rows kept between calls', () => {
  /** The textbook table, fresh each time. */
  function reference(a: string, b: string): number {
    const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        rows[i]![j] = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
    }
    return rows[a.length]![b.length]!;
  }

  it('gives the textbook distance, for short strings (one machine word) and long ones, whatever the calls before (property)', () => {
    const word = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '\uffff', '🚨'), maxLength: 34 }),
      fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 90 }),
    );
    fc.assert(fc.property(fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 4 }), (pairs) => {
      for (const [a, b] of pairs) assert.equal(editDistance(a, b), reference(a, b), `${a} / ${b}`);
    }), { numRuns: 2000 });
  });
});

describe('claims kept in order of position', () => {
  const tagOf = (text: string, category: 'claim' | 'denial', start: number, end: number): Tag => ({ id: `${start}-${end}`, category, start, end, text, prefix: '', suffix: '' });

  it('refuses exactly the spans a plain list of claims refuses, whatever order they come in (property)', () => {
    const span = fc.tuple(fc.nat(60), fc.nat(25)).map(([start, length]) => [start, start + length] as const);
    const claim = fc.record({ text: fc.constantFrom('a', 'b'), category: fc.constantFrom('claim' as const, 'denial' as const), origin: span, placed: span });
    fc.assert(fc.property(fc.array(claim, { maxLength: 30 }), fc.array(fc.tuple(claim, span), { maxLength: 30 }), (added, asked) => {
      const claims = new Claims();
      const plain: { tag: Tag; start: number; end: number }[] = [];
      for (const c of added) {
        const tag = tagOf(c.text, c.category, c.origin[0], c.origin[1]);
        claims.add(c.placed[0], c.placed[1], tag);
        plain.push({ tag, start: c.placed[0], end: c.placed[1] });
      }
      for (const [c, [start, end]] of asked) {
        const tag = tagOf(c.text, c.category, c.origin[0], c.origin[1]);
        const expected = plain.every((p) => p.tag.text !== tag.text || p.tag.category !== tag.category || (p.tag.start === tag.start && p.tag.end === tag.end) || p.end <= start || p.start >= end);
        assert.equal(claims.isFree(start, end, tag), expected);
      }
    }), { numRuns: 1000 });
  });
});

describe('word edges read in place', () => {
  /** The plain reading: the last character of one string and the first of the next, tested as whole characters. */
  const isWord = (char: string | undefined): boolean => char !== undefined && /^[\p{L}\p{N}\p{M}_]$/u.test(char);
  const last = (s: string): string | undefined => (s.length === 0 ? undefined : /[\uDC00-\uDFFF]$/.test(s) && s.length > 1 ? s.slice(-2) : s.slice(-1));
  const first = (s: string): string | undefined => (s.length === 0 ? undefined : String.fromCodePoint(s.codePointAt(0)!));

  it('says which edges of a tag fall between words, and which cuts split one, as the characters either side say (property)', () => {
    const part = fc.array(fc.constantFrom('a', 'Z', '_', '7', ' ', '-', '“', 'é', 'e\u0301', '🚨', '𝐀', '\ud800', '\udc00', 'ß', '\u0660'), { maxLength: 3 }).map((p) => p.join(''));
    fc.assert(fc.property(part, part, part, (prefix, text, suffix) => {
      const edges = wordEdges(prefix, text, suffix);
      assert.equal(edges.start, !(isWord(last(prefix)) && isWord(first(text))));
      assert.equal(edges.end, !(isWord(last(text)) && isWord(first(suffix))));
      const joined = prefix + text + suffix;
      for (let at = 0; at <= joined.length; at++) {
        const cut = isWord(last(joined.slice(Math.max(0, at - 2), at))) && isWord(first(joined.slice(at, at + 2)));
        assert.equal(keepsWordEdges(joined, at, at, { start: true, end: false }), !cut, `${JSON.stringify(joined)} at ${at}`);
      }
    }), { numRuns: 3000 });
  });
});
