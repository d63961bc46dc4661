// An article's details in its sidecar header (outlet, url, published, headline, byline): optional, and a
// bad value is reported on its line but never makes the file unreadable or gets dropped.

import * as l10n from '@vscode/l10n';

export interface ArticleDetails {
  /** The outlet that published the article, as the analyst names it ("The Harbor Gazette"). */
  readonly outlet?: string;
  readonly url?: string;
  /** ISO 8601 date (`2026-03-25`) or date-time (`2026-03-25T08:30:00Z`). */
  readonly published?: string;
  readonly headline?: string;
  /** Who wrote it, as the page credits them ("Ann Lee and Dev Okafor"). */
  readonly byline?: string;
  /** Article-level codes from the codebook (`primary_frame: Security and defense`): one value or several. */
  readonly codes?: ArticleCodes;
}

export type ArticleCodes = Readonly<Record<string, string | readonly string[]>>;

/** The text details, each one line of text; `codes` is a mapping and read on its own. */
export type DetailKey = Exclude<keyof ArticleDetails, 'codes'>;

/** In the order Newsmark writes them, after `sha256` and before `tags`. */
export const DETAIL_KEYS: readonly DetailKey[] = ['outlet', 'url', 'published', 'headline', 'byline'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;

/** Why this value cannot be the detail, or undefined when it can (used by readers and by input boxes). */
export function detailProblem(key: DetailKey, value: unknown): string | undefined {
  if (typeof value !== 'string') return typeof value === 'number' || typeof value === 'boolean' ? l10n.t('"{0}" must be text (quote it).', key) : l10n.t('"{0}" must be text.', key);
  if (value.trim() === '') return l10n.t('"{0}" is empty: leave it out instead.', key);
  if (key === 'published' && !isIsoDate(value)) return l10n.t('"published" must be an ISO date such as 2026-03-25 (or 2026-03-25T08:30:00Z), not "{0}".', value);
  if (key === 'url' && !/^https?:\/\/\S+$/i.test(value)) return l10n.t('"url" must be a web address starting with http:// or https://, not "{0}".', value);
  return undefined;
}

function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A real calendar day: 2026-02-30 matches the pattern but is not a date.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The readable details of a sidecar's top level, and a problem for each key that is there but bad. */
export function readDetails(data: Readonly<Record<string, unknown>>): { details: ArticleDetails; problems: { key: DetailKey | 'codes'; sub?: string; message: string }[] } {
  const details: { -readonly [K in DetailKey]?: string } & { codes?: ArticleCodes } = {};
  const problems: { key: DetailKey | 'codes'; sub?: string; message: string }[] = [];
  for (const key of DETAIL_KEYS) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    const problem = detailProblem(key, value);
    if (problem !== undefined) problems.push({ key, message: l10n.t('{0} It is kept in the file as written.', problem) });
    else details[key] = value as string;
  }
  const codes = data['codes'];
  if (codes !== undefined && codes !== null) {
    if (typeof codes !== 'object' || Array.isArray(codes)) problems.push({ key: 'codes', message: l10n.t('"codes" must be a mapping of code: value (or a list of values). It is kept in the file as written.') });
    else {
      const read: Record<string, string | string[]> = {};
      for (const [code, value] of Object.entries(codes as Record<string, unknown>)) {
        const text = codeValue(value);
        if (text === undefined) problems.push({ key: 'codes', sub: code, message: l10n.t('Code "{0}" must be a value or a list of values. It is kept in the file as written.', code) });
        else read[code] = text;
      }
      if (Object.keys(read).length > 0) details.codes = read;
    }
  }
  return { details, problems };
}

/** A code's value as text: what a YAML reader made of `2020` or `true` is the text written. */
function codeValue(value: unknown): string | string[] | undefined {
  const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
  if (!Array.isArray(value)) return one(value);
  const all = value.map(one);
  return all.every((v) => v !== undefined) ? (all) : undefined;
}

export function sameDetails(a: ArticleDetails, b: ArticleDetails): boolean {
  return DETAIL_KEYS.every((key) => a[key] === b[key]) && sameCodes(a.codes, b.codes);
}

export function sameCodes(a: ArticleCodes | undefined, b: ArticleCodes | undefined): boolean {
  const plain = (codes: ArticleCodes | undefined): string => JSON.stringify(Object.entries(codes ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return plain(a) === plain(b);
}
