// Tags made in memory on an article's text, found by the words they cover, as an analyst would select them.
import { ArticleText, createTag, type Tag } from '../../src/core/tag';
import type { CategoryId } from '../../src/core/codebook';

/** A tag on the first occurrence of `phrase` in `text` (LF); throws when the phrase is not there. */
export function tagOn(text: string, phrase: string, category: CategoryId, taken: Set<string> = new Set()): Tag {
  const at = text.indexOf(phrase);
  if (at < 0) throw new Error(`"${phrase}" is not in the article`);
  const article = new ArticleText(text);
  // Offsets are code points; indexOf counts UTF-16 units, which differ after an emoji.
  const start = Array.from(text.slice(0, at)).length;
  const tag = createTag(article, start, start + Array.from(phrase).length, category, taken);
  taken.add(tag.id);
  return tag;
}
