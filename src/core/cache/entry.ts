/**
 * What the corpus commands need from one sidecar and its article, kept so that a later run can
 * skip the YAML parse, the article read, the word count and the hash. Built only from what was
 * actually read, and keyed by the size and mtime both files had before they were read.
 */
import type { ArticleDetails } from '../details';
import type { OutletName } from '../outlet';
import type { TagStats } from '../review/stats';
import type { RejectedSuggestion, Tag, TagStatus } from '../tag';

/** A file's identity as far as the cache trusts it: a difference in either means "read it again". */
export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
}

/** A problem the loader reported without refusing the file (a bad detail, an unreadable tag entry). */
export interface CachedProblem {
  readonly kind: 'detail' | 'invalid';
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** verifyTags' answer, with what its messages name of each tag, so that validate needs no tags. */
export interface CachedVerification {
  readonly mismatches: readonly { readonly id: string; readonly start: number; readonly end: number; readonly text: string; readonly found: string }[];
  readonly outOfRange: readonly { readonly id: string; readonly start: number; readonly end: number }[];
}

/** A tag as `check` reports it after re-attaching. */
export interface CheckedTag {
  readonly id: string;
  readonly category: string;
  readonly status: TagStatus;
  readonly stage: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly previousText?: string;
}

/** What `check` found re-attaching the tags to the article, kept so that an unchanged pair is not re-attached again. */
export interface CachedCheck {
  readonly counts: Record<TagStatus, number>;
  readonly tags: readonly CheckedTag[];
  /** Whether --fix would write the sidecar: a tag re-attached elsewhere or differently, or the article's hash changed. */
  readonly stale: boolean;
}

/** A tag whose id the format does not allow, and where its entry starts (1-based). */
export interface OddId {
  readonly id: string;
  readonly line: number;
  readonly column: number;
}

/** The sidecar as parsed: the fields every reading command uses. */
export interface SidecarContent {
  readonly article: string;
  readonly sha256: string;
  readonly tags: readonly Tag[];
  readonly rejected: readonly RejectedSuggestion[];
  readonly details: ArticleDetails;
}

/** The tags counted by category and review state: what `stats` needs of them. */
export type TagTally = Pick<TagStats, 'tags' | 'byCategory' | 'byState' | 'bySubLabel'>;

/**
 * An entry without its tags, which are stored beside it and parsed only when a command needs
 * them: `stats` reads only the counts (`tally`), a few dozen bytes whatever the number of tags.
 */
export interface CacheEntry {
  readonly sidecar: FileStamp;
  readonly articleFile: FileStamp;
  readonly header: Omit<SidecarContent, 'tags'>;
  readonly tally: TagTally;
  readonly problems: readonly CachedProblem[];
  /** Tags whose ids the format does not allow, one per tag in the tags' order, for validate's messages. */
  readonly oddIds: readonly OddId[];
  /** articleHash of the article's text. */
  readonly articleSha256: string;
  readonly words: number;
  readonly outlet: OutletName;
  readonly verification: CachedVerification;
  /** Present once `check` has worked it out for these two files. */
  readonly check?: CachedCheck;
}

/** What `stats` reads of an entry with no problem to report, kept apart from its head (see parseCache.ts). */
export type EntryCounts = Pick<CacheEntry, 'tally' | 'words' | 'outlet'>;

/** The format's id rule (spec §4): 8 lowercase hex digits. */
export const SPEC_ID = /^[0-9a-f]{8}$/;

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtime === b.mtime;
}

export function isCheck(value: unknown): value is CachedCheck {
  if (!isObject(value) || typeof value['stale'] !== 'boolean' || !isObject(value['counts']) || !Array.isArray(value['tags'])) return false;
  const counts = value['counts'];
  return ['anchored', 'moved', 'fuzzy', 'orphaned'].every((k) => typeof counts[k] === 'number')
    && (value['tags'] as unknown[]).every((t) => isObject(t) && typeof t['id'] === 'string' && typeof t['status'] === 'string' && typeof t['text'] === 'string' && typeof t['start'] === 'number' && typeof t['end'] === 'number');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A tag as stored: its seven fields every tag has, by position, then the others (note, author,
 * status…) as an object when there are any. Without the keys repeated in every tag the text
 * is a quarter smaller and parses about a third faster.
 */
type StoredTag = [id: string, category: string, start: number, end: number, text: string, prefix: string, suffix: string, rest?: Record<string, unknown>];

export function storedTags(tags: readonly Tag[]): StoredTag[] {
  return tags.map(({ id, category, start, end, text, prefix, suffix, ...rest }) => {
    const row: StoredTag = [id, category, start, end, text, prefix, suffix];
    if (Object.keys(rest).length > 0) row.push(rest);
    return row;
  });
}

/**
 * The tags back, with their keys in the order the sidecar reader gives them (the seven, then the
 * others as they were), or undefined when anything is off: then the entry is not used.
 */
export function tagsFromStored(value: unknown): Tag[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const tags: Tag[] = [];
  for (const row of value as unknown[]) {
    if (!Array.isArray(row) || row.length < 7 || row.length > 8) return undefined;
    const [id, category, start, end, text, prefix, suffix, rest] = row as unknown[];
    if (typeof id !== 'string' || typeof category !== 'string' || typeof start !== 'number' || typeof end !== 'number' || typeof text !== 'string' || typeof prefix !== 'string' || typeof suffix !== 'string') return undefined;
    if (rest !== undefined && !isObject(rest)) return undefined;
    tags.push({ id, category: category as Tag['category'], start, end, text, prefix, suffix, ...rest });
  }
  return tags;
}
