import * as l10n from '@vscode/l10n';
import { categoryOf, CATEGORY_IDS, type CategoryId } from '../codebook';
import type { Tag } from '../tag';
import { isOrphan, matchesFilter, needsReview, NO_FILTER, REVIEW_STATE_LABELS, type TagFilter } from './filter';
import { statsOf, type TagStats } from './stats';
import type { Suggestion } from '../suggest/types';
import type { Slice } from '../storage/slicer';
import { nodeId } from './treeNodes';

function optionalWords(words: number | undefined): { words?: number } {
  return words === undefined ? {} : { words };
}

export type Grouping = 'article' | 'category';

/** Where a tag row sits: in the main grouping, or in one of the attention groups. */
export type TagPlace = 'main' | AttentionGroup;
export type AttentionGroup = 'conflicts' | 'needs-review' | 'orphaned';
const ATTENTION_GROUPS: readonly AttentionGroup[] = ['conflicts', 'needs-review', 'orphaned'];

export type TreeNode =
  | { readonly kind: 'summary' }
  | { readonly kind: 'stat'; readonly label: string; readonly value: string }
  | { readonly kind: 'attention'; readonly group: AttentionGroup }
  | { readonly kind: 'article'; readonly key: string; readonly category?: CategoryId; readonly label?: string }
  | { readonly kind: 'category'; readonly category: CategoryId; readonly key?: string }
  /** A sub-label within a category ('' gathers the tags without one); with a key, one article's. */
  | { readonly kind: 'label'; readonly category: CategoryId; readonly label: string; readonly key?: string }
  | { readonly kind: 'tag'; readonly key: string; readonly id: string; readonly place: TagPlace }
  | { readonly kind: 'suggestions'; readonly category?: CategoryId }
  | { readonly kind: 'suggestion'; readonly key: string; readonly category: CategoryId; readonly start: number; readonly end: number }
  /** Adjudication: the group of all differences (no key), or one article's. */
  | { readonly kind: 'differences'; readonly key?: string }
  | { readonly kind: 'difference'; readonly key: string; readonly id: string };

/** What the tree reads: the store, seen through a narrow window. */
export interface TagSource {
  keys(): readonly string[];
  tags(key: string): readonly Tag[];
  /** How the article is named in the tree (its file name). */
  label(key: string): string;
  /** Articles whose sidecar cannot be read are listed even with no tags, to show the problem. */
  hasProblem(key: string): boolean;
  /** Words in the article, when known. */
  words(key: string): number | undefined;
  /** Suggestions on offer for the article. */
  suggestions(key: string): readonly Suggestion[];
  /** Ids of tags changed both here and on disk, waiting for the analyst's choice. */
  conflicts(key: string): readonly string[];
  /** The sidecar is there but its article is not: listed even with no tags, to offer what to do. */
  isMissing(key: string): boolean;
  /** Whether a comparison with another annotation set is open (the Differences group shows then, even empty). */
  comparing?(): boolean;
  /** Articles with differences left to settle. */
  differenceKeys?(): readonly string[];
  /** Ids of an article's differences left to settle, in text order. */
  differences?(key: string): readonly string[];
  /** The codebook's sub-labels of a category, in its order; others follow alphabetically. */
  labelOrder?(category: CategoryId): readonly string[];
}

/** Articles tallied per slice by prepare(): 50 tags each, a few milliseconds' work. */
const ARTICLES_PER_SLICE = 250;

/** The order localeCompare gives, many times faster. */
const COLLATOR = new Intl.Collator();

/** Articles listed from the cache before their sidecars are read (src/core/storage/workspaceLoad.ts). */
export interface ListedSource {
  keys(): readonly string[];
  get(key: string): { readonly words?: number; readonly tags: readonly Tag[] } | undefined;
}

/** What the Tags view reads of the articles listed from the cache (CachedRows, and the repository's loadListed). */
export interface ListedArticles extends ListedSource {
  has(key: string): boolean;
  /** Loads the article's sidecar (once), after which it is no longer listed from the cache. */
  loadListed(key: string): Promise<void>;
  readonly onDidChange: (listener: () => void) => { dispose(): void };
}

export const NOTHING_LISTED: ListedArticles = {
  keys: () => [], has: () => false, get: () => undefined, loadListed: () => Promise.resolve(), onDidChange: () => ({ dispose: () => undefined }),
};

/**
 * The source with the listed articles that `isLoaded` does not know yet added: their stand-in
 * tags count in the first level, the summary and the attention groups' numbers (through `shown`,
 * as the loaded ones' do). The moment an article is loaded, its own tags replace them.
 */
export function withListed(source: TagSource, listed: ListedSource, isLoaded: (key: string) => boolean, shown: (tags: readonly Tag[]) => readonly Tag[] = (tags) => tags): TagSource {
  return {
    ...source,
    keys: () => {
      const keys = source.keys();
      const more = listed.keys().filter((key) => !isLoaded(key));
      return more.length === 0 ? keys : [...keys, ...more];
    },
    tags: (key) => {
      const row = isLoaded(key) ? undefined : listed.get(key);
      return row ? shown(row.tags) : source.tags(key);
    },
    words: (key) => (isLoaded(key) ? source.words(key) : listed.get(key)?.words ?? source.words(key)),
  };
}

/**
 * The Tags view's structure, independent of VS Code: a summary, "Needs review" and "Orphaned"
 * groups when non-empty, then article → category → tag or category → article → tag.
 * Orphans appear only in their group; fuzzy tags in both places.
 */
/** What the first level asks of an article's tags under the model's filter, worked out in one pass. */
interface Tally {
  /** Tags shown in the main grouping (not orphaned), in all and by category. */
  readonly main: number;
  readonly mainBy: ReadonlyMap<CategoryId, number>;
  readonly anyOrphan: boolean;
  readonly anyNeedsReview: boolean;
}

export class TagTreeModel {
  /**
   * Per tags array (the store hands out the same array until the article's tags change): the
   * first level of 10,000 articles asked the same questions of 500,000 tags at every redraw,
   * one task of ~120 ms on the extension host.
   */
  private readonly tallies = new WeakMap<readonly Tag[], Tally>();
  /** The articles in the order of their rows, and the keys they were sorted from. */
  private sorted: { readonly keys: readonly string[]; readonly order: string[] } | undefined;

  constructor(
    private readonly source: TagSource,
    readonly grouping: Grouping = 'article',
    readonly filter: TagFilter = NO_FILTER,
  ) {}

  /**
   * The first level. On 10,000 articles this runs at every redraw, so it sorts the articles once
   * and only asks whether a group has a row, stopping at the first (the counts come per row).
   */
  roots(): TreeNode[] {
    const articles = this.articles();
    // One pass, one tally per article: asking each question in turn of 10,000 articles showed.
    let anyOrphan = false;
    let anyNeedsReview = false;
    const categories = new Set<CategoryId>();
    const rows: TreeNode[] = [];
    for (const key of articles) {
      const tally = this.tally(key);
      anyOrphan ||= tally.anyOrphan;
      anyNeedsReview ||= tally.anyNeedsReview;
      for (const category of tally.mainBy.keys()) categories.add(category);
      if (this.grouping === 'article' && (tally.main > 0 || this.source.hasProblem(key) || this.source.isMissing(key))) rows.push({ kind: 'article', key });
    }
    const roots: TreeNode[] = [];
    if (articles.length > 0) roots.push({ kind: 'summary' });
    roots.push(...ATTENTION_GROUPS.filter((group) => {
      if (group === 'conflicts') return articles.some((key) => this.source.conflicts(key).length > 0) && this.attention(group).length > 0;
      return group === 'orphaned' ? anyOrphan : anyNeedsReview;
    }).map((group) => ({ kind: 'attention' as const, group })));
    if (this.source.comparing?.()) roots.push({ kind: 'differences' });
    if (articles.some((key) => this.source.suggestions(key).length > 0)) roots.push({ kind: 'suggestions' });
    if (this.grouping === 'article') roots.push(...rows);
    else roots.push(...CATEGORY_IDS.filter((c) => categories.has(c)).map((category) => ({ kind: 'category' as const, category })));
    return roots;
  }

  children(node: TreeNode): TreeNode[] {
    switch (node.kind) {
      case 'summary':
        return this.statRows();
      case 'stat':
        return [];
      case 'attention':
        return this.attention(node.group).map(({ key, tag }) => ({ kind: 'tag', key, id: tag.id, place: node.group }));
      case 'article':
        if (node.category) return this.tagNodes(node.key, node.category, node.label);
        return CATEGORY_IDS.filter((c) => this.mainTags(node.key, c).length > 0).map((category) => ({ kind: 'category', category, key: node.key }));
      case 'category': {
        const keys = node.key !== undefined ? [node.key] : this.articles();
        const labels = this.labelsIn(keys, node.category);
        if (labels.length > 0) return labels.map((label) => ({ kind: 'label', category: node.category, label, ...(node.key !== undefined ? { key: node.key } : {}) }));
        if (node.key !== undefined) return this.tagNodes(node.key, node.category);
        return this.articles().filter((key) => (this.tally(key).mainBy.get(node.category) ?? 0) > 0).map((key) => ({ kind: 'article', key, category: node.category }));
      }
      case 'label':
        if (node.key !== undefined) return this.tagNodes(node.key, node.category, node.label);
        return this.articles().filter((key) => this.mainTags(key, node.category, node.label).length > 0).map((key) => ({ kind: 'article', key, category: node.category, label: node.label }));
      case 'tag':
      case 'suggestion':
      case 'difference':
        return [];
      case 'differences':
        if (node.key !== undefined) return (this.source.differences?.(node.key) ?? []).map((id) => ({ kind: 'difference', key: node.key!, id }));
        return (this.source.differenceKeys?.() ?? []).map((key) => ({ kind: 'differences', key }));
      case 'suggestions':
        if (node.category) return this.offered(node.category).map(({ key, suggestion: s }) => ({ kind: 'suggestion', key, category: s.category, start: s.start, end: s.end }));
        return CATEGORY_IDS.filter((c) => this.offered(c).length > 0).map((category) => ({ kind: 'suggestions', category }));
    }
  }

  /** The suggestion a row stands for. */
  suggestionOf(node: Extract<TreeNode, { kind: 'suggestion' }>): Suggestion | undefined {
    return this.source.suggestions(node.key).find((s) => s.category === node.category && s.start === node.start && s.end === node.end);
  }

  /** Suggestions on offer, per article, optionally of one category. */
  offered(category?: CategoryId): { key: string; suggestion: Suggestion }[] {
    return this.articles().flatMap((key) => {
      // One row per span and category, even if two rules suggested it.
      const seen = new Set<string>();
      return this.source.suggestions(key)
        .filter((s) => (category === undefined || s.category === category) && !seen.has(`${s.category}:${s.start}:${s.end}`) && seen.add(`${s.category}:${s.start}:${s.end}`) !== undefined)
        .map((suggestion) => ({ key, suggestion }));
    });
  }

  parent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'stat') return { kind: 'summary' };
    if (node.kind === 'suggestion') return { kind: 'suggestions', category: node.category };
    if (node.kind === 'suggestions' && node.category) return { kind: 'suggestions' };
    if (node.kind === 'difference') return { kind: 'differences', key: node.key };
    if (node.kind === 'differences' && node.key !== undefined) return { kind: 'differences' };
    if (node.kind === 'article' && node.category) return node.label !== undefined ? { kind: 'label', category: node.category, label: node.label } : { kind: 'category', category: node.category };
    if (node.kind === 'category' && node.key !== undefined) return { kind: 'article', key: node.key };
    if (node.kind === 'label') return { kind: 'category', category: node.category, ...(node.key !== undefined ? { key: node.key } : {}) };
    if (node.kind !== 'tag') return undefined;
    if (node.place !== 'main') return { kind: 'attention', group: node.place };
    const tag = this.source.tags(node.key).find((t) => t.id === node.id);
    if (!tag) return undefined;
    const label = tag.label ?? '';
    if (this.grouping === 'article') {
      return this.labelsIn([node.key], tag.category).length > 0 ? { kind: 'label', category: tag.category, label, key: node.key } : { kind: 'category', category: tag.category, key: node.key };
    }
    return this.labelsIn(this.articles(), tag.category).length > 0 ? { kind: 'article', key: node.key, category: tag.category, label } : { kind: 'article', key: node.key, category: tag.category };
  }

  /**
   * Whether the row is drawn: it is among its parent's rows, and so on up to the roots. A tag the
   * filter hides, or one orphaned since its row was asked for, still has a parent by its category,
   * and VS Code's reveal fails ("Cannot resolve tree item") when that parent does not list it.
   */
  isShown(node: TreeNode): boolean {
    const parent = this.parent(node);
    const id = nodeId(node);
    if (!(parent ? this.children(parent) : this.roots()).some((n) => nodeId(n) === id)) return false;
    return parent === undefined || this.isShown(parent);
  }

  /** The number shown beside a group. */
  count(node: TreeNode): number {
    switch (node.kind) {
      case 'attention':
        return this.attention(node.group).length;
      case 'suggestions':
        return this.offered(node.category).length;
      case 'differences':
        if (node.key !== undefined) return this.source.differences?.(node.key).length ?? 0;
        return (this.source.differenceKeys?.() ?? []).reduce((n, key) => n + (this.source.differences?.(key).length ?? 0), 0);
      case 'article':
        return this.countMain(node.key, node.category, node.label);
      case 'label':
        return (node.key !== undefined ? [node.key] : this.articles()).reduce((n, key) => n + this.mainTags(key, node.category, node.label).length, 0);
      case 'category':
        return (node.key !== undefined ? [node.key] : this.articles()).reduce((n, key) => n + (this.tally(key).mainBy.get(node.category) ?? 0), 0);
      default:
        return 0;
    }
  }

  /** The row for a tag in the main grouping (or its attention group when orphaned): for revealing it. */
  nodeFor(key: string, tag: Tag): TreeNode {
    return { kind: 'tag', key, id: tag.id, place: isOrphan(tag) ? 'orphaned' : 'main' };
  }

  /** The numbers of the Summary node (the same as `newsmark stats`), over the tags the filter lets through. */
  stats(): TagStats {
    // Articles open without tags (or with suggestions only) are not part of the tagged corpus:
    // "3 tags in 2 articles" counts the articles that have tags.
    const tagged = this.articles()
      .map((key) => ({ tags: this.source.tags(key).filter((t) => matchesFilter(t, this.filter)), ...optionalWords(this.source.words(key)) }))
      .filter((a) => a.tags.length > 0);
    return statsOf(tagged);
  }

  private statRows(): TreeNode[] {
    const stats = this.stats();
    const row = (label: string, value: number | string): TreeNode => ({ kind: 'stat', label, value: String(value) });
    // Under each category, its sub-labels (codebook order, then the others). The category is in the
    // label because a row's id is its label, and two categories may share a sub-label's name.
    const subLabels = (c: CategoryId): TreeNode[] => {
      const present = Object.keys(stats.bySubLabel).filter((k) => k.startsWith(`${c}:`)).map((k) => k.slice(c.length + 1));
      return this.inLabelOrder(c, present).map((l) => row(`${categoryOf(c).label} › ${l}`, stats.bySubLabel[`${c}:${l}`]!));
    };
    return [
      ...CATEGORY_IDS.flatMap((c) => [row(categoryOf(c).label, stats.byCategory[c]), ...subLabels(c)]),
      ...(['unreviewed', 'confirmed', 'disputed', 'needs-review', 'orphaned'] as const).map((s) => row(REVIEW_STATE_LABELS[s].replace(/ \(.*\)$/, ''), stats.byState[s])),
      row(l10n.t('Tags per 1,000 words'), stats.words > 0 ? stats.perThousandWords.toFixed(1) : '–'),
    ];
  }

  /**
   * Works out the first level's order and every article's tally a few hundred articles at a time
   * through `slice` (TimeSlicer.run), so that the redraw after it finds them ready: on 10,000
   * articles, all at once in the redraw's roots() was one task of ~100 ms on the extension host.
   */
  async prepare(slice: Slice): Promise<void> {
    let keys: readonly string[] = [];
    await slice(() => void (keys = this.articles()));
    for (let start = 0; start < keys.length; start += ARTICLES_PER_SLICE) {
      await slice(() => {
        for (const key of keys.slice(start, start + ARTICLES_PER_SLICE)) this.tally(key);
      });
    }
  }

  /** Tags the filter lets through, of every article: what the view's counts and badge describe. */
  visibleTags(): { key: string; tag: Tag }[] {
    return this.articles().flatMap((key) => this.source.tags(key).filter((t) => matchesFilter(t, this.filter)).map((tag) => ({ key, tag })));
  }

  private articles(): readonly string[] {
    const keys = this.source.keys();
    // Sorted again only when the articles changed: a label is its key's file name, so the same keys sort the same.
    if (this.sorted && sameKeys(this.sorted.keys, keys)) return this.sorted.order;
    // Labels first, each worked out once.
    const order = [...keys].map((key) => ({ key, label: this.source.label(key) }))
      .sort((a, b) => COLLATOR.compare(a.label, b.label) || COLLATOR.compare(a.key, b.key)).map((a) => a.key);
    this.sorted = { keys: [...keys], order };
    return order;
  }

  /** `label`: only tags with this sub-label ('' for none). */
  private mainTags(key: string, category?: CategoryId, label?: string): Tag[] {
    return this.source.tags(key).filter((t) => this.isMain(t, category, label));
  }

  /** The article's tally under the filter, from the memo while its tags are the same array. */
  private tally(key: string): Tally {
    const tags = this.source.tags(key);
    let tally = this.tallies.get(tags);
    if (tally === undefined) {
      let main = 0;
      let anyOrphan = false;
      let anyNeedsReview = false;
      const mainBy = new Map<CategoryId, number>();
      for (const t of tags) {
        if (!matchesFilter(t, this.filter)) continue;
        if (isOrphan(t)) {
          anyOrphan = true;
          continue;
        }
        main++;
        mainBy.set(t.category, (mainBy.get(t.category) ?? 0) + 1);
        if (needsReview(t)) anyNeedsReview = true;
      }
      tally = { main, mainBy, anyOrphan, anyNeedsReview };
      this.tallies.set(tags, tally);
    }
    return tally;
  }

  /** mainTags(…).length without the array: every article row's count, at every redraw. */
  private countMain(key: string, category?: CategoryId, label?: string): number {
    if (label === undefined) return category === undefined ? this.tally(key).main : this.tally(key).mainBy.get(category) ?? 0;
    let n = 0;
    for (const t of this.source.tags(key)) if (this.isMain(t, category, label)) n++;
    return n;
  }

  private isMain(t: Tag, category?: CategoryId, label?: string): boolean {
    return !isOrphan(t) && (category === undefined || t.category === category) && (label === undefined || (t.label ?? '') === label) && matchesFilter(t, this.filter);
  }

  private tagNodes(key: string, category: CategoryId, label?: string): TreeNode[] {
    return this.mainTags(key, category, label).map((t) => ({ kind: 'tag', key, id: t.id, place: 'main' }));
  }

  /**
   * The sub-labels the category's shown tags carry in these articles, in the codebook's order,
   * then others alphabetically, then '' (none); empty when no tag has one, so a project without
   * sub-labels sees the tree it always had.
   */
  private labelsIn(keys: readonly string[], category: CategoryId): string[] {
    const present = new Set(keys.flatMap((key) => this.mainTags(key, category).map((t) => t.label ?? '')));
    if (![...present].some((l) => l !== '')) return [];
    return [...this.inLabelOrder(category, [...present].filter((l) => l !== '')), ...(present.has('') ? [''] : [])];
  }

  /** Sub-labels in the codebook's order, then the ones it does not list, alphabetically. */
  private inLabelOrder(category: CategoryId, present: readonly string[]): string[] {
    const order = this.source.labelOrder?.(category) ?? [];
    return [...order.filter((l) => present.includes(l)), ...present.filter((l) => !order.includes(l)).sort()];
  }

  private attention(group: AttentionGroup): { key: string; tag: Tag }[] {
    return this.articles().flatMap((key) => {
      const conflicted = new Set(this.source.conflicts(key));
      const wanted = group === 'conflicts' ? (t: Tag) => conflicted.has(t.id) : group === 'orphaned' ? isOrphan : (t: Tag) => needsReview(t) && !isOrphan(t);
      return this.source.tags(key).filter((t) => wanted(t) && matchesFilter(t, this.filter)).map((tag) => ({ key, tag }));
    });
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
