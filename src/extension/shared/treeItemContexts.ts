/**
 * Every `contextValue` a row of the Tags view carries. package.json's menus pick rows by these
 * (`viewItem == …`, `viewItem =~ /…/`), so a value written two ways silently loses its menu: the
 * manifest unit test checks every `viewItem` clause against this table, and that every value here
 * has a menu unless it is listed in ROWS_WITHOUT_MENUS.
 */
export const TreeItemContext = {
  summary: 'newsmark.summary',
  /** The attention groups at the top of the view (core/review/tagTree.ts AttentionGroup). */
  conflictsGroup: 'newsmark.conflicts',
  needsReviewGroup: 'newsmark.needs-review',
  orphanedGroup: 'newsmark.orphaned',
  categoryGroup: 'newsmark.category',
  /** A sub-label within a category (codebook). */
  labelGroup: 'newsmark.label',
  article: 'newsmark.article',
  articleMissing: 'newsmark.article.missing',
  tag: 'newsmark.tag',
  tagFuzzy: 'newsmark.tag.fuzzy',
  tagOrphaned: 'newsmark.tag.orphaned',
  tagConflict: 'newsmark.tag.conflict',
  tagReadOnly: 'newsmark.tag.readonly',
  suggestionGroup: 'newsmark.suggestions',
  suggestion: 'newsmark.suggestion',
  differencesGroup: 'newsmark.differences',
  differencesArticle: 'newsmark.differences.article',
  difference: 'newsmark.difference',
} as const;

export type TreeItemContext = (typeof TreeItemContext)[keyof typeof TreeItemContext];

/** Rows that offer no menu on purpose; any other value without a menu is a slip. */
export const ROWS_WITHOUT_MENUS: ReadonlySet<TreeItemContext> = new Set<TreeItemContext>([
  // Counts to read, nothing to act on.
  TreeItemContext.summary,
  // Headings: their tags carry the actions, and one action on a whole group would be too broad a click.
  TreeItemContext.conflictsGroup,
  TreeItemContext.needsReviewGroup,
  TreeItemContext.orphanedGroup,
  TreeItemContext.categoryGroup,
  TreeItemContext.labelGroup,
  TreeItemContext.differencesArticle,
  // Its sidecar could not be read: every change would be refused, so none is offered.
  TreeItemContext.tagReadOnly,
]);
