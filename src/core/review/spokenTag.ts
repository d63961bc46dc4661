import { categoryOf } from '../codebook';
import { isOrphan, type Tag } from '../tag';

/** How a tag stands against its article's text, in words a screen reader can say. */
export function anchorWords(tag: Pick<Tag, 'status' | 'start' | 'end'>): string {
  if (isOrphan(tag)) return 'orphaned: its text is no longer in the article';
  if (tag.status === 'fuzzy') return 're-attached to changed text, needs review';
  if (tag.status === 'moved') return 'anchored, moved with an edit';
  return 'anchored';
}

/** The reviewer's verdict (and who gave it), or that there is none yet. */
export function reviewWords(tag: Pick<Tag, 'review' | 'reviewer'>): string {
  if (!tag.review) return 'not reviewed';
  return `${tag.review}${tag.reviewer ? ` by ${tag.reviewer}` : ''}`;
}

/**
 * A tag row as one sentence for a screen reader: category (and sub-label), where, the text, how it
 * is anchored and its review. A sighted user reads the same from the row's icon, description and
 * tooltip; without this a screen reader says only the label, which is the text cut short.
 */
export function spokenTag(tag: Tag, article: string, subLabel?: string): string {
  const category = categoryOf(tag.category).label;
  const kind = subLabel ? `${category} (${subLabel})` : category;
  return `${kind} in ${article}, ${tag.start}–${tag.end}: ${tag.text}. ${capitalise(anchorWords(tag))}; ${reviewWords(tag)}.`;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
