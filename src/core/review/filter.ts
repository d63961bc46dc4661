import * as l10n from '@vscode/l10n';
import { categoryOf, type CategoryId } from '../codebook';
import { isOrphan, type Tag } from '../tag';
import type { CountedTag } from './stats';

export { isOrphan };

/** Review states a filter can ask for: the verdict, or what anchoring says about the tag. */
export type ReviewState = 'unreviewed' | 'confirmed' | 'disputed' | 'needs-review' | 'orphaned';

// Getters: each label is translated when it is shown (this module loads before the bundle is set).
// A translation keeps the " (…)" ending where the English has one: callers cut it off for short labels.
export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  get unreviewed() { return l10n.t('Unreviewed'); },
  get confirmed() { return l10n.t('Confirmed'); },
  get disputed() { return l10n.t('Disputed'); },
  get 'needs-review'() { return l10n.t('Needs review (re-attached to changed text)'); },
  get orphaned() { return l10n.t('Orphaned'); },
};

/** What the Tags view shows. Empty sets and an empty query mean "no restriction". */
export interface TagFilter {
  readonly categories: ReadonlySet<CategoryId>;
  readonly states: ReadonlySet<ReviewState>;
  readonly authors: ReadonlySet<string>;
  /** Sub-label ids; '' stands for tags without one. Absent or empty: no restriction. */
  readonly labels?: ReadonlySet<string>;
  /** Matched, case-insensitively, against the tag's text, note and attribute values. */
  readonly query: string;
}

export const NO_FILTER: TagFilter = { categories: new Set(), states: new Set(), authors: new Set(), labels: new Set(), query: '' };

export function isFiltering(filter: TagFilter): boolean {
  return filter.categories.size + filter.states.size + filter.authors.size + (filter.labels?.size ?? 0) > 0 || filter.query.trim() !== '';
}

export function needsReview(tag: Pick<Tag, 'status'>): boolean {
  return tag.status === 'fuzzy';
}

/** Every state a tag is in: its verdict (or unreviewed), plus needs-review / orphaned. */
export function reviewStates(tag: CountedTag): ReviewState[] {
  const states: ReviewState[] = [tag.review ?? 'unreviewed'];
  if (needsReview(tag)) states.push('needs-review');
  if (isOrphan(tag)) states.push('orphaned');
  return states;
}

export function matchesFilter(tag: Tag, filter: TagFilter): boolean {
  if (filter.categories.size > 0 && !filter.categories.has(tag.category)) return false;
  if (filter.states.size > 0 && !reviewStates(tag).some((s) => filter.states.has(s))) return false;
  if (filter.authors.size > 0 && !filter.authors.has(tag.author ?? '')) return false;
  if (filter.labels && filter.labels.size > 0 && !filter.labels.has(tag.label ?? '')) return false;
  // Asked of every tag at every redraw of the Tags view (500,000 on a big corpus): no query, no work.
  if (filter.query === '') return true;
  const query = filter.query.trim().toLocaleLowerCase();
  if (query === '') return true;
  const haystack = [tag.text, tag.note ?? '', ...Object.values(tag.attributes ?? {}).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))];
  return haystack.some((s) => s.toLocaleLowerCase().includes(query));
}

/** One line for the view's message, e.g. `Figure, Claim · Disputed · “3,835”`. */
export function describeFilter(filter: TagFilter): string {
  const parts: string[] = [];
  if (filter.categories.size > 0) parts.push([...filter.categories].map((c) => categoryOf(c).label).join(', '));
  if (filter.states.size > 0) parts.push([...filter.states].map((s) => REVIEW_STATE_LABELS[s].replace(/ \(.*\)$/, '')).join(', '));
  if (filter.labels && filter.labels.size > 0) parts.push([...filter.labels].map((l) => (l === '' ? l10n.t('(no sub-label)') : l)).join(', '));
  if (filter.authors.size > 0) parts.push(l10n.t('by {0}', [...filter.authors].map((a) => (a === '' ? l10n.t('(no author)') : a)).join(', ')));
  if (filter.query.trim() !== '') parts.push(`“${filter.query.trim()}”`);
  return parts.join(' · ');
}
