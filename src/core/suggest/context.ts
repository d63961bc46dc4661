/**
 * What every rule needs to know about one text, computed once: tokens, sentence starts,
 * quotations and the code-point index. All positions here are UTF-16 offsets into the text;
 * only `makeSuggestion` (spans.ts) converts to code points.
 */
import { TextIndex } from '../textIndex';
import { PUNCT, isLetterAt, tokenize, type Token } from './tokens';

export { NUM, PUNCT, WORD, type Token, type TokenKind } from './tokens';

/** A quotation: `open` and `close` are the offsets of the marks themselves. */
export interface Quote {
  readonly open: number;
  readonly close: number;
  /** Words inside the marks. */
  readonly words: number;
}

export interface TextContext {
  readonly text: string;
  readonly index: TextIndex;
  readonly tokens: readonly Token[];
  /** Ascending offsets where a sentence (or paragraph) begins; always starts with 0. */
  readonly sentenceStarts: readonly number[];
  readonly quotes: readonly Quote[];
  readonly quoteByOpen: ReadonlyMap<number, Quote>;
  readonly quoteByClose: ReadonlyMap<number, Quote>;
  /** Per-text memo for the rules (lexicon matches and the like). */
  readonly memo: Map<unknown, unknown>;
}

const SENTENCE_END = /[.!?…]+["'”’)\]]*(?=\s|$)|\n/g;
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st prof gen gov sen rep lt col sgt capt maj jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc ltd co corp jr sr mt ft approx est'.split(
    ' ',
  ),
);

function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (m[0] !== '\n') {
      let k = end;
      while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === '\u00a0')) k++;
      const next = text[k];
      if (next !== undefined && next !== '\n' && next !== next.toUpperCase()) continue; // "…?” he asked"
      if (m[0] === '.') {
        let a = m.index;
        while (a > 0 && m.index - a < 12 && isLetterAt(text, a - 1)) a--;
        const word = text.slice(a, m.index);
        if (word && ((word.length === 1 && word !== word.toLowerCase()) || ABBREVIATIONS.has(word.toLowerCase()))) continue;
      }
    }
    if (end > (starts[starts.length - 1] as number)) starts.push(end);
  }
  return starts;
}

const IS_LOWER = /\p{Ll}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isAlnum = (c: string | undefined): boolean => c !== undefined && LETTER_OR_DIGIT.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const DOUBLE = '"“”';

function canOpen(text: string, i: number, ch: string): boolean {
  if (ch === '”' || ch === '’') return false;
  if (isSpace(text[i + 1])) return false;
  return ch === '“' || !isAlnum(text[i - 1]);
}

function canClose(text: string, i: number, ch: string): boolean {
  if (ch === '”') return true;
  return !isSpace(text[i - 1]) && !isAlnum(text[i + 1]);
}

/** A ’ after -s, before a lower-case word, is a plural possessive when a later mark can close. */
function isPossessive(text: string, i: number, lineEnd: number): boolean {
  if (text[i - 1] !== 's' || text[i + 1] !== ' ' || !IS_LOWER.test(text[i + 2] ?? '')) return false;
  const stop = Math.min(lineEnd, i + 400);
  for (let k = i + 1; k < stop; k++) {
    const c = text[k];
    if (c === '‘') return false;
    if ((c === '’' || c === "'") && canClose(text, k, c)) return true;
  }
  return false;
}

function findQuotes(text: string, tokens: readonly Token[]): Quote[] {
  const quotes: Quote[] = [];
  let k = 0;
  let open: { at: number; ch: string; lineEnd: number } | undefined;
  for (const m of text.matchAll(/["“”‘’']/g)) {
    const i = m.index;
    const ch = m[0];
    if (open && i > open.lineEnd) open = undefined;
    if (open) {
      const double = DOUBLE.includes(open.ch);
      if (double === DOUBLE.includes(ch) && ch !== '“' && ch !== '‘' && canClose(text, i, ch)) {
        if (!double && isPossessive(text, i, open.lineEnd)) continue;
        while (k < tokens.length && (tokens[k] as Token).s <= open.at) k++;
        let words = 0;
        for (; k < tokens.length && (tokens[k] as Token).s < i; k++) if ((tokens[k] as Token).kind !== PUNCT) words++;
        quotes.push({ open: open.at, close: i, words });
        open = undefined;
      }
      continue;
    }
    if (canOpen(text, i, ch)) {
      const nl = text.indexOf('\n', i);
      open = { at: i, ch, lineEnd: nl < 0 ? text.length : nl };
    }
  }
  return quotes;
}

let last: TextContext | undefined;

/** The context of `text`; the last one is kept, so the four rules share one per text. */
export function contextFor(text: string): TextContext {
  if (last && last.text === text) return last;
  const tokens = tokenize(text);
  const quotes = findQuotes(text, tokens);
  last = {
    text,
    index: new TextIndex(text),
    tokens,
    sentenceStarts: sentenceStarts(text),
    quotes,
    quoteByOpen: new Map(quotes.map((q) => [q.open, q])),
    quoteByClose: new Map(quotes.map((q) => [q.close, q])),
    memo: new Map(),
  };
  return last;
}
