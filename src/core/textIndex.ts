/**
 * The one place that knows how sidecar offsets relate to editor offsets.
 *
 * Sidecar offsets count Unicode code points over the article text with CRLF turned into LF
 * ("LF code points"). Editors (VS Code, browsers) count UTF-16 code units over the raw text,
 * where a CRLF is two units and a non-BMP character (emoji) is two units. Every code point of
 * the LF text that takes two units in the raw text is an "extra"; the conversions below are
 * a count of extras before a position, found by binary search.
 */
const TWO_UNITS = /\r\n|[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export class TextIndex {
  /** LF-code-point positions of characters that occupy two UTF-16 units in the raw text. */
  private readonly extraAt: number[] = [];
  /** Raw UTF-16 positions of the first unit of those same characters. */
  private readonly extraUtf16: number[] = [];
  /** Length of the LF text in code points. */
  readonly length: number;
  readonly rawLength: number;

  constructor(readonly raw: string) {
    // A native regex scan finds the two-unit characters; plain text in between costs nothing.
    let extras = 0;
    for (const match of raw.matchAll(TWO_UNITS)) {
      const at = match.index;
      this.extraAt.push(at - extras);
      this.extraUtf16.push(at);
      extras++;
    }
    this.length = raw.length - extras;
    this.rawLength = raw.length;
  }

  /** LF code-point offset → raw UTF-16 offset. Clamped to the text. */
  toUtf16(codePoint: number): number {
    const c = clamp(codePoint, 0, this.length);
    return c + countBelow(this.extraAt, c);
  }

  /**
   * Raw UTF-16 offset → LF code-point offset. An offset inside a CRLF or a surrogate pair
   * rounds down to the start of that character.
   */
  toCodePoint(utf16: number): number {
    const u = clamp(utf16, 0, this.rawLength);
    return u - countBelow(this.extraUtf16, u);
  }
}

/** The text as the sidecar sees it: CRLF → LF. */
export function toLf(raw: string): string {
  return raw.includes('\r\n') ? raw.replace(/\r\n/g, '\n') : raw;
}

/** Code-point length of a string once CRLF is turned into LF. */
export function lfCodePointLength(raw: string): number {
  return new TextIndex(raw).length;
}

/** Slices by LF code points, the sidecar's unit. */
export function sliceCodePoints(lfText: string, start: number, end: number): string {
  const index = new TextIndex(lfText);
  return lfText.slice(index.toUtf16(start), index.toUtf16(end));
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}

/** Number of elements of the ascending array strictly below `value`. */
function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
