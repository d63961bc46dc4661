/**
 * Text compared the way a reader would: typographic variants folded together, so a re-download
 * that only changed quotes, dashes, spaces or line endings still matches exactly. Every unit of
 * the folded text remembers the code-point span of the original it came from.
 *
 * The map is kept as segments rather than per unit: plain stretches map one to one, and only
 * the places where folding changed something (a curly quote, a run of spaces, an emoji's two
 * UTF-16 units, an ellipsis) get a segment of their own. A 1 MB article has a few thousand.
 */
export class FoldedText {
  constructor(
    readonly text: string,
    /** Folded index where each segment starts (ascending), then one entry for the end. */
    private readonly segUnit: Int32Array,
    /** Original code point where each segment starts. */
    private readonly segStart: Int32Array,
    /** For a folding segment, the original code point where all its units end; -1 for a plain one. */
    private readonly segEnd: Int32Array,
  ) {}

  /** Original code-point offset where a folded unit starts (the text length for the end). */
  startOf(unit: number): number {
    const i = this.segmentOf(unit);
    const plain = (this.segEnd[i] as number) < 0;
    return plain ? (this.segStart[i] as number) + unit - (this.segUnit[i] as number) : (this.segStart[i] as number);
  }

  /** Original code-point offset where a folded unit ends. */
  endOf(unit: number): number {
    const i = this.segmentOf(unit);
    const end = this.segEnd[i] as number;
    return end < 0 ? (this.segStart[i] as number) + unit - (this.segUnit[i] as number) + 1 : end;
  }

  /** The first folded unit that starts at or after an original code-point offset. */
  unitAt(codePoint: number): number {
    const last = this.segUnit.length - 1;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.segStart[mid] as number) <= codePoint) lo = mid;
      else hi = mid - 1;
    }
    const unit = this.segUnit[lo] as number;
    const start = this.segStart[lo] as number;
    if (lo === last || codePoint <= start) return codePoint <= start ? unit : (this.segUnit[last] as number);
    if ((this.segEnd[lo] as number) >= 0) return this.segUnit[lo + 1] as number;
    return Math.min(unit + codePoint - start, this.segUnit[lo + 1] as number);
  }

  private segmentOf(unit: number): number {
    let lo = 0;
    let hi = this.segUnit.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.segUnit[mid] as number) <= unit) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x02bc]);
const DOUBLE_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x00ab, 0x00bb]);
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]);

function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x0a || cp === 0x0d || cp === 0x09 || cp === 0x0b || cp === 0x0c || cp === 0xa0 ||
    (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000 || cp === 0x1680 || cp === 0x85;
}

function isInvisible(code: number): boolean {
  return code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060 || code === 0xfeff || code === 0x00ad;
}

/** Folds text: curly → straight quotes, dashes → '-', any white-space run → one space, invisible characters dropped, … → '...'. */
export function fold(text: string): FoldedText {
  const pieces: string[] = [];
  const segUnit: number[] = [];
  const segStart: number[] = [];
  const segEnd: number[] = [];
  const n = text.length;
  let plainFrom = 0; // UTF-16 start of the plain stretch not yet emitted
  let cp = 0; // code point at plainFrom
  let unit = 0;
  const emit = (until: number, replacement: string, codePoints: number, resumeAt: number): void => {
    if (until > plainFrom) {
      pieces.push(text.slice(plainFrom, until));
      segUnit.push(unit);
      segStart.push(cp);
      segEnd.push(-1);
      unit += until - plainFrom;
      cp += until - plainFrom;
    }
    if (replacement.length > 0) {
      pieces.push(replacement);
      segUnit.push(unit);
      segStart.push(cp);
      segEnd.push(cp + codePoints);
      unit += replacement.length;
    }
    cp += codePoints;
    plainFrom = resumeAt;
  };
  // A plain loop: most characters are printable ASCII and cost one comparison.
  for (let i = 0; i < n; ) {
    const code = text.charCodeAt(i);
    if (code > 0x20 && code < 0x7f) {
      i++;
      continue;
    }
    const blank = isSpace(code) || isInvisible(code);
    if (code === 0x20) {
      const next = text.charCodeAt(i + 1);
      if (!(isSpace(next) || isInvisible(next))) {
        i++;
        continue;
      }
    }
    if (blank) {
      let j = i;
      let spaced = false;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (isSpace(c)) spaced = true;
        else if (!isInvisible(c)) break;
      }
      emit(i, spaced ? ' ' : '', j - i, j);
      i = j;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < n && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      emit(i, text.slice(i, i + 2), 1, i + 2); // an emoji: two UTF-16 units, one code point
      i += 2;
    } else {
      const replacement = SINGLE_QUOTES.has(code) ? "'" : DOUBLE_QUOTES.has(code) ? '"' : DASHES.has(code) ? '-' : code === 0x2026 ? '...' : undefined;
      if (replacement !== undefined) emit(i, replacement, 1, i + 1);
      i++;
    }
  }
  emit(n, '', 0, n);
  segUnit.push(unit);
  segStart.push(cp);
  segEnd.push(cp);
  return new FoldedText(pieces.join(''), Int32Array.from(segUnit), Int32Array.from(segStart), Int32Array.from(segEnd));
}

const NEEDS_FOLDING = /[^\x21-\x7e ]| {2}/;

/**
 * Just the folded string, for comparing short pieces such as a tag's text or context: the same
 * result as fold(text).text (a property test holds them together), without the offset maps.
 * Unchanged runs are copied as slices; only the characters that fold are rewritten.
 */
export function foldString(text: string): string {
  if (!NEEDS_FOLDING.test(text)) return text;
  let out = '';
  let runStart = 0;
  let lastWasSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x20 && code < 0x7f) {
      lastWasSpace = false;
      continue;
    }
    if (code === 0x20 && !lastWasSpace) {
      lastWasSpace = true;
      continue;
    }
    let replacement: string | undefined;
    if (isInvisible(code)) replacement = '';
    else if (isSpace(code)) {
      replacement = lastWasSpace ? '' : ' ';
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
      if (SINGLE_QUOTES.has(code)) replacement = "'";
      else if (DOUBLE_QUOTES.has(code)) replacement = '"';
      else if (DASHES.has(code)) replacement = '-';
      else if (code === 0x2026) replacement = '...';
    }
    if (replacement === undefined) continue;
    out += text.slice(runStart, i) + replacement;
    runStart = i + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

/** The folded index of the first unit that starts at or after an original code-point offset. */
export function foldedIndexOf(folded: FoldedText, codePoint: number): number {
  return folded.unitAt(codePoint);
}

/** The original code-point span of folded units [start, end). */
export function originalSpan(folded: FoldedText, start: number, end: number): { start: number; end: number } {
  return { start: folded.startOf(start), end: end > start ? folded.endOf(end - 1) : folded.startOf(start) };
}
