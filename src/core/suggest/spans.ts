/** Shared helpers of the rules: lexicon matching, sentences and clauses, trimming, offsets. */
import type { CategoryId } from '../codebook';
import { PUNCT, WORD, type Quote, type TextContext, type Token } from './context';
import type { Suggestion } from './types';

const END: Token = { s: Number.MAX_SAFE_INTEGER, e: Number.MAX_SAFE_INTEGER, kind: PUNCT, low: '' };

/** Token `k`, or an empty punctuation token past either end (no undefined checks in the rules). */
export function tokenAt(ctx: TextContext, k: number): Token {
  return ctx.tokens[k] ?? END;
}

/** Index of the last element of an ascending array ≤ `value` (-1 if none). */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first token starting at or after `pos`. */
export function tokenIndexAt(ctx: TextContext, pos: number): number {
  let lo = 0;
  let hi = ctx.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ctx.tokens[mid] as Token).s < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when only spaces (no line break) separate two tokens. */
export function adjacent(ctx: TextContext, a: Token, b: Token): boolean {
  if (b.s - a.e <= 1) {
    const c = ctx.text.charCodeAt(a.e);
    return b.s === a.e || c === 32 || c === 0xa0 || c === 9 || c === 0x202f;
  }
  return b.s - a.e < 8 && /^[ \t\u00a0\u202f]+$/.test(ctx.text.slice(a.e, b.s));
}

/** A rule's span before trimming: UTF-16 offsets and the reason. */
export interface Span {
  readonly s: number;
  readonly e: number;
  readonly reason: string;
}

/** A set of the whitespace-separated words of `list`. */
export function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/));
}

// Shared \p{…} patterns, as module constants: a bundler may turn such a literal into `new RegExp` at every evaluation.
export const UPPER = /\p{Lu}/u;
export const LOWER = /\p{Ll}/u;
/** A past-tense-looking word: "described", not "red". */
export const PAST_TENSE = /\p{L}{3}ed$/u;

/** True for a word token whose first letter is upper-case. */
export function isCapitalised(ctx: TextContext, t: Token): boolean {
  if (t.kind !== WORD) return false;
  const c = ctx.text.charCodeAt(t.s);
  return c < 128 ? c >= 65 && c <= 90 : UPPER.test(ctx.text[t.s] as string);
}

/** Grammatical words: they end a noun phrase and are never the noun an adjective modifies. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a an the this that these those of in on at to from by with for into onto during since after before over under across
  around against between among through per than ago and or but nor yet so as while when where which who whom whose what why
  how if had have has having was were is are be been being will would could should can may might must do did does not no
  also only just more less fewer further again very too said says each apiece it its he she they we i you his her their our
  my your there here out up down off about according including last next every today yesterday tomorrow tonight`.split(/\s+/),
);

/** Whether some span [s, e) of `spans` contains [from, to). */
export function coverage(spans: readonly { readonly s: number; readonly e: number }[]): (from: number, to: number) => boolean {
  const byStart = [...spans].sort((a, b) => a.s - b.s);
  const starts = byStart.map((sp) => sp.s);
  const reach: number[] = [];
  for (const sp of byStart) reach.push(Math.max(sp.e, reach[reach.length - 1] ?? 0));
  return (from, to) => (reach[lastAtOrBefore(starts, from)] ?? -1) >= to;
}

// ---- sentences, quotes, clauses ---------------------------------------------------------------

function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || (c > 0x1fff && /\s/.test(text[i] as string));
}

/** [start, end) of the sentence around `pos`, without the surrounding whitespace. */
export function sentenceAt(ctx: TextContext, pos: number): [number, number] {
  const starts = ctx.sentenceStarts;
  const i = Math.max(0, lastAtOrBefore(starts, pos));
  let s = starts[i] as number;
  let e = starts[i + 1] ?? ctx.text.length;
  while (s < e && isSpaceAt(ctx.text, s)) s++;
  while (e > s && isSpaceAt(ctx.text, e - 1)) e--;
  return [s, e];
}

/** The quotation whose marks enclose `pos` (marks included). */
export function quoteAt(ctx: TextContext, pos: number): Quote | undefined {
  const { quotes } = ctx;
  let lo = 0;
  let hi = quotes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((quotes[mid] as Quote).open <= pos) lo = mid + 1;
    else hi = mid;
  }
  const q = quotes[lo - 1];
  return q && pos <= q.close ? q : undefined;
}

const HARD_STOPS = new Set([';', ':', '—', '–']);

function isHardStop(ctx: TextContext, t: Token): boolean {
  if (t.kind !== PUNCT) return false;
  return HARD_STOPS.has(t.low) || (t.low === '-' && ctx.text[t.s - 1] === ' ');
}

/** "Ukraine.https": a full stop glued to a word of three or more letters starts a link, not more clause. */
function glued(ctx: TextContext, j: number): boolean {
  const t = tokenAt(ctx, j);
  const next = tokenAt(ctx, j + 1);
  return t.low === '.' && next.s === t.e && next.kind !== PUNCT && next.e - next.s >= 3;
}

/** A rule's extra clause boundary: true when token `k` must not join the clause. */
export type StopAt = (k: number) => boolean;

/**
 * End offset of the clause that begins at token `k` (the trigger ends at `from`): up to the
 * sentence end, a semicolon, colon or dash, `stop`, or `maxWords` words.
 */
export function clauseEnd(ctx: TextContext, k: number, from: number, maxWords: number, stop: StopAt): number {
  const sentenceEnd = sentenceAt(ctx, Math.max(0, from - 1))[1];
  let end = from;
  let words = 0;
  for (let j = k; j < ctx.tokens.length; j++) {
    const t = ctx.tokens[j] as Token;
    if (t.s >= sentenceEnd || isHardStop(ctx, t) || stop(j) || glued(ctx, j)) break;
    const quote = ctx.quoteByOpen.get(t.s);
    if (quote) {
      // A quotation inside the clause is taken whole: no clause boundary within it.
      if ((words += quote.words) > maxWords) break;
      end = quote.close + 1;
      j = tokenIndexAt(ctx, quote.close);
      continue;
    }
    if (t.kind !== PUNCT && ++words > maxWords) break;
    end = t.e;
  }
  return end;
}

/** Start offset of the clause that ends at token `k`: back to the sentence start or a comma. */
export function clauseStart(ctx: TextContext, k: number, maxWords: number, stop: StopAt): number {
  const first = tokenAt(ctx, k);
  const sentenceStart = sentenceAt(ctx, first.s)[0];
  let start = first.s;
  let words = 0;
  for (let j = k - 1; j >= 0; j--) {
    const t = ctx.tokens[j] as Token;
    if (t.s < sentenceStart || t.low === ',' || isHardStop(ctx, t) || stop(j)) break;
    if (t.kind !== PUNCT && ++words > maxWords) break;
    start = t.s;
  }
  return start;
}

// ---- output ---------------------------------------------------------------------------------

const LEAD_TRIM = /[\s,;:.!?)\]}–—-]/;
const TRAIL_TRIM = /[\s,;:.([–—-]/;
const QUOTE_MARK = /["“”‘’']/;

/** Drops whitespace and punctuation at the edges; a quote mark stays only with its partner. */
export function trimSpan(ctx: TextContext, start: number, end: number): [number, number] {
  const { text } = ctx;
  let s = start;
  let e = end;
  for (let changed = true; changed && s < e; ) {
    changed = false;
    while (s < e && LEAD_TRIM.test(text[s] as string)) s++;
    while (e > s && TRAIL_TRIM.test(text[e - 1] as string) && !(text[e - 1] === '.' && text[e - 3] === '.')) e--;
    if (s < e && QUOTE_MARK.test(text[s] as string)) {
      const q = ctx.quoteByOpen.get(s);
      if (!q || q.close >= e) {
        s++;
        changed = true;
      }
    }
    if (e > s && QUOTE_MARK.test(text[e - 1] as string)) {
      const q = ctx.quoteByClose.get(e - 1);
      if (!q || q.open < s) {
        e--;
        changed = true;
      }
    }
  }
  return [s, e];
}

/** A suggestion over the UTF-16 span [s, e), trimmed, in code points. */
export function makeSuggestion(
  ctx: TextContext,
  category: CategoryId,
  s: number,
  e: number,
  reason: string,
): Suggestion | undefined {
  const [ts, te] = trimSpan(ctx, s, e);
  if (ts >= te) return undefined;
  return {
    category,
    start: ctx.index.toCodePoint(ts),
    end: ctx.index.toCodePoint(te),
    text: ctx.text.slice(ts, te),
    reason,
  };
}

/** `word` in curly quotes, for reasons. */
export function q(word: string): string {
  return `“${word}”`;
}
