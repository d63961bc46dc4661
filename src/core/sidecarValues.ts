// A sidecar as plain values (what either YAML reader produces), checked against format v1: the
// file-level problems that make it unreadable, and the tag entries that cannot be read on their own.
import * as l10n from '@vscode/l10n';
import { isCategoryId } from './codebook';
import { readDetails, type ArticleDetails } from './details';
import { REVIEW_VERDICTS, sortTags, type RejectedSuggestion, type ReviewVerdict, type Tag, type TagStatus } from './tag';

export const SIDECAR_VERSION = 1;

interface TagProblem {
  readonly problem: string;
  /** The key at fault, for its line and column. */
  readonly key?: string;
}

export interface ReadResult {
  article: string;
  sha256: string;
  tags: Tag[];
  rejected: RejectedSuggestion[];
  details: ArticleDetails;
  /** Header details that are there but bad: reported, kept in the file, left out of `details`. */
  detailProblems: Located[];
  /** Problems that make the file unreadable, with the path to the value at fault. */
  problems: Located[];
  /** Tag entries that could not be read: the rest of the file still loads. */
  invalid: (Located & { index: number })[];
}

export interface Located {
  message: string;
  path: (string | number)[];
}

/** Checks a sidecar given as plain values; both read paths share it. */
export function readPlain(data: unknown): ReadResult {
  const result: ReadResult = { article: '', sha256: '', tags: [], rejected: [], details: {}, detailProblems: [], problems: [], invalid: [] };
  const fail = (message: string, ...path: (string | number)[]): void => void result.problems.push({ message, path });
  if (!isPlainObject(data)) {
    fail(l10n.t('A Newsmark sidecar must be a YAML mapping with newsmark, article, sha256 and tags.'));
    return result;
  }
  const version = data['newsmark'];
  if (version !== SIDECAR_VERSION) {
    const newer = typeof version === 'number' && version > SIDECAR_VERSION;
    fail(newer
      ? l10n.t('This sidecar is format {0}, written by a newer Newsmark; this version reads format {1}.', version, SIDECAR_VERSION)
      : l10n.t('"newsmark: {0}" is missing or wrong: this does not look like a Newsmark sidecar.', SIDECAR_VERSION), 'newsmark');
  }
  const article = data['article'];
  if (typeof article !== 'string' || article === '') fail(l10n.t('"article" must be the article\'s file name.'), 'article');
  // Never a path: the article is always the file beside the sidecar, whatever this field says.
  else if (/[/\\]/.test(article) || article === '.' || article === '..' || article.includes('\u0000')) fail(l10n.t('"article" must be a bare file name, not a path ("{0}").', article), 'article');
  else result.article = article;
  const sha = data['sha256'];
  if (typeof sha !== 'string') fail(l10n.t('"sha256" must be the hex SHA-256 of the article.'), 'sha256');
  else result.sha256 = sha;
  const details = readDetails(data);
  result.details = details.details;
  result.detailProblems = details.problems.map((p) => ({ message: p.message, path: p.sub !== undefined ? [p.key, p.sub] : [p.key] }));
  const tags = data['tags'];
  if (tags !== undefined && tags !== null && !Array.isArray(tags)) fail(l10n.t('"tags" must be a list.'), 'tags');
  else if (Array.isArray(tags)) {
    const ids = new Set<string>();
    tags.forEach((item: unknown, index) => {
      const tag = readTag(item, ids);
      if ('problem' in tag) result.invalid.push({ message: tag.problem, path: ['tags', index, ...(tag.key ? [tag.key] : [])], index });
      else result.tags.push(tag);
    });
  }
  result.tags = sortTags(result.tags);
  const rejected = data['rejected'];
  if (rejected !== undefined && rejected !== null && !Array.isArray(rejected)) fail(l10n.t('"rejected" must be a list of rejected suggestions.'), 'rejected');
  else if (Array.isArray(rejected)) {
    rejected.forEach((item: unknown, index) => {
      const r = isPlainObject(item) ? item : {};
      if (!isCategoryId(r['category']) || !isOffset(r['start']) || !isOffset(r['end']) || typeof r['text'] !== 'string') {
        fail(l10n.t('Each rejected suggestion needs category, start, end and text.'), 'rejected', index);
      } else result.rejected.push({ category: r['category'], start: r['start'], end: r['end'], text: r['text'] });
    });
  }
  return result;
}

function readTag(item: unknown, ids: Set<string>): Tag | TagProblem {
  const tag = readTagEntry(item);
  if ('problem' in tag) return tag;
  // Only readable tags claim their id: the later of two copies is the one reported.
  if (ids.has(tag.id)) return { problem: l10n.t('Duplicate tag id "{0}": another tag above already has it.', tag.id), key: 'id' };
  ids.add(tag.id);
  return tag;
}

function readTagEntry(item: unknown): Tag | TagProblem {
  if (!isPlainObject(item)) return { problem: l10n.t('Each tag must be a mapping with id, category, start, end and text.') };
  const { id, category, start, end, text } = item;
  if (typeof id === 'number') return { problem: l10n.t('Tag id {0} is read as a number: quote it, e.g. "12345678".', String(id)), key: 'id' };
  if (typeof id !== 'string' || id === '') return { problem: l10n.t('Each tag needs an "id" (a string; quote ids that look like numbers).'), key: 'id' };
  if (!isCategoryId(category)) return { problem: l10n.t('Tag {0}: unknown category "{1}" (use claim, denial, figure or framing).', id, String(category)), key: 'category' };
  if (!isOffset(start)) return { problem: l10n.t('Tag {0}: "start" must be a whole number ≥ 0 in plain digits, not {1}.', id, shown(start)), key: 'start' };
  if (!isOffset(end)) return { problem: l10n.t('Tag {0}: "end" must be a whole number ≥ 0 in plain digits, not {1}.', id, shown(end)), key: 'end' };
  const status = optionalString(item['status']) as TagStatus | undefined;
  if (status !== undefined && !['anchored', 'moved', 'fuzzy', 'orphaned'].includes(status)) return { problem: l10n.t('Tag {0}: unknown status "{1}" (fuzzy or orphaned).', id, status), key: 'status' };
  const review = optionalString(item['review']);
  if (review !== undefined && !(REVIEW_VERDICTS as readonly string[]).includes(review)) return { problem: l10n.t('Tag {0}: unknown review "{1}" (confirmed or disputed; leave it out for unreviewed).', id, review), key: 'review' };
  if (end <= start && status !== 'orphaned') return { problem: l10n.t('Tag {0}: "end" ({1}) must be greater than "start" ({2}).', id, end, start), key: 'end' };
  if (typeof text !== 'string') return { problem: l10n.t('Tag {0}: "text" must be the tagged text.', id), key: 'text' };
  const attributes = item['attributes'];
  if (attributes !== undefined && attributes !== null && !isPlainObject(attributes)) return { problem: l10n.t('Tag {0}: "attributes" must be a mapping (key: value).', id), key: 'attributes' };
  // Built a key at a time, in this order (what prints a tag as JSON keeps it): a literal spreading
  // an object per optional key made ten objects per tag, a fifth of reading a corpus's sidecars.
  const prefix = optionalString(item['prefix']) ?? '';
  const suffix = optionalString(item['suffix']) ?? '';
  const label = optionalString(item['label']);
  const tag: Mutable<Tag> = label === undefined ? { id, category, start, end, text, prefix, suffix } : { id, category, label, start, end, text, prefix, suffix };
  const note = optionalString(item['note']);
  if (note !== undefined) tag.note = note;
  if (isPlainObject(attributes)) tag.attributes = attributes;
  const author = optionalString(item['author']);
  if (author !== undefined) tag.author = author;
  const created = optionalString(item['created']);
  if (created !== undefined) tag.created = created;
  if (status !== undefined) tag.status = status;
  const previousText = optionalString(item['previous_text']);
  if (previousText !== undefined) tag.previousText = previousText;
  if (review !== undefined) tag.review = review as ReviewVerdict;
  const reviewer = optionalString(item['reviewer']);
  if (reviewer !== undefined) tag.reviewer = reviewer;
  return tag;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Plain decimal as written is checked on the source (sidecarSource.ts): there `15.0`, `1e20` or
 * `0x10` become their text, which is not a number. Past 2^53 a number is no longer exact.
 */
function isOffset(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && !Object.is(v, -0);
}

function shown(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return v === undefined ? l10n.t('missing') : JSON.stringify(v) ?? typeof v;
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}
