/**
 * Text compared the way a reader would: typographic variants folded together, so a re-download
 * that only changed quotes, dashes, spaces or line endings still matches exactly. Every unit of
 * the folded text remembers the code-point span of the original it came from.
 */
export interface FoldedText {
  /** The folded text (a JS string). */
  readonly text: string;
  /** Original code-point offset where each folded unit starts; one extra entry for the end. */
  readonly starts: Int32Array;
  /** Original code-point offset where each folded unit ends. */
  readonly ends: Int32Array;
}

const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x02bc]);
const DOUBLE_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x00ab, 0x00bb]);
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]);
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]);

function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x0a || cp === 0x0d || cp === 0x09 || cp === 0x0b || cp === 0x0c || cp === 0xa0 ||
    (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000 || cp === 0x1680 || cp === 0x85;
}

/** Folds text: curly → straight quotes, dashes → '-', any white-space run → one space, invisible characters dropped, … → '...'. */
export function fold(text: string): FoldedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let cp = 0;
  let lastWasSpace = false;
  for (let i = 0; i < text.length; i++, cp++) {
    let code = text.charCodeAt(i);
    let unit = text[i] as string;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        unit = text.slice(i, i + 2);
        i++;
      }
    }
    if (INVISIBLE.has(code)) continue;
    if (isSpace(code)) {
      if (lastWasSpace) {
        ends[ends.length - 1] = cp + 1;
        continue;
      }
      lastWasSpace = true;
      emit(' ');
      continue;
    }
    lastWasSpace = false;
    if (SINGLE_QUOTES.has(code)) emit("'");
    else if (DOUBLE_QUOTES.has(code)) emit('"');
    else if (DASHES.has(code)) emit('-');
    else if (code === 0x2026) emit('...');
    else emit(unit);
  }
  starts.push(cp);
  return { text: out.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };

  function emit(s: string): void {
    out.push(s);
    for (let k = 0; k < s.length; k++) {
      starts.push(cp);
      ends.push(cp + 1);
    }
  }
}

/** Just the folded string, for comparing short pieces such as a tag's text or context. */
export function foldString(text: string): string {
  return fold(text).text;
}

/** The folded index of the first unit that starts at or after an original code-point offset. */
export function foldedIndexOf(folded: FoldedText, codePoint: number): number {
  let lo = 0;
  let hi = folded.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((folded.starts[mid] as number) < codePoint) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The original code-point span of folded units [start, end). */
export function originalSpan(folded: FoldedText, start: number, end: number): { start: number; end: number } {
  return { start: folded.starts[start] as number, end: end > start ? (folded.ends[end - 1] as number) : (folded.starts[start] as number) };
}
