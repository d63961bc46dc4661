import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextIndex, sliceCodePoints, toLf } from '../../src/core/textIndex';

/** Reference: code points of the LF text, as Python would index it. */
function pythonSlice(raw: string, start: number, end: number): string {
  return Array.from(toLf(raw)).slice(start, end).join('');
}

describe('TextIndex: sidecar offsets (LF code points) ↔ editor offsets (UTF-16, CRLF)', () => {
  it('counts a CRLF as one code point and maps back to the raw offsets', () => {
    const raw = 'ab\r\ncd\r\nef';
    const index = new TextIndex(raw);
    assert.equal(index.length, 8); // "ab\ncd\nef"
    assert.equal(index.toUtf16(3), 4); // "c" sits after "ab\r\n"
    assert.equal(index.toCodePoint(4), 3);
    assert.equal(raw.slice(index.toUtf16(3), index.toUtf16(5)), 'cd');
  });

  it('counts a non-BMP emoji as one code point but two UTF-16 units', () => {
    const raw = '🚨 Alert: 2,417 evacuees';
    const index = new TextIndex(raw);
    const start = Array.from(raw).indexOf('2');
    assert.equal(start, 9);
    assert.equal(index.toUtf16(start), 10);
    assert.equal(raw.slice(index.toUtf16(start), index.toUtf16(start + 5)), '2,417');
  });

  it('treats U+00A0 and combining marks as ordinary single code points', () => {
    const raw = 'Jose\u0301 said 65\u00a0million';
    const index = new TextIndex(raw);
    assert.equal(index.length, raw.length);
    assert.equal(sliceCodePoints(raw, 4, 5), '\u0301');
    assert.equal(pythonSlice(raw, 11, 21), '65\u00a0million');
  });

  it('rounds an offset inside a CRLF or a surrogate pair down to the character start', () => {
    const index = new TextIndex('a\r\nb😀c');
    assert.equal(index.toCodePoint(2), 1); // between \r and \n
    assert.equal(index.toCodePoint(5), 3); // between the surrogates of 😀
  });

  it('clamps offsets outside the text', () => {
    const index = new TextIndex('abc');
    assert.equal(index.toUtf16(99), 3);
    assert.equal(index.toCodePoint(-5), 0);
  });

  it('agrees with code-point slicing for any text and any span (property)', () => {
    const piece = fc.constantFrom('a', ' ', '\n', '\r\n', '\u00a0', '😀', 'é', 'e\u0301', '’', '\t', '𝔸');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.nat(), fc.nat(), (parts, x, y) => {
        const raw = parts.join('');
        const index = new TextIndex(raw);
        const n = index.length;
        const a = n === 0 ? 0 : x % (n + 1);
        const b = n === 0 ? 0 : y % (n + 1);
        const [s, e] = a <= b ? [a, b] : [b, a];
        assert.equal(toLf(raw.slice(index.toUtf16(s), index.toUtf16(e))), pythonSlice(raw, s, e));
        assert.equal(index.toCodePoint(index.toUtf16(s)), s);
      }),
      { numRuns: 500 },
    );
  });
});
