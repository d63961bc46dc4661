// How an outlet (or one article) reports, as tagged: tags per 1,000 words and each category's
// share of the tags, so a tabloid's framing-heavy copy stands out beside a wire story.
import { CATEGORY_IDS, type CategoryId } from '../codebook';
import type { OutletName } from '../outlet';
import { subLabelKey, zeroCategoryCounts, type CountedTag } from './stats';

export interface ProfileInput {
  /** The article's path or URI, as the caller names it. */
  readonly article: string;
  readonly outlet: OutletName;
  readonly tags: readonly CountedTag[];
  /** Words in the article (countWords). */
  readonly words: number;
}

export interface CategoryProfile {
  readonly count: number;
  /** Tags of this category per 1,000 words (0 when the words are unknown). */
  readonly perThousandWords: number;
  /** This category's part of all the tags, 0 to 1 (0 when there are no tags). */
  readonly share: number;
}

export interface OutletProfile {
  /** The outlet's name, or the article's when profiling per article. */
  readonly outlet: string;
  /** True when the name was guessed from an article's text rather than set in its sidecar. */
  readonly guessed: boolean;
  readonly articles: readonly string[];
  readonly words: number;
  readonly tags: number;
  readonly perThousandWords: number;
  readonly categories: Readonly<Record<CategoryId, CategoryProfile>>;
  /** Tags per `category:sub-label` (codebook), for the tags that have one. */
  readonly subLabels: Readonly<Record<string, number>>;
}

/**
 * One profile per outlet (articles grouped by outlet name, ignoring case and surrounding space),
 * or per article; sorted by name.
 */
export function outletProfiles(inputs: readonly ProfileInput[], by: 'outlet' | 'article' = 'outlet'): OutletProfile[] {
  const groups = new Map<string, ProfileInput[]>();
  for (const input of inputs) {
    const key = by === 'article' ? input.article : input.outlet.name.trim().toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), input]);
  }
  const profiles = [...groups.values()].map((members) => profileOf(by === 'article' ? members[0]!.article : members[0]!.outlet.name.trim(), members));
  return profiles.sort(byOutletName);
}

/** The order localeCompare gives, many times faster over thousands of outlets. */
const COLLATOR = new Intl.Collator();

/** Profiles in the order they are shown: by outlet name, then by their first article. */
export function byOutletName(a: OutletProfile, b: OutletProfile): number {
  return COLLATOR.compare(a.outlet, b.outlet) || COLLATOR.compare(a.articles[0]!, b.articles[0]!);
}

/** The profile of these articles taken together, under this name. */
export function profileOf(name: string, members: readonly ProfileInput[]): OutletProfile {
  const counts = zeroCategoryCounts();
  const subLabels: Record<string, number> = {};
  let words = 0;
  let tags = 0;
  for (const member of members) {
    words += member.words;
    for (const tag of member.tags) {
      counts[tag.category]++;
      tags++;
      const sub = subLabelKey(tag);
      if (sub !== undefined) subLabels[sub] = (subLabels[sub] ?? 0) + 1;
    }
  }
  const perThousand = (n: number): number => (words > 0 ? (n * 1000) / words : 0);
  const categories = Object.fromEntries(CATEGORY_IDS.map((c) => [c, { count: counts[c], perThousandWords: perThousand(counts[c]), share: tags > 0 ? counts[c] / tags : 0 }])) as Record<CategoryId, CategoryProfile>;
  return {
    outlet: name,
    guessed: members.some((m) => m.outlet.guessed),
    articles: members.map((m) => m.article),
    words,
    tags,
    perThousandWords: perThousand(tags),
    categories,
    subLabels,
  };
}
