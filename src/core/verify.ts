import { articleHash } from './articleFile';
import { ArticleText, type Tag } from './tag';
import { toLf } from './textIndex';

export interface TagMismatch {
  readonly tag: Tag;
  readonly found: string;
}

export interface Verification {
  /** Whether the article is byte-for-byte (after CRLF → LF) the one the sidecar was written for. */
  readonly hashMatches: boolean;
  /** Tags whose offsets no longer cut out their text. */
  readonly mismatches: TagMismatch[];
  readonly outOfRange: Tag[];
}

/** Checks each tag's offsets against the article: `text[start:end]` must equal the tag's text. */
export function verifyTags(rawArticle: string, sha256: string, tags: readonly Tag[]): Verification {
  const article = new ArticleText(toLf(rawArticle));
  const mismatches: TagMismatch[] = [];
  const outOfRange: Tag[] = [];
  for (const tag of tags) {
    if (tag.status === 'orphaned') continue;
    if (tag.end > article.length) {
      outOfRange.push(tag);
      continue;
    }
    const found = article.slice(tag.start, tag.end);
    if (found !== tag.text) mismatches.push({ tag, found });
  }
  return { hashMatches: articleHash(rawArticle) === sha256, mismatches, outOfRange };
}
