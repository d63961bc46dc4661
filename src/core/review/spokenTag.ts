import * as l10n from '@vscode/l10n';
import { categoryOf } from '../codebook';
import { isOrphan, type Tag } from '../tag';

/** How a tag stands against its article's text, in words a screen reader can say. */
export function anchorWords(tag: Pick<Tag, 'status' | 'start' | 'end'>): string {
  if (isOrphan(tag)) return l10n.t('orphaned: its text is no longer in the article');
  if (tag.status === 'fuzzy') return l10n.t('re-attached to changed text, needs review');
  if (tag.status === 'moved') return l10n.t('anchored, moved with an edit');
  return l10n.t('anchored');
}

/** The reviewer's verdict (and who gave it), or that there is none yet. */
export function reviewWords(tag: Pick<Tag, 'review' | 'reviewer'>): string {
  if (!tag.review) return l10n.t('not reviewed');
  if (tag.review === 'confirmed') return tag.reviewer ? l10n.t('confirmed by {0}', tag.reviewer) : l10n.t('confirmed');
  return tag.reviewer ? l10n.t('disputed by {0}', tag.reviewer) : l10n.t('disputed');
}

/**
 * A tag row as one sentence for a screen reader: category (and sub-label), where, the text, how it
 * is anchored and its review. A sighted user reads the same from the row's icon, description and
 * tooltip; without this a screen reader says only the label, which is the text cut short.
 */
export function spokenTag(tag: Tag, article: string, subLabel?: string): string {
  const category = categoryOf(tag.category).label;
  const kind = subLabel ? `${category} (${subLabel})` : category;
  return l10n.t('{0} in {1}, {2}–{3}: {4}. {5}; {6}.', kind, article, tag.start, tag.end, tag.text, capitalise(anchorWords(tag)), reviewWords(tag));
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
