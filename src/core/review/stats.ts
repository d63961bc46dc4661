import { CATEGORIES, CATEGORY_IDS, type CategoryId } from '../codebook';
import type { Tag } from '../tag';
import { reviewStates, type ReviewState } from './filter';

export interface TagStats {
  readonly articles: number;
  readonly tags: number;
  readonly words: number;
  readonly byCategory: Record<CategoryId, number>;
  readonly byState: Record<ReviewState, number>;
  /** Tags per `category:sub-label` (codebook), for the tags that have one. */
  readonly bySubLabel: Record<string, number>;
  /** Tags per 1,000 words of article text (0 when the words are unknown). */
  readonly perThousandWords: number;
}

/**
 * Words as a reader counts them: runs of letters or digits (\p{L}, \p{N}), with inner
 * apostrophes, hyphens and separators (’ ' - . ,): the matches of the Unicode regex
 * `[\p{L}\p{N}]+(?:[’'\-.,][\p{L}\p{N}]+)*`. Counted over code units with a table instead: the
 * regex's matches were a tenth of a corpus's `stats`.
 */
export function countWords(text: string): number {
  const length = text.length;
  let words = 0;
  let state = OUTSIDE;
  // Branch-free but for the rare units the table does not settle: a branch per unit on the state
  // was mispredicted at each word's edges, and made the count over twice as slow.
  for (let at = 0; at < length; at++) {
    let kind = UNIT_KINDS[text.charCodeAt(at)]!;
    if (kind > JOINER) {
      if (kind === UNKNOWN) kind = classifyUnit(text, at);
      else if (astralLetterAt(text, at)) {
        kind = LETTER_OR_NUMBER;
        at++;
      } else kind = NEITHER;
    }
    const step = state | kind;
    words += STARTS_WORD[step]!;
    state = NEXT_STATE[step]!;
  }
  return words;
}

// The states, as multiples of 4 so that `state | kind` indexes the tables below.
const OUTSIDE = 0;
const IN_WORD = 4;
/** A joiner right after a word: it joins only if a letter follows. */
const AFTER_JOINER = 8;

const NEITHER = 0;
const LETTER_OR_NUMBER = 1;
/** ’ ' - . , : inside a word when a letter or number follows. */
const JOINER = 2;
const UNKNOWN = 3;
/** The first half of a surrogate pair: the pair is looked at whole. */
const HIGH_SURROGATE = 4;

/** For `state | kind`: whether the unit starts a word, and the state after it. */
const STARTS_WORD = new Uint8Array(12);
const NEXT_STATE = new Uint8Array(12);
for (const state of [OUTSIDE, IN_WORD, AFTER_JOINER]) {
  STARTS_WORD[state | LETTER_OR_NUMBER] = state === OUTSIDE ? 1 : 0;
  NEXT_STATE[state | LETTER_OR_NUMBER] = IN_WORD;
  NEXT_STATE[state | JOINER] = state === IN_WORD ? AFTER_JOINER : OUTSIDE;
  NEXT_STATE[state | NEITHER] = OUTSIDE;
}

/**
 * Each BMP code unit's kind, worked out by the regex the first time the unit is seen: an article
 * has a few hundred distinct characters, and classifying all 65,536 up front took 15 ms.
 */
const UNIT_KINDS = new Uint8Array(0x10000).fill(UNKNOWN);
for (const joiner of '’\'-.,') UNIT_KINDS[joiner.charCodeAt(0)] = JOINER;
for (let unit = 0xd800; unit <= 0xdfff; unit++) UNIT_KINDS[unit] = unit <= 0xdbff ? HIGH_SURROGATE : NEITHER;
/** Astral code points seen so far, as letters or numbers or not. */
const astralKinds = new Map<number, boolean>();
const LETTER_OR_NUMBER_ALONE = /^[\p{L}\p{N}]$/u;

function classifyUnit(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  return (UNIT_KINDS[unit] = LETTER_OR_NUMBER_ALONE.test(text[at]!) ? LETTER_OR_NUMBER : NEITHER);
}

/** Whether a surrogate pair starting at `at` is a letter or number. */
function astralLetterAt(text: string, at: number): boolean {
  const low = text.charCodeAt(at + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
  const point = (text.charCodeAt(at) - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  let word = astralKinds.get(point);
  if (word === undefined) astralKinds.set(point, (word = LETTER_OR_NUMBER_ALONE.test(String.fromCodePoint(point))));
  return word;
}

/** What counting a tag reads of it: enough for the stats, kept small in the parse cache. */
export type CountedTag = Pick<Tag, 'category' | 'label' | 'status' | 'review' | 'start' | 'end'>;

/** How stats and profiles name a sub-label: `framing:Loaded_Language`. */
export function subLabelKey(tag: Pick<Tag, 'category' | 'label'>): string | undefined {
  return tag.label === undefined ? undefined : `${tag.category}:${tag.label}`;
}

/** A `category:sub-label` key as people read it: `Editorial framing › Loaded_Language`. */
export function subLabelTitle(key: string): string {
  const at = key.indexOf(':');
  const category = key.slice(0, at);
  return `${CATEGORIES.find((c) => c.id === category)?.label ?? category} › ${key.slice(at + 1)}`;
}

/** A count of 0 for each category, in the categories' order (a loop: Object.fromEntries showed over thousands of outlets). */
export function zeroCategoryCounts(): Record<CategoryId, number> {
  const counts = {} as Record<CategoryId, number>;
  for (const c of CATEGORY_IDS) counts[c] = 0;
  return counts;
}

export function statsOf(articles: readonly { readonly tags: readonly CountedTag[]; readonly words?: number }[]): TagStats {
  const byCategory = zeroCategoryCounts();
  const byState: Record<ReviewState, number> = { unreviewed: 0, confirmed: 0, disputed: 0, 'needs-review': 0, orphaned: 0 };
  const bySubLabel: Record<string, number> = {};
  let tags = 0;
  let words = 0;
  for (const article of articles) {
    words += article.words ?? 0;
    for (const tag of article.tags) {
      tags++;
      byCategory[tag.category]++;
      const sub = subLabelKey(tag);
      if (sub !== undefined) bySubLabel[sub] = (bySubLabel[sub] ?? 0) + 1;
      for (const state of reviewStates(tag)) byState[state]++;
    }
  }
  return { articles: articles.length, tags, words, byCategory, byState, bySubLabel, perThousandWords: words > 0 ? (tags * 1000) / words : 0 };
}
