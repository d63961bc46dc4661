/**
 * Word edges. A tag an analyst drew over whole words must never come back cut into a word
 * ("ly deny…" out of "absolutely deny…"): re-attachment checks every candidate against the
 * edges the tag had when it was made.
 */

const WORD_CHAR = /^[\p{L}\p{N}\p{M}_]$/u;

export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && char !== '' && WORD_CHAR.test(char);
}

/** Whether a cut between these two characters falls inside a word. */
export function splitsWord(before: string | undefined, after: string | undefined): boolean {
  return isWordChar(before) && isWordChar(after);
}

/** Which edges of a tag, as recorded (prefix, text, suffix), fall between words (read in place, as keepsWordEdges reads them). */
export function wordEdges(prefix: string, text: string, suffix: string): { start: boolean; end: boolean } {
  return {
    start: !(isWordCodePoint(codePointEndingAt(prefix, prefix.length)) && isWordCodePoint(codePointStartingAt(text, 0))),
    end: !(isWordCodePoint(codePointEndingAt(text, text.length)) && isWordCodePoint(codePointStartingAt(suffix, 0))),
  };
}

/** Whether [start, end) of a text (UTF-16 indices) keeps the word edges a tag had. */
export function keepsWordEdges(text: string, start: number, end: number, edges: { start: boolean; end: boolean }): boolean {
  return (!edges.start || !cutsWordAt(text, start)) && (!edges.end || !cutsWordAt(text, end));
}

/**
 * Whether a cut at `at` falls inside a word: splitsWord of the character ending there and the one
 * starting there, read in place (every candidate span is checked, so no slices).
 */
function cutsWordAt(text: string, at: number): boolean {
  return isWordCodePoint(codePointEndingAt(text, at)) && isWordCodePoint(codePointStartingAt(text, at));
}

function codePointStartingAt(text: string, at: number): number {
  return at >= 0 && at < text.length ? (text.codePointAt(at) as number) : -1;
}

/** The code point that ends at `at`, -1 for none or for a low surrogate after something other than a high one. */
function codePointEndingAt(text: string, at: number): number {
  const to = Math.min(at, text.length);
  const from = Math.max(0, at - 2);
  if (to <= from) return -1;
  const last = text.charCodeAt(to - 1);
  if (last < 0xdc00 || last > 0xdfff || to - from < 2) return last;
  const high = text.charCodeAt(to - 2);
  return high >= 0xd800 && high <= 0xdbff ? (text.codePointAt(to - 2) as number) : -1;
}

function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x61 ? cp <= 0x7a : cp >= 0x41 ? cp <= 0x5a || cp === 0x5f : cp >= 0x30 && cp <= 0x39;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/**
 * The places a start (or end) inside a word could move to so it falls between words: back to
 * the word's beginning, or on past the word and the white space after it (for an end: back past
 * the word and the white space before it, or on to the word's end).
 */
export function startEdges(text: string, at: number): number[] {
  if (!splitsWord(text[at - 1], text[at])) return [at];
  let back = at;
  while (back > 0 && isWordChar(text[back - 1])) back--;
  let on = at;
  while (on < text.length && isWordChar(text[on])) on++;
  while (on < text.length && /\s/.test(text[on]!)) on++;
  return [back, on];
}

export function endEdges(text: string, at: number): number[] {
  if (!splitsWord(text[at - 1], text[at])) return [at];
  let on = at;
  while (on < text.length && isWordChar(text[on])) on++;
  let back = at;
  while (back > 0 && isWordChar(text[back - 1])) back--;
  while (back > 0 && /\s/.test(text[back - 1]!)) back--;
  return [back, on];
}
