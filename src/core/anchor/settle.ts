import { ArticleText, type Tag } from '../tag';
import { reattach } from './reattach';

/**
 * What the re-check after a pause in typing does to an article's tags: the analyst is editing
 * this text, so every edit has already moved each tag exactly (`shiftTags`), and no search may
 * second-guess that. A tag whose text an edit changed keeps the span the edits left it, takes
 * the new text and is flagged for review, remembering what it said before; a tag edited back to
 * that earlier text is an ordinary tag again. Only orphans are searched for, in case their
 * text came back. Collapsed tags wait: an undo may still restore them.
 *
 * Returns the tags that changed (same ids); the others are fine as they are.
 */
export function settleEditedTags(articleLf: string, tags: readonly Tag[], touched: ReadonlySet<string>): Tag[] {
  const article = new ArticleText(articleLf);
  const settled: Tag[] = [];
  const orphans: Tag[] = [];
  for (const tag of tags) {
    if (tag.status === 'orphaned') {
      orphans.push(tag);
      continue;
    }
    if (!touched.has(tag.id) || tag.end <= tag.start) continue;
    const text = article.slice(tag.start, tag.end);
    if (text === tag.text) continue;
    const context = article.contextOf(tag.start, tag.end);
    if (tag.previousText !== undefined && text === tag.previousText) {
      const { status: _status, previousText: _previous, ...rest } = tag;
      settled.push({ ...rest, text, ...context });
    } else {
      settled.push({ ...tag, text, ...context, status: 'fuzzy', previousText: tag.previousText ?? tag.text });
    }
  }
  if (orphans.length > 0) {
    for (const p of reattach(articleLf, undefined, orphans).placements) if (p.tag.status !== 'orphaned') settled.push(p.tag);
  }
  return settled;
}
