import * as l10n from '@vscode/l10n';
import { randomHex } from './random';
import type { CategoryId } from './codebook';
import { TextIndex } from './textIndex';

/** How a tag relates to the article text now (see the anchoring docs). Absent = anchored. */
export type TagStatus = 'anchored' | 'moved' | 'fuzzy' | 'orphaned';

/** A reviewer's verdict on a tag. Absent = unreviewed. */
export type ReviewVerdict = 'confirmed' | 'disputed';
export const REVIEW_VERDICTS: readonly ReviewVerdict[] = ['confirmed', 'disputed'];

/** One tagged span. Offsets are LF code points, end exclusive, as in the sidecar. */
export interface Tag {
  readonly id: string;
  readonly category: CategoryId;
  /** The codebook's sub-label within the category (`Loaded_Language`); kept even when no codebook lists it. */
  readonly label?: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly note?: string;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly author?: string;
  readonly created?: string;
  readonly status?: TagStatus;
  readonly previousText?: string;
  readonly review?: ReviewVerdict;
  readonly reviewer?: string;
}

/** A suggestion the analyst turned down, remembered in the sidecar so it is not offered again. */
export interface RejectedSuggestion {
  readonly category: CategoryId;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export const CONTEXT_LENGTH = 32;

/** The LF text of an article with code-point slicing; built once per text version. */
export class ArticleText {
  private readonly index: TextIndex;
  constructor(readonly lf: string) {
    this.index = new TextIndex(lf);
  }
  get length(): number {
    return this.index.length;
  }
  slice(start: number, end: number): string {
    return this.lf.slice(this.index.toUtf16(start), this.index.toUtf16(end));
  }
  contextOf(start: number, end: number): { prefix: string; suffix: string } {
    return {
      prefix: this.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: this.slice(end, Math.min(this.length, end + CONTEXT_LENGTH)),
    };
  }
  /** Narrows [start, end) so it neither starts nor ends with white space (U+00A0 included). */
  trim(start: number, end: number): { start: number; end: number } {
    const s = this.index.toUtf16(start);
    const e = this.index.toUtf16(end);
    const piece = this.lf.slice(s, e);
    const lead = piece.length - piece.trimStart().length;
    const trail = piece.length - piece.trimEnd().length;
    if (lead === piece.length) return { start, end: start };
    return { start: this.index.toCodePoint(s + lead), end: this.index.toCodePoint(e - trail) };
  }
}

export class EmptySpanError extends Error {
  constructor() {
    super(l10n.t('Select some text to tag: the selection is empty or only white space.'));
  }
}

export interface NewTagOptions {
  readonly note?: string;
  readonly author?: string;
  readonly created?: string;
  readonly attributes?: Record<string, unknown>;
}

/** Makes a tag over [start, end) of the article, trimmed of edge white space. */
export function createTag(
  article: ArticleText,
  start: number,
  end: number,
  category: CategoryId,
  takenIds: ReadonlySet<string>,
  options: NewTagOptions = {},
): Tag {
  const span = article.trim(Math.min(start, end), Math.max(start, end));
  if (span.end <= span.start) throw new EmptySpanError();
  return {
    id: newTagId(takenIds),
    category,
    start: span.start,
    end: span.end,
    text: article.slice(span.start, span.end),
    ...article.contextOf(span.start, span.end),
    ...options,
  };
}

/** Eight hex digits: short enough to read in YAML, 4 billion values keep clashes rare; clashes are retried. */
export function newTagId(taken: ReadonlySet<string>): string {
  for (;;) {
    const id = randomHex(4);
    if (!taken.has(id)) return id;
  }
}

export function compareTags(a: Tag, b: Tag): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortTags(tags: readonly Tag[]): Tag[] {
  return [...tags].sort(compareTags);
}

/** Orphaned, or collapsed by deleting all its text (saved as orphaned unless an undo brings it back): drawn nowhere. */
export function isOrphan(tag: Pick<Tag, 'status' | 'start' | 'end'>): boolean {
  return tag.status === 'orphaned' || tag.start === tag.end;
}

/** Tags drawn over the code-point offset (start inclusive, end inclusive so a cursor at a tag's end finds it). */
export function tagsAt(tags: readonly Tag[], offset: number): Tag[] {
  return tags.filter((t) => !isOrphan(t) && t.start <= offset && offset <= t.end);
}
