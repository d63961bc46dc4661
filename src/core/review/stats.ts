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
  let at = 0;
  while (at < length) {
    let size = wordUnitsAt(text, at);
    if (size === 0) {
      at++;
      continue;
    }
    words++;
    at += size;
    for (;;) {
      size = wordUnitsAt(text, at);
      if (size === 0 && UNIT_KINDS[text.charCodeAt(at)] === JOINER) {
        const after = wordUnitsAt(text, at + 1);
        if (after > 0) size = 1 + after;
      }
      if (size === 0) break;
      at += size;
    }
  }
  return words;
}

const NEITHER = 0;
const LETTER_OR_NUMBER = 1;
/** ’ ' - . , : inside a word when a letter or number follows. */
const JOINER = 2;
const UNKNOWN = 3;
/**
 * Each BMP code unit's kind, worked out by the regex the first time the unit is seen: an article
 * has a few hundred distinct characters, and classifying all 65,536 up front took 15 ms.
 */
const UNIT_KINDS = new Uint8Array(0x10000).fill(UNKNOWN);
for (const joiner of '’\'-.,') UNIT_KINDS[joiner.charCodeAt(0)] = JOINER;
for (let unit = 0xd800; unit <= 0xdfff; unit++) UNIT_KINDS[unit] = NEITHER; // a pair is looked at whole
/** Astral code points seen so far, as letters or numbers or not. */
const astralKinds = new Map<number, boolean>();
const LETTER_OR_NUMBER_ALONE = /^[\p{L}\p{N}]$/u;

/** How many code units the letter or number at `at` takes (1, or 2 for a surrogate pair); 0 if none is there. */
function wordUnitsAt(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  let kind = UNIT_KINDS[unit];
  if (kind === UNKNOWN) UNIT_KINDS[unit] = kind = LETTER_OR_NUMBER_ALONE.test(text[at]!) ? LETTER_OR_NUMBER : NEITHER;
  if (kind === LETTER_OR_NUMBER) return 1;
  if (unit < 0xd800 || unit > 0xdbff) return 0;
  const low = text.charCodeAt(at + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return 0;
  const point = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  let word = astralKinds.get(point);
  if (word === undefined) astralKinds.set(point, (word = LETTER_OR_NUMBER_ALONE.test(String.fromCodePoint(point))));
  return word ? 2 : 0;
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

export function statsOf(articles: readonly { readonly tags: readonly CountedTag[]; readonly words?: number }[]): TagStats {
  const byCategory = Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<CategoryId, number>;
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
