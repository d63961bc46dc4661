import { CATEGORY_IDS, type CategoryId } from '../codebook';
import type { Tag } from '../tag';
import { reviewStates, type ReviewState } from './filter';

export interface TagStats {
  readonly articles: number;
  readonly tags: number;
  readonly words: number;
  readonly byCategory: Record<CategoryId, number>;
  readonly byState: Record<ReviewState, number>;
  /** Tags per 1,000 words of article text (0 when the words are unknown). */
  readonly perThousandWords: number;
}

/** Words as a reader counts them: runs of letters or digits, with inner apostrophes, hyphens and separators. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'\-.,][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** What counting a tag reads of it: enough for the stats, kept small in the parse cache. */
export type CountedTag = Pick<Tag, 'category' | 'status' | 'review' | 'start' | 'end'>;

export function statsOf(articles: readonly { readonly tags: readonly CountedTag[]; readonly words?: number }[]): TagStats {
  const byCategory = Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<CategoryId, number>;
  const byState: Record<ReviewState, number> = { unreviewed: 0, confirmed: 0, disputed: 0, 'needs-review': 0, orphaned: 0 };
  let tags = 0;
  let words = 0;
  for (const article of articles) {
    words += article.words ?? 0;
    for (const tag of article.tags) {
      tags++;
      byCategory[tag.category]++;
      for (const state of reviewStates(tag)) byState[state]++;
    }
  }
  return { articles: articles.length, tags, words, byCategory, byState, perThousandWords: words > 0 ? (tags * 1000) / words : 0 };
}
