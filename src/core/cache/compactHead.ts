/**
 * An entry's head and its check's summary as the cache's index keeps them: JSON arrays by
 * position, not objects. A warm run parses one head per sidecar, and reading the object form
 * (676 bytes, 40-odd keys) was the largest cost per entry outside the stat calls (~95 ms of a
 * warm `check` of 10,000 entries); the arrays are a third of the size and parse several times
 * faster (~67 ms in all). The stamps come first, so a changed file is known before the rest is read.
 *
 * Reading back checks every field a command relies on: anything off gives undefined (the entry
 * is then not used), never an error.
 */
import { CATEGORY_IDS } from '../codebook';
import type { OutletName } from '../outlet';
import type { ReviewState } from '../review/filter';
import type { CachedCheck, CachedProblem, CachedVerification, CacheEntry, CheckedTag, EntryCounts, FileStamp, OddId, TagTally } from './entry';
import { isCheck, isObject } from './entry';

const STATES: readonly ReviewState[] = ['unreviewed', 'confirmed', 'disputed', 'needs-review', 'orphaned'];
const OUTLET_SOURCES: readonly OutletName['source'][] = ['field', 'text', 'file'];

/** The head without its check (stored apart), as the index line's JSON text. */
export function encodeHead(head: Omit<CacheEntry, 'check'>): string {
  const { sidecar, articleFile, header, tally, problems, oddIds, articleSha256, words, outlet, verification } = head;
  return JSON.stringify([
    sidecar.size, sidecar.mtime, articleFile.size, articleFile.mtime,
    header.article, header.sha256, header.rejected, header.details,
    ...tallyRow(tally),
    problems.map((p) => [p.kind, p.message, p.line, p.column]),
    oddIds.map((o) => [o.id, o.line, o.column]),
    // Nearly always the sidecar's own sha256: 64 characters of every head saved.
    articleSha256 === header.sha256 ? 0 : articleSha256,
    words,
    outletRow(outlet),
    verification.mismatches.map((m) => [m.id, m.start, m.end, m.text, m.found]),
    verification.outOfRange.map((m) => [m.id, m.start, m.end]),
  ]);
}

/**
 * What `stats` reads of an entry, as the cache's counts line keeps it (see parseCache.ts): the tag
 * counts, the word count and the outlet, in the head's own encoding; 0 for an entry with problems
 * to report, whose head says them.
 */
export function encodeCounts({ tally, words, outlet, problems }: Pick<CacheEntry, 'tally' | 'words' | 'outlet' | 'problems'>): string {
  if (problems.length > 0) return '0';
  return JSON.stringify([
    ...tallyRow(tally), words, outletRow(outlet),
  ]);
}

/** The tag counts as heads and counts keep them, four fields (read back by tallyOf). */
function tallyRow(tally: TagTally): unknown[] {
  return [tally.tags, byKeys(tally.byCategory, CATEGORY_IDS), byKeys(tally.byState, STATES), tally.bySubLabel];
}

/** The outlet as heads and counts keep it (read back by outletOf). */
function outletRow(outlet: OutletName): unknown[] {
  return outlet.evidence === undefined ? [outlet.name, outlet.guessed, outlet.source] : [outlet.name, outlet.guessed, outlet.source, outlet.evidence];
}

/** The counts a parsed counts entry says, or undefined when it is 0 or not one. */
export function decodeCounts(value: unknown): EntryCounts | undefined {
  if (!Array.isArray(value) || value.length !== 6) return undefined;
  const tally = tallyOf(value[0], value[1], value[2], value[3]);
  const words: unknown = value[4];
  const outlet = outletOf(value[5]);
  return tally && isNumber(words) && outlet ? { tally, words, outlet } : undefined;
}

/** Whether a parsed head was made for these stamps; false for anything that is not a head. */
export function headMatches(value: unknown, sidecar: FileStamp, article: FileStamp): boolean {
  return Array.isArray(value) && value[0] === sidecar.size && value[1] === sidecar.mtime && value[2] === article.size && value[3] === article.mtime;
}

/** The entry a parsed head says, or undefined when it is not one. */
export function decodeHead(value: unknown): Omit<CacheEntry, 'check'> | undefined {
  if (!Array.isArray(value) || value.length !== 19) return undefined;
  const [sidecarSize, sidecarMtime, articleSize, articleMtime, article, sha256, rejected, details, tags, byCategory, byState, bySubLabel, problems, oddIds, articleSha256, words, outlet, mismatches, outOfRange] = value as unknown[];
  if (!isNumber(sidecarSize) || !isNumber(sidecarMtime) || !isNumber(articleSize) || !isNumber(articleMtime)) return undefined;
  if (typeof article !== 'string' || typeof sha256 !== 'string' || !Array.isArray(rejected) || !isObject(details)) return undefined;
  const tally = tallyOf(tags, byCategory, byState, bySubLabel);
  const cachedProblems = rowsOf(problems, problemOf);
  const odd = rowsOf(oddIds, oddIdOf);
  const outletName = outletOf(outlet);
  const verification = verificationOf(mismatches, outOfRange);
  if (!tally || !cachedProblems || !odd || !outletName || !verification || !isNumber(words)) return undefined;
  if (articleSha256 !== 0 && typeof articleSha256 !== 'string') return undefined;
  return {
    sidecar: { size: sidecarSize, mtime: sidecarMtime },
    articleFile: { size: articleSize, mtime: articleMtime },
    header: { article, sha256, rejected, details },
    tally, problems: cachedProblems, oddIds: odd,
    articleSha256: articleSha256 === 0 ? sha256 : articleSha256,
    words, outlet: outletName, verification,
  };
}

/** A check's summary for the index: its counts, whether it is stale, and the tags not anchored. */
export function encodeSummary({ counts, stale, tags }: CachedCheck): string {
  return JSON.stringify([counts.anchored, counts.moved, counts.fuzzy, counts.orphaned, stale, tags.filter((t) => t.status !== 'anchored')]);
}

/** The summary as a check whose tags are only those not anchored, or undefined when it is not one (for an entry of `tagCount` tags). */
export function decodeSummary(value: unknown, tagCount: number): CachedCheck | undefined {
  if (!Array.isArray(value) || value.length !== 6) return undefined;
  const [anchored, moved, fuzzy, orphaned, stale, notable] = value as unknown[];
  const check = { counts: { anchored, moved, fuzzy, orphaned }, stale, tags: notable };
  if (!isCheck(check) || check.tags.some((t: CheckedTag) => t.status === 'anchored') || check.tags.length !== tagCount - check.counts.anchored) return undefined;
  return check;
}

/** The counts in the keys' order, or the object itself when its keys are not exactly those (read back either way). */
function byKeys(counts: Readonly<Record<string, number>>, keys: readonly string[]): number[] | Readonly<Record<string, number>> {
  const own = Object.keys(counts);
  return own.length === keys.length && own.every((k, i) => k === keys[i]) ? keys.map((k) => counts[k]!) : counts;
}

function countsOf(value: unknown, keys: readonly string[]): Record<string, number> | undefined {
  if (Array.isArray(value)) {
    if (value.length !== keys.length || !value.every(isNumber)) return undefined;
    const out: Record<string, number> = {};
    keys.forEach((k, i) => (out[k] = value[i] as number));
    return out;
  }
  return isObject(value) && Object.values(value).every(isNumber) ? (value as Record<string, number>) : undefined;
}

function tallyOf(tags: unknown, byCategory: unknown, byState: unknown, bySubLabel: unknown): TagTally | undefined {
  const categories = countsOf(byCategory, CATEGORY_IDS);
  const states = countsOf(byState, STATES);
  const subLabels = isObject(bySubLabel) && Object.values(bySubLabel).every(isNumber) ? (bySubLabel as Record<string, number>) : undefined;
  if (!isNumber(tags) || !categories || !states || !subLabels) return undefined;
  return { tags, byCategory: categories, byState: states, bySubLabel: subLabels };
}

function problemOf(row: unknown[]): CachedProblem | undefined {
  const [kind, message, line, column] = row;
  return row.length === 4 && (kind === 'detail' || kind === 'invalid') && typeof message === 'string' && isNumber(line) && isNumber(column) ? { kind, message, line, column } : undefined;
}

function oddIdOf(row: unknown[]): OddId | undefined {
  const [id, line, column] = row;
  return row.length === 3 && typeof id === 'string' && isNumber(line) && isNumber(column) ? { id, line, column } : undefined;
}

function outletOf(value: unknown): OutletName | undefined {
  if (!Array.isArray(value) || value.length < 3 || value.length > 4) return undefined;
  const [name, guessed, source, evidence] = value as unknown[];
  if (typeof name !== 'string' || typeof guessed !== 'boolean' || !OUTLET_SOURCES.includes(source as OutletName['source'])) return undefined;
  if (value.length === 4 && typeof evidence !== 'string') return undefined;
  return evidence === undefined ? { name, guessed, source: source as OutletName['source'] } : { name, guessed, source: source as OutletName['source'], evidence: evidence as string };
}

function verificationOf(mismatches: unknown, outOfRange: unknown): CachedVerification | undefined {
  const m = rowsOf(mismatches, (row) => {
    const [id, start, end, text, found] = row;
    return row.length === 5 && typeof id === 'string' && isNumber(start) && isNumber(end) && typeof text === 'string' && typeof found === 'string' ? { id, start, end, text, found } : undefined;
  });
  const o = rowsOf(outOfRange, (row) => {
    const [id, start, end] = row;
    return row.length === 3 && typeof id === 'string' && isNumber(start) && isNumber(end) ? { id, start, end } : undefined;
  });
  return m && o ? { mismatches: m, outOfRange: o } : undefined;
}

/** Each row read by `read`, or undefined when the value is not an array of rows or any row is off. */
function rowsOf<T>(value: unknown, read: (row: unknown[]) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: T[] = [];
  for (const row of value as unknown[]) {
    const one = Array.isArray(row) ? read(row) : undefined;
    if (one === undefined) return undefined;
    out.push(one);
  }
  return out;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}
