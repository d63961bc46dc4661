/**
 * What a figure counts: the head noun with its qualifiers ("Russian troops") and what happened
 * to them ("killed"), both brought to canonical words so that outlets' wordings meet.
 */
import { synonymIndex, type FigureVocabulary } from './vocabulary';

export interface Counted {
  /** The canonical key: head and outcome ("troops killed", "votes in favour", "civilians found"). */
  readonly counted: string;
  readonly head: string | null;
  readonly qualifiers: readonly string[];
  readonly outcome: string | null;
}

const STOP = new Set(
  'a an the and or but with had has have having been be being was were is are will would could can may might that which who whom whose to in on at by from for since after before into than as of its their his her our this these those it they there said says told while when where amid during under over another more some about nearly around'.split(' '),
);
const POSSESSIVE = new Set(['their', 'its', 'his', 'her', 'our', 'power']);
const WORD = /[\p{L}]+(?:[-'’][\p{L}]+)*|\d[\d,.]*|[,;:()—–"“”]/gu;

interface Word {
  readonly w: string;
  readonly low: string;
}

function words(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({ w: m[0], low: m[0].toLowerCase() }));
}

/** The outcome that starts at word k: one of the list's phrases ("taken prisoner", "in favour"). */
function outcomeAt(ws: readonly Word[], k: number, phrases: readonly [string[], string][]): { key: string; length: number } | undefined {
  for (const [phrase, key] of phrases) if (phrase.every((p, i) => ws[k + i]?.low === p)) return { key, length: phrase.length };
  return undefined;
}

/** The noun phrase at the start of the words, up to the first outcome word, stop word or number. */
function nounPhrase(ws: readonly Word[], phrases: readonly [string[], string][], nouns: ReadonlyMap<string, string>): Word[] {
  let k = 0;
  while (ws[k] && (ws[k]!.low === 'of' || ws[k]!.low === 'the' || ws[k]!.low === 'their' || ws[k]!.low === 'its')) k++;
  const out: Word[] = [];
  for (; k < ws.length && out.length < 4; k++) {
    const w = ws[k]!;
    if (!/^\p{L}/u.test(w.w) || STOP.has(w.low) || outcomeAt(ws, k, phrases) || /ly$/.test(w.low)) break;
    out.push(w);
    // A plural, or a noun of the list, ends the phrase.
    if (nouns.has(w.low) || /(?:men|people|children|personnel)$/.test(w.low) || (w.low.length > 3 && /s$/.test(w.low) && !/(?:ss|us|is)$/.test(w.low))) break;
  }
  return out;
}

const phraseCache = new WeakMap<object, readonly [string[], string][]>();

/** The outcome words as word sequences, longest first; built once per list. */
function outcomePhrases(vocabulary: FigureVocabulary): readonly [string[], string][] {
  const cached = phraseCache.get(vocabulary.outcomes);
  if (cached) return cached;
  const phrases = [...synonymIndex(vocabulary.outcomes)].map(([w, key]): [string[], string] => [w.split(' '), key]).sort((a, b) => b[0].length - a[0].length);
  phraseCache.set(vocabulary.outcomes, phrases);
  return phrases;
}

export interface CountedInput {
  /** Words after the number: the rest of the tag, then the rest of its sentence. */
  readonly after: string;
  /** The sentence before the tag. */
  readonly before: string;
}

export function countedThing(input: CountedInput, vocabulary: FigureVocabulary): Counted {
  const nouns = synonymIndex(vocabulary.nouns);
  const phrases = outcomePhrases(vocabulary);
  const after = words(input.after.slice(0, 120));
  let phrase = nounPhrase(after, phrases, nouns);
  let outcome: string | undefined;
  // Forward to the end of the clause: "troops had been killed", "countries abstained".
  for (let k = phrase.length; k < after.length && k < phrase.length + 6; k++) {
    if (/^[\d,;:()—–]/.test(after[k]!.w)) break;
    const o = outcomeAt(after, k, phrases);
    // "lost their homes", "found its way": a verb with an object of its own is not what happened to them.
    if (o && !POSSESSIVE.has(after[k + o.length]?.low ?? '')) {
      // Containers "lost" are not killed: that reading is kept for the listed nouns (troops, people …).
      outcome = after[k]!.low === 'lost' && phrase.length > 0 && !nouns.has(phrase.at(-1)!.low) ? 'lost' : o.key;
      break;
    }
  }
  const before = words(input.before.slice(-160));
  if (!outcome) {
    // Backward, the verb before the number: "lost 1,351 soldiers", "killing 20 people".
    for (let k = before.length - 1; k >= 0 && k >= before.length - 3; k--) {
      const o = outcomeAt(before, k, phrases);
      if (o) {
        outcome = o.key;
        break;
      }
    }
  }
  if (phrase.length === 0) {
    // "1,351 troops had been killed and 3,835 wounded": the noun of the figure before.
    for (let k = before.length - 1; k >= 0; k--) {
      if (!/^\d/.test(before[k]!.w)) continue;
      phrase = nounPhrase(before.slice(k + 1), phrases, nouns);
      break;
    }
  }
  if (phrase.length === 0 && !outcome) {
    // "estimates of Russian casualties ranged between …", "put Russian losses at …": a listed word before.
    for (let k = before.length - 1; k >= 0 && k >= before.length - 8; k--) {
      const o = outcomeAt(before, k, phrases);
      if (o) {
        outcome = o.key;
        break;
      }
      if (nouns.has(before[k]!.low)) {
        phrase = [before[k]!];
        break;
      }
    }
  }
  const headWord = phrase.at(-1)?.low ?? null;
  const head = headWord === null ? null : canonicalNoun(headWord, nouns);
  const qualifiers = phrase.slice(0, -1).map((w) => w.low);
  return { counted: [head, outcome].filter(Boolean).join(' ') || 'unknown', head, qualifiers, outcome: outcome ?? null };
}

function canonicalNoun(word: string, nouns: ReadonlyMap<string, string>): string {
  return nouns.get(word) ?? nouns.get(`${word}s`) ?? nouns.get(word.replace(/s$/, '')) ?? word;
}

/** A hand-set `counts` attribute ("evacuees", "soldiers killed") in the same canonical words. */
export function canonicalCounts(counts: string, vocabulary: FigureVocabulary): string {
  const nouns = synonymIndex(vocabulary.nouns);
  const outcomes = synonymIndex(vocabulary.outcomes);
  const low = counts.trim().toLowerCase();
  const whole = outcomes.get(low);
  if (whole) return whole;
  return low.split(/\s+/).map((w) => outcomes.get(w) ?? canonicalNoun(w, nouns)).join(' ');
}
