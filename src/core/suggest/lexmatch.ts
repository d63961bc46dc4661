/** Lexicon matching: whole tokens, case-insensitive, entries of several words; one pass for all lists. */
import type { TextContext } from './context';
import { WORD, tokenize, type Token } from './tokens';
import { LEXICON_KEYS } from './lexicons';
import { adjacent, lastAtOrBefore, quoteAt, tokenAt } from './spans';
import type { Lexicons } from './types';

export interface LexMatch {
  /** First token and the token after the last. */
  readonly ti: number;
  readonly tj: number;
  readonly s: number;
  readonly e: number;
  /** The entry as matched in the text. */
  readonly text: string;
}

interface Entry {
  /** Index of the list in LEXICON_KEYS. */
  readonly list: number;
  readonly seq: readonly string[];
}

const compiled = new WeakMap<Lexicons, Map<string, Entry[]>>();

/** Every list's entries as token sequences, keyed by their first token, longest first; once per lexicon set. */
function compile(lexicons: Lexicons): Map<string, Entry[]> {
  const cached = compiled.get(lexicons);
  if (cached) return cached;
  const byFirst = new Map<string, Entry[]>();
  LEXICON_KEYS.forEach((key, list) => {
    for (const entry of lexicons[key]) {
      const seq = tokenize(entry).map((t) => t.low);
      const first = seq[0];
      if (first === undefined) continue;
      const entries = byFirst.get(first) ?? [];
      entries.push({ list, seq });
      byFirst.set(first, entries);
    }
  });
  for (const entries of byFirst.values()) entries.sort((x, y) => y.seq.length - x.seq.length);
  compiled.set(lexicons, byFirst);
  return byFirst;
}

/** One pass over the tokens for every list: the longest entry wins; a list's matches never overlap. */
function matchEvery(ctx: TextContext, lexicons: Lexicons): LexMatch[][] {
  const byFirst = compile(lexicons);
  const out: LexMatch[][] = LEXICON_KEYS.map(() => []);
  const free: number[] = LEXICON_KEYS.map(() => 0);
  const { tokens, text } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const entries = byFirst.get(t.low);
    if (!entries) {
      // "the regime’s": a one-word entry with a possessive ending, matched without the ’s.
      if (t.kind !== WORD || !t.low.endsWith("'s")) continue;
      for (const { list, seq } of byFirst.get(t.low.slice(0, -2)) ?? []) {
        if (seq.length === 1) out[list]?.push({ ti: i, tj: i + 1, s: t.s, e: t.e - 2, text: text.slice(t.s, t.e - 2) });
      }
      continue;
    }
    for (const { list, seq } of entries) {
      if (i < (free[list] as number)) continue;
      let ok = true;
      for (let j = 1; j < seq.length && ok; j++) {
        const u = tokenAt(ctx, i + j);
        ok = u.low === seq[j] && adjacent(ctx, tokenAt(ctx, i + j - 1), u);
      }
      if (!ok) continue;
      const e = tokenAt(ctx, i + seq.length - 1).e;
      out[list]?.push({ ti: i, tj: i + seq.length, s: t.s, e, text: text.slice(t.s, e) });
      free[list] = i + seq.length;
    }
  }
  return out;
}

/** Every occurrence of an entry of one list (case-insensitive, whole tokens), in text order. */
export function lexMatches(ctx: TextContext, lexicons: Lexicons, key: keyof Lexicons): readonly LexMatch[] {
  let all = ctx.memo.get(lexicons) as LexMatch[][] | undefined;
  if (!all) {
    all = matchEvery(ctx, lexicons);
    ctx.memo.set(lexicons, all);
  }
  return all[LEXICON_KEYS.indexOf(key)] ?? [];
}

const firstSets = new WeakMap<readonly string[], Set<string>>();
const singleSets = new WeakMap<readonly string[], Set<string>>();

function indexWords(words: readonly string[]): void {
  const first = new Set<string>();
  const single = new Set<string>();
  for (const entry of words) {
    const seq = tokenize(entry);
    if (seq[0]) first.add(seq[0].low);
    if (seq.length === 1 && seq[0]) single.add(seq[0].low);
  }
  firstSets.set(words, first);
  singleSets.set(words, single);
}

/** The first words of a list's entries, lower-cased ("can this token start an entry?"). */
export function firstWords(words: readonly string[]): ReadonlySet<string> {
  if (!firstSets.has(words)) indexWords(words);
  return firstSets.get(words) as Set<string>;
}

/** The one-word entries of a list, lower-cased. */
export function singleWords(words: readonly string[]): ReadonlySet<string> {
  if (!singleSets.has(words)) indexWords(words);
  return singleSets.get(words) as Set<string>;
}

/** A lookup of the first match in [from, to). */
export type Finder = (from: number, to: number) => LexMatch | undefined;

/** The first of `matches` (in text order) that starts in [from, to). */
export function finder(matches: readonly LexMatch[]): Finder {
  const starts = matches.map((m) => m.s);
  return (from, to) => {
    const m = matches[lastAtOrBefore(starts, from - 1) + 1];
    return m && m.s < to ? m : undefined;
  };
}

/** Matches outside quotations (the writer's words, not a source's), and their finder. */
export function outsideQuotes(ctx: TextContext, lexicons: Lexicons, key: keyof Lexicons): { matches: LexMatch[]; find: Finder } {
  const matches = lexMatches(ctx, lexicons, key).filter((m) => !quoteAt(ctx, m.s));
  return { matches, find: finder(matches) };
}
