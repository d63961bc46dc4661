/**
 * Text compared the way a reader would: typographic variants folded together, so a re-download
 * that only changed quotes, dashes, spaces or line endings still matches exactly. Every unit of
 * the folded text remembers the code-point span of the original it came from.
 *
 * The map is kept as segments rather than per unit: plain stretches map one to one (a curly
 * quote folded to a straight one included), and only the places where folding changed the length
 * (a run of spaces, a dropped invisible character, an emoji's two UTF-16 units, an ellipsis) get
 * a segment of their own. A 1 MB article has a few thousand.
 *
 * Look-ups start from the segment found last: re-attaching asks in text order, so the answer is
 * nearly always that segment or the next, and a binary search is only the fallback.
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

  /** The segment of the last look-up. */
  private cursor = 0;

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
    const lo = this.seek(this.segStart, codePoint);
    const unit = this.segUnit[lo] as number;
    const start = this.segStart[lo] as number;
    if (lo === last || codePoint <= start) return codePoint <= start ? unit : (this.segUnit[last] as number);
    if ((this.segEnd[lo] as number) >= 0) return this.segUnit[lo + 1] as number;
    return Math.min(unit + codePoint - start, this.segUnit[lo + 1] as number);
  }

  private segmentOf(unit: number): number {
    return this.seek(this.segUnit, unit);
  }

  /** The last index whose entry is at most `value` (0 when none is), in an ascending table. */
  private seek(table: Int32Array, value: number): number {
    const last = table.length - 1;
    let k = this.cursor;
    for (let step = 0; step < 4; step++) {
      if (k < last && (table[k + 1] as number) <= value) k++;
      else if (k > 0 && (table[k] as number) > value) k--;
      else return (this.cursor = k);
    }
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((table[mid] as number) <= value) lo = mid;
      else hi = mid - 1;
    }
    return (this.cursor = lo);
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

/** Growable segment table: (folded unit, original code point, end or -1) triples. */
class SegmentTable {
  unit: Int32Array = new Int32Array(256);
  start: Int32Array = new Int32Array(256);
  end: Int32Array = new Int32Array(256);
  count = 0;

  push(unit: number, start: number, end: number): void {
    if (this.count === this.unit.length) {
      this.unit = grow(this.unit);
      this.start = grow(this.start);
      this.end = grow(this.end);
    }
    this.unit[this.count] = unit;
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.count++;
  }
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The folded units are written into one buffer kept between calls (a re-attach folds a whole
 * article, and a fresh 2 MB buffer each time is garbage the next collection must sweep).
 */
let scratch: Uint16Array = new Uint16Array(0);
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

function unitsToString(units: Uint16Array, length: number, hasLoneSurrogate: boolean): string {
  // The decoder would turn a lone surrogate into U+FFFD; such text (not from a UTF-8 file) takes the slow way.
  if (!hasLoneSurrogate) return utf16.decode(units.subarray(0, length));
  const chunks: string[] = [];
  for (let i = 0; i < length; i += 4096) chunks.push(String.fromCharCode(...units.subarray(i, Math.min(length, i + 4096))));
  return chunks.join('');
}

function replacementOf(code: number): number {
  return SINGLE_QUOTES.has(code) ? 0x27 : DOUBLE_QUOTES.has(code) ? 0x22 : DASHES.has(code) ? 0x2d : -1;
}

/**
 * Folds text: curly → straight quotes, dashes → '-', any white-space run → one space, invisible
 * characters dropped, … → '...'. A character replaced by one other (a quote, a dash, a lone line
 * end) keeps the one-to-one map, so only runs, dropped characters, ellipses and non-BMP
 * characters open a segment.
 */
export function fold(text: string): FoldedText {
  const n = text.length;
  // Only an ellipsis makes the folded text longer than the original (by 2 units); grown on demand.
  if (scratch.length < n + 16) scratch = new Uint16Array(n + 16);
  let out = scratch;
  const segments = new SegmentTable();
  let length = 0; // folded units written
  let cp = 0; // original code points consumed
  let plainOpen = false;
  let hasLoneSurrogate = false;
  for (let i = 0; i < n; ) {
    const code = text.charCodeAt(i);
    // A plain loop: most characters are printable ASCII and cost one comparison.
    if (code > 0x20 && code < 0x7f) {
      if (!plainOpen) {
        segments.push(length, cp, -1);
        plainOpen = true;
      }
      // Copy the whole printable-ASCII run in a tight loop.
      const runStart = i;
      out[length++] = code;
      for (i++; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c <= 0x20 || c >= 0x7f) {
          // A single space between printable characters stays as it is, and in the run.
          if (c !== 0x20) break;
          const next = text.charCodeAt(i + 1);
          if (next <= 0x20 || next >= 0x7f) break;
        }
        out[length++] = c;
      }
      cp += i - runStart;
      continue;
    }
    if (code === 0x20 || isSpace(code) || isInvisible(code)) {
      let j = i;
      let spaced = false;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (isSpace(c)) spaced = true;
        else if (!isInvisible(c)) break;
      }
      if (j - i === 1 && spaced) {
        // One space-like character becomes one space: still one to one.
        if (!plainOpen) {
          segments.push(length, cp, -1);
          plainOpen = true;
        }
        out[length++] = 0x20;
      } else {
        if (spaced) {
          segments.push(length, cp, cp + j - i);
          out[length++] = 0x20;
        }
        plainOpen = false;
      }
      cp += j - i; // every space-like and invisible character is in the BMP
      i = j;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        // A non-BMP character: two UTF-16 units, one code point.
        segments.push(length, cp, cp + 1);
        out[length++] = code;
        out[length++] = low;
        plainOpen = false;
        i += 2;
        cp++;
        continue;
      }
      hasLoneSurrogate = true;
    }
    if (code === 0x2026) {
      if (length + 3 > out.length) out = scratch = growUnits(out, length);
      segments.push(length, cp, cp + 1);
      out[length++] = 0x2e;
      out[length++] = 0x2e;
      out[length++] = 0x2e;
      plainOpen = false;
    } else {
      if (!plainOpen) {
        segments.push(length, cp, -1);
        plainOpen = true;
      }
      const replacement = code < 0x7f ? -1 : replacementOf(code);
      out[length++] = replacement < 0 ? code : replacement;
    }
    i++;
    cp++;
  }
  segments.push(length, cp, cp);
  const count = segments.count;
  return new FoldedText(unitsToString(out, length, hasLoneSurrogate), segments.unit.slice(0, count), segments.start.slice(0, count), segments.end.slice(0, count));
}

function growUnits(units: Uint16Array, used: number): Uint16Array {
  const bigger = new Uint16Array(units.length + (units.length >> 1) + 16);
  bigger.set(units.subarray(0, used));
  return bigger;
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

/** What one UTF-16 unit of a tag's text folds to, read from either end: nothing, a space (runs fold to one), "..." or one unit. */
const FOLDS_TO_NOTHING = -1;
const FOLDS_TO_SPACE = -2;
const FOLDS_TO_ELLIPSIS = -3;

function foldedUnit(code: number): number {
  if (code > 0x20 && code < 0x7f) return code;
  if (isInvisible(code)) return FOLDS_TO_NOTHING;
  if (isSpace(code)) return FOLDS_TO_SPACE;
  if (code === 0x2026) return FOLDS_TO_ELLIPSIS;
  const replacement = code < 0x7f ? -1 : replacementOf(code);
  return replacement >= 0 ? replacement : code;
}

/**
 * Whether `haystack` holds foldString(raw) at `at`, without building it: the folded length when
 * it does, -1 when it does not. Re-attaching checks every tag's text and context this way, and
 * most of them fold to something new.
 */
export function matchFolded(raw: string, haystack: string, at: number): number {
  let k = at;
  let lastWasSpace = false;
  for (let i = 0; i < raw.length; i++) {
    let unit = foldedUnit(raw.charCodeAt(i));
    if (unit === FOLDS_TO_NOTHING) continue;
    if (unit === FOLDS_TO_SPACE) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
      unit = 0x20;
    } else lastWasSpace = false;
    if (unit === FOLDS_TO_ELLIPSIS) {
      if (haystack.charCodeAt(k) !== 0x2e || haystack.charCodeAt(k + 1) !== 0x2e || haystack.charCodeAt(k + 2) !== 0x2e) return -1;
      k += 3;
      continue;
    }
    // Past the end charCodeAt is NaN, which equals nothing.
    if (haystack.charCodeAt(k) !== unit) return -1;
    k++;
  }
  return k - at;
}

/**
 * Whether `haystack` holds foldString(raw) ending at `end`: its folded length when it does, -1
 * when it does not. Folding runs the same backwards (a run of spaces and invisible characters
 * folds to one space or to nothing whichever end it is read from), so a tag's prefix is checked
 * in one pass without knowing its folded length first.
 */
export function matchFoldedBefore(raw: string, haystack: string, end: number): number {
  let k = end;
  let lastWasSpace = false;
  for (let i = raw.length - 1; i >= 0; i--) {
    let unit = foldedUnit(raw.charCodeAt(i));
    if (unit === FOLDS_TO_NOTHING) continue;
    if (unit === FOLDS_TO_SPACE) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
      unit = 0x20;
    } else lastWasSpace = false;
    if (unit === FOLDS_TO_ELLIPSIS) {
      if (haystack.charCodeAt(k - 1) !== 0x2e || haystack.charCodeAt(k - 2) !== 0x2e || haystack.charCodeAt(k - 3) !== 0x2e) return -1;
      k -= 3;
      continue;
    }
    // Before the start charCodeAt is NaN, which equals nothing.
    if (haystack.charCodeAt(k - 1) !== unit) return -1;
    k--;
  }
  return end - k;
}

/** The folded index of the first unit that starts at or after an original code-point offset. */
export function foldedIndexOf(folded: FoldedText, codePoint: number): number {
  return folded.unitAt(codePoint);
}
