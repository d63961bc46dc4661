/**
 * Which tags the editor shows: all of them, or only one author's ("Show Only My Tags", for blind
 * double coding, issue 14). Every view — decorations, hovers, the Tags view, the status bar, the
 * report preview and exports — asks this one function, so a hidden tag is hidden everywhere and no
 * view keeps its own copy of the tags: the store stays the only holder.
 *
 * A tag is the coder's own only when its `author` is exactly the coder's name. A tag with no
 * author is hidden too: in a shared file it may well be the first coder's (made before anyone set
 * `newsmark.author`), and a second coder must not be primed by it; `newsmark agree --by author`
 * leaves such tags out of the figures for the same reason.
 */
import type { Tag } from '../tag';

/** `onlyAuthor` undefined: every tag is shown; '' (on, but no author set): none is. */
export interface TagVisibility {
  readonly onlyAuthor: string | undefined;
}

export const SHOW_ALL: TagVisibility = { onlyAuthor: undefined };

export function isShown(tag: Tag, visibility: TagVisibility): boolean {
  const only = visibility.onlyAuthor;
  return only === undefined || (only !== '' && tag.author === only);
}

/** The tags shown; the same array (not a copy) when nothing is hidden. */
export function shownTags(tags: readonly Tag[], visibility: TagVisibility): readonly Tag[] {
  if (visibility.onlyAuthor === undefined || tags.every((t) => isShown(t, visibility))) return tags;
  return tags.filter((t) => isShown(t, visibility));
}
