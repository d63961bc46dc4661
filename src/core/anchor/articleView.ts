import { CONTEXT_LENGTH } from '../tag';

/** Characters that take two UTF-16 units but count as one code point in sidecar offsets (as TextIndex counts them). */
const TWO_UNITS = /\r\n|[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * The changed article as re-attaching reads it: code-point offsets over the LF text, sliced as
 * ArticleText slices them, plus checks whether a tag's text and context are still there that
 * compare lengths before anything else and convert offsets cheaply.
 *
 * Offsets convert as in TextIndex (a count of two-unit characters before a position), but the
 * count is kept from one look-up to the next: tags come in text order, so the next position
 * asked for is nearly always a few characters from the last, and a step or two finds it.
 */
export class ArticleView {
  /** Code-point positions of the two-unit characters, ascending. */
  private readonly extraAt: Int32Array;
  private readonly extras: number;
  /** How many two-unit characters lie before the position last asked for. */
  private cursor = 0;
  readonly length: number;

  constructor(readonly lf: string) {
    let positions = new Int32Array(256);
    let count = 0;
    // test() rather than matchAll: no match object per emoji.
    TWO_UNITS.lastIndex = 0;
    while (TWO_UNITS.test(lf)) {
      if (count === positions.length) {
        const bigger = new Int32Array(count * 2);
        bigger.set(positions);
        positions = bigger;
      }
      positions[count] = TWO_UNITS.lastIndex - 2 - count;
      count++;
    }
    this.extraAt = positions;
    this.extras = count;
    this.length = lf.length - count;
  }

  /** LF code-point offset → UTF-16 offset, clamped to the text. */
  toUtf16(codePoint: number): number {
    const c = codePoint < 0 ? 0 : codePoint > this.length ? this.length : codePoint;
    return c + this.countBelow(c);
  }

  slice(start: number, end: number): string {
    return this.lf.slice(this.toUtf16(start), this.toUtf16(end));
  }

  /** The recorded prefix of a span starting here, as ArticleText.contextOf gives it. */
  prefixOf(start: number): string {
    return this.slice(Math.max(0, start - CONTEXT_LENGTH), start);
  }

  /** The recorded suffix of a span ending here, as ArticleText.contextOf gives it. */
  suffixOf(end: number): string {
    return this.slice(end, Math.min(this.length, end + CONTEXT_LENGTH));
  }

  /** Whether slice(start, end) === text, without the slice. */
  holds(start: number, end: number, text: string): boolean {
    return this.unitsHold(this.toUtf16(start), this.toUtf16(end), text);
  }

  /** Whether prefixOf(start) and suffixOf(end) are exactly these, without the slices. */
  hasContext(start: number, end: number, prefix: string, suffix: string): boolean {
    return this.unitsHold(this.toUtf16(Math.max(0, start - CONTEXT_LENGTH)), this.toUtf16(start), prefix)
      && this.unitsHold(this.toUtf16(end), this.toUtf16(Math.min(this.length, end + CONTEXT_LENGTH)), suffix);
  }

  /**
   * Whether lf.slice(from, to) === text (a reversed range slices to nothing). The lengths are
   * compared first; then a slice and ===, which V8 does faster than startsWith or a loop over
   * charCodeAt when the two match (a slice this short is a view, not a copy).
   */
  private unitsHold(from: number, to: number, text: string): boolean {
    return (to > from ? to - from : 0) === text.length && (text.length === 0 || this.lf.slice(from, to) === text);
  }

  /** The number of two-unit characters before code point c. */
  private countBelow(c: number): number {
    const at = this.extraAt;
    let k = this.cursor;
    for (let step = 0; step < 8; step++) {
      if (k > 0 && (at[k - 1] as number) >= c) k--;
      else if (k < this.extras && (at[k] as number) < c) k++;
      else return (this.cursor = k);
    }
    // A far jump (a tag found elsewhere): binary search.
    let lo = 0;
    let hi = this.extras;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((at[mid] as number) < c) lo = mid + 1;
      else hi = mid;
    }
    return (this.cursor = lo);
  }
}
