/**
 * The word or number under the caret, for tagging with an empty selection (Alt+N F with the
 * caret in "7,000" tags 7,000). A number keeps its digit-group separators and decimals — a
 * comma or point between digits, and a no-break, narrow no-break or thin space before a group of
 * three digits (1 200 in French or German typesetting; an ordinary space is not one, since "in
 * 2023 300 people" are two numbers) — and a per cent sign right after it. A word keeps the
 * apostrophes and hyphens inside it (port’s, well-known, COVID-19), not the quotation marks or
 * the sentence's punctuation around it.
 */

/** A span of the given string, in its own (UTF-16) indices, end exclusive. */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
}

const WORD = /^[\p{L}\p{M}\p{N}]$/u;
const DIGIT = /^\p{Nd}$/u;
const INNER = new Set(["'", '’', 'ʼ', '-', '‐', '‑']);
const DECIMAL = new Set([',', '.']);
const GROUP_SPACE = new Set(['\u00a0', '\u202f', '\u2009']);
const PERCENT = new Set(['%', '‰']);

/**
 * The word or number at `caret` (a UTF-16 index into `text`, typically one line): the one the
 * caret is in or touches — the one after it first — or undefined when it touches none.
 */
export function wordAt(text: string, caret: number): WordSpan | undefined {
  const chars = Array.from(text);
  const offsets: number[] = [0];
  for (const c of chars) offsets.push(offsets[offsets.length - 1]! + c.length);
  const at = offsets.findIndex((o) => o >= caret);
  if (at < 0) return undefined;
  const is = (i: number, re: RegExp): boolean => i >= 0 && i < chars.length && re.test(chars[i]!);
  const seed = is(at, WORD) ? at : is(at - 1, WORD) ? at - 1 : -1;
  if (seed < 0) return undefined;

  /** Whether chars[i] joins the word characters on either side of it. */
  const joins = (i: number): boolean => {
    const c = chars[i]!;
    if (!is(i - 1, WORD) || !is(i + 1, WORD)) return false;
    if (INNER.has(c)) return true;
    if (DECIMAL.has(c)) return is(i - 1, DIGIT) && is(i + 1, DIGIT);
    return GROUP_SPACE.has(c) && is(i - 1, DIGIT) && is(i + 1, DIGIT) && is(i + 2, DIGIT) && is(i + 3, DIGIT) && !is(i + 4, DIGIT);
  };

  let start = seed;
  while (start > 0 && (is(start - 1, WORD) || (start > 1 && joins(start - 1)))) start--;
  let end = seed + 1;
  while (end < chars.length && (is(end, WORD) || joins(end))) end++;
  if (end < chars.length && PERCENT.has(chars[end]!) && is(end - 1, DIGIT)) end++;
  return { start: offsets[start]!, end: offsets[end]! };
}
