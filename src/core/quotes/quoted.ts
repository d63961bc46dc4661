/**
 * Whether a tagged span is quoted speech: the span is in quotation marks, or sits inside a pair
 * of them, in its paragraph. Reported speech ("she said the losses were serious") is the outlet's
 * own paraphrase, so comparing its wording across outlets says nothing about the source.
 *
 * Marks are read as newsrooms print them: straight " and ', curly “ ” and ‘ ’, „ « ». A quote
 * that runs over paragraphs reopens in each one, so the scan starts at the paragraph.
 */

const OPEN_DOUBLE = new Set(['“', '„', '«']);
const CLOSE_DOUBLE = new Set(['”', '»']);
const WORDLIKE = /[\p{L}\p{M}\p{N}]/u;
const EDGE = /^[\s"“”„«»‘’'‹›]+|[\s"“”„«»‘’'‹›.,;:!?…]+$/gu;

interface State {
  double: boolean;
  single: boolean;
}

function wordy(ch: string | undefined): boolean {
  return ch !== undefined && WORDLIKE.test(ch);
}

/** Updates the state for the mark at `at`; returns which quote it closed, if any. */
function step(text: string, at: number, state: State): 'double' | 'single' | undefined {
  const ch = text[at]!;
  if (ch === '"') {
    state.double = !state.double;
    return state.double ? undefined : 'double';
  }
  if (OPEN_DOUBLE.has(ch)) state.double = true;
  else if (CLOSE_DOUBLE.has(ch)) {
    state.double = false;
    return 'double';
  } else if (ch === '‘' && !wordy(text[at - 1])) state.single = true;
  else if (ch === '’' || ch === "'") {
    // Between letters it is an apostrophe (it’s); after a letter at a word's end it closes an open quote.
    const before = text[at - 1];
    const after = text[at + 1];
    if (wordy(after) && wordy(before)) return undefined;
    if (ch === "'" && !wordy(before) && wordy(after) && !state.single) {
      state.single = true;
      return undefined;
    }
    if (state.single && !wordy(after)) {
      state.single = false;
      return 'single';
    }
  }
  return undefined;
}

/**
 * True when [start, end) (UTF-16 offsets into the LF text) is quoted speech. Quotation marks and
 * trailing punctuation at the span's edges are allowed (“We have lost cargo,”).
 */
export function isQuoted(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end);
  const lead = span.length - span.replace(/^[\s"“”„«»‘’'‹›]+/u, '').length;
  const body = span.replace(EDGE, '');
  if (body.length === 0) return false;
  const from = start + lead;
  const to = from + body.length;
  const state: State = { double: false, single: false };
  const paragraph = text.lastIndexOf('\n', from - 1) + 1;
  for (let at = paragraph; at < from; at++) step(text, at, state);
  if (!state.double && !state.single) return false;
  const inside = { ...state };
  for (let at = from; at < to; at++) {
    const closed = step(text, at, state);
    if (closed === 'double' && inside.double && !inside.single) return false;
    if (closed === 'single' && inside.single && !inside.double) return false;
    if (closed !== undefined && inside.double && inside.single && !state.double && !state.single) return false;
  }
  return true;
}
