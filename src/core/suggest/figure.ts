/**
 * Figures: a number (digits, written, percentage, money), with an approximation or range
 * around it and the noun phrase it counts. Which number tokens qualify: numbers.ts.
 */
import { NUM, WORD, contextFor, type TextContext, type Token } from './context';
import { firstWords, lexMatches } from './lexmatch';
import {
  APPROX, CURRENCY, DETS, EVENT_NOUNS, FRACTIONS, OF_OK, RANGE_ONLY, SCALES, SMALL, TIME_UNITS, WEEKDAYS, isMonth, numberKind,
} from './numbers';
import { FUNCTION_WORDS, adjacent, isCapitalised, makeSuggestion, tokenAt } from './spans';
import type { Lexicons, Suggester, Suggestion } from './types';

interface Quantity {
  readonly ti: number;
  readonly tj: number;
  readonly digits: boolean;
  readonly year: boolean;
  /** One small written number ("two") or "one": needs a counted noun to be a figure. */
  readonly small: boolean;
  readonly lone: boolean;
}

/** The written-number words of the text: token index → index after the entry. */
interface NumberWords {
  readonly at: ReadonlyMap<number, number>;
  readonly singles: ReadonlySet<string>;
}

/** End of a written number starting at token j ("four", "a third", "twenty-five"), if any. */
function wordEnd(ctx: TextContext, words: NumberWords, j: number): number | undefined {
  const listed = words.at.get(j);
  if (listed !== undefined) return listed;
  const w = tokenAt(ctx, j);
  if (w.kind !== WORD || !w.low.includes('-')) return undefined;
  for (const part of w.low.split('-')) if (!words.singles.has(part) && !FRACTIONS.has(part)) return undefined;
  return j + 1;
}

function quantity(ctx: TextContext, k: number, words: NumberWords): Quantity | undefined {
  const t = tokenAt(ctx, k);
  let ti = k;
  let tj: number;
  let year = false;
  if (t.kind === NUM) {
    const kind = numberKind(ctx, k);
    if (!kind) return undefined;
    year = kind === 'year';
    tj = k + 1;
    const prev = tokenAt(ctx, k - 1);
    if (CURRENCY.has(prev.low) && prev.e === t.s) ti = k - 1;
  } else {
    const end = wordEnd(ctx, words, k);
    if (end === undefined) return undefined;
    tj = end;
    const prev = tokenAt(ctx, k - 1);
    if ((prev.low === 'a' || prev.low === 'an') && (SCALES.has(t.low) || FRACTIONS.has(t.low)) && adjacent(ctx, prev, t)) ti = k - 1;
  }
  for (;;) {
    const u = tokenAt(ctx, tj);
    const before = tokenAt(ctx, tj - 1);
    if (!adjacent(ctx, before, u)) break;
    const end = wordEnd(ctx, words, tj);
    if (end !== undefined && (t.kind !== NUM || SCALES.has(u.low))) {
      tj = end;
      continue;
    }
    const v = tokenAt(ctx, tj + 1);
    const joins =
      (u.low === 'and' && /^(hundred|thousand|million|billion)$/.test(before.low) && SMALL.has(v.low)) ||
      (u.low === 'of' && OF_OK.has(before.low) && SCALES.has(v.low) && !FRACTIONS.has(before.low));
    const vEnd = joins && adjacent(ctx, u, v) ? wordEnd(ctx, words, tj + 1) : undefined;
    if (vEnd === undefined) break;
    tj = vEnd;
  }
  const single = tj - k === 1 && t.kind === WORD;
  return {
    ti,
    tj,
    digits: t.kind === NUM,
    year,
    small: single && (SMALL.has(t.low) || t.low.includes('-')),
    lone: single && !SCALES.has(t.low),
  };
}

/** After the number: %, percent, per cent, percentage points. */
function unitEnd(ctx: TextContext, tj: number): number {
  const t = tokenAt(ctx, tj);
  const prev = tokenAt(ctx, tj - 1);
  if (t.low === '%' && t.s === prev.e) return tj + 1;
  if (!adjacent(ctx, prev, t)) return tj;
  if (t.low === 'percent' || t.low === 'pc') return tokenAt(ctx, tj + 1).low === 'points' ? tj + 2 : tj + 1;
  if (t.low === 'percentage' && tokenAt(ctx, tj + 1).low === 'points') return tj + 2;
  if (t.low === 'per' && tokenAt(ctx, tj + 1).low === 'cent') return tj + 2;
  return tj;
}

function approxBefore(ctx: TextContext, ti: number): { ti: number; phrase: string } | undefined {
  for (const seq of APPROX) {
    const from = ti - seq.length;
    let m = 0;
    while (m < seq.length && tokenAt(ctx, from + m).low === seq[m] && adjacent(ctx, tokenAt(ctx, from + m), tokenAt(ctx, from + m + 1))) m++;
    if (m === seq.length) return { ti: from, phrase: seq.join(' ') };
  }
  return undefined;
}

const isPluralHead = (ctx: TextContext, t: Token): boolean =>
  t.low.length > 3 && /s$/.test(t.low) && !/(?:ss|us|is|'s)$/.test(t.low) && t.low !== 'news' &&
  ctx.text.slice(t.s, t.e) !== t.low.toUpperCase();

/** The counted noun phrase from token k; returns the token after it (k when there is none). */
function nounEnd(ctx: TextContext, k: number, allowOf: boolean, maxWords: number, lowerOnly: boolean): number {
  let j = k;
  if (allowOf && tokenAt(ctx, j).low === 'of' && adjacent(ctx, tokenAt(ctx, j - 1), tokenAt(ctx, j))) {
    j++;
    if (DETS.has(tokenAt(ctx, j).low)) j++;
  }
  let words = 0;
  let sawLower = false;
  while (words < maxWords) {
    const t = tokenAt(ctx, j);
    if (t.kind !== WORD || !adjacent(ctx, tokenAt(ctx, j - 1), t) || FUNCTION_WORDS.has(t.low) || isMonth(ctx, t) || WEEKDAYS.has(t.low)) break;
    if (/ly$/.test(t.low) || (words > 0 && /ed$/.test(t.low))) break;
    const capital = isCapitalised(ctx, t);
    if (capital && (sawLower || lowerOnly)) break;
    sawLower ||= !capital;
    j++;
    words++;
    if (TIME_UNITS.has(t.low) || isPluralHead(ctx, t)) break;
  }
  return words === 0 ? k : j;
}

interface Figure {
  readonly s: number;
  readonly e: number;
  readonly next: number;
  readonly reason?: string;
}

function figureAt(ctx: TextContext, k: number, words: NumberWords): Figure | undefined {
  const first = quantity(ctx, k, words);
  if (!first) return undefined;
  let end = unitEnd(ctx, first.tj);
  const percent = end > first.tj;
  let approx = approxBefore(ctx, first.ti);
  let range = false;
  const c = tokenAt(ctx, end);
  const tight = c.s === tokenAt(ctx, end - 1).e && tokenAt(ctx, end + 1).s === c.e;
  const between = approx !== undefined && RANGE_ONLY.has(approx.phrase.split(' ').pop() ?? '');
  const connector = c.low === 'to' || c.low === 'or' || c.low === '–' || (c.low === '-' && tight) || (c.low === 'and' && between);
  if (connector && (c.low === '-' || adjacent(ctx, tokenAt(ctx, end - 1), c))) {
    const second = quantity(ctx, end + 1, words);
    if (second && second.digits === first.digits && !second.year && (c.low === '-' || adjacent(ctx, c, tokenAt(ctx, end + 1)))) {
      end = unitEnd(ctx, second.tj);
      range = true;
    }
  }
  if (between && !range) approx = undefined;
  // "47-member council": a number fused to a word.
  const dash = tokenAt(ctx, end);
  const fused = first.digits && !range && dash.low === '-' && tight && tokenAt(ctx, end + 1).kind === WORD;
  if (fused) end += 2;
  const last = tokenAt(ctx, end - 1).low;
  const noun = fused ? nounEnd(ctx, end, false, 2, true) : nounEnd(ctx, end, percent || OF_OK.has(last), 4, false);
  const head = tokenAt(ctx, noun - 1);
  const skip = { s: 0, e: 0, next: first.tj };
  if (!range && !approx) {
    if (first.small && (noun === end || TIME_UNITS.has(tokenAt(ctx, end).low))) return skip;
    if (first.lone && noun === end && !first.digits) return skip;
    if (first.year && (noun === end || !isPluralHead(ctx, head) || EVENT_NOUNS.has(head.low))) return skip;
  }
  if (first.lone && tokenAt(ctx, k).low === 'one' && !range) return skip;
  const money = CURRENCY.has(tokenAt(ctx, first.ti).low);
  const kind = range ? 'range' : percent ? 'percentage' : money ? 'amount of money' : first.digits ? 'number' : 'written number';
  const reason = `${approx ? `${kind} qualified by “${approx.phrase}”` : kind}${noun > end ? ' with the counted noun' : ''}`;
  return { s: tokenAt(ctx, approx?.ti ?? first.ti).s, e: tokenAt(ctx, noun - 1).e, next: noun, reason };
}

export const figureSuggester: Suggester = {
  category: 'figure',
  suggest(text: string, lexicons: Lexicons): Suggestion[] {
    const ctx = contextFor(text);
    const at = new Map<number, number>();
    for (const m of lexMatches(ctx, lexicons, 'numberWords')) at.set(m.ti, m.tj);
    const words: NumberWords = { at, singles: firstWords(lexicons.numberWords) };
    const out: Suggestion[] = [];
    for (let k = 0; k < ctx.tokens.length; ) {
      const t = ctx.tokens[k] as Token;
      const candidate = t.kind === NUM || (t.kind === WORD && wordEnd(ctx, words, k) !== undefined);
      const f = candidate ? figureAt(ctx, k, words) : undefined;
      if (!f) {
        k++;
        continue;
      }
      const s = f.reason === undefined ? undefined : makeSuggestion(ctx, 'figure', f.s, f.e, f.reason);
      if (s) out.push(s);
      k = Math.max(k + 1, f.next);
    }
    return out;
  },
};
