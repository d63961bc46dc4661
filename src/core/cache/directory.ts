/**
 * The parse cache's directory (see parseCache.ts): for each entry, where its parts are in the
 * file, the stamps it was made for and its verdict — what `validate` and `check` print of a pair
 * with nothing wrong — all in one JSON line near the end of the file. A warm run parses that line
 * once, with the engine's own parser, where it read a line of the index per entry (a short
 * process's code barely gets compiled: that was a sixth of a warm `check`); it proves an entry
 * current by its stamps before reading its head, and prints a clean pair from its verdict
 * without reading the head at all.
 */
import { articleNameFor } from '../sidecar';
import type { TagStatus } from '../tag';
import type { CachedCheck, CacheEntry, FileStamp } from './entry';

/**
 * Where an entry's parts are: its head [headStart, headEnd) and its check's summary
 * [summaryStart, summaryEnd) (empty: no check kept) in the index, its tags [tagsStart, tagsEnd)
 * and every tag's placement [tagsEnd, checkEnd) in the bulk.
 */
export interface Place {
  readonly headStart: number;
  readonly headEnd: number;
  readonly summaryStart: number;
  readonly summaryEnd: number;
  readonly tagsStart: number;
  readonly tagsEnd: number;
  readonly checkEnd: number;
}

/** What an entry says of its pair without its head being read. */
export interface Verdict {
  /** The loader reported no problem: no tag left out, no detail refused. */
  readonly loadsCleanly: boolean;
  /** Nothing for `validate` to report: it loads cleanly, every id is as the format requires, every tag cuts out its text, and `article:` names the file beside it. */
  readonly valid: boolean;
  /** The check's counts when a check is kept and every tag is anchored where it was (nothing for `check` to list). */
  readonly allAnchored?: Readonly<Record<TagStatus, number>>;
}

export interface DirectoryEntry {
  readonly place: Place;
  readonly sidecar: FileStamp;
  readonly article: FileStamp;
  readonly verdict: Verdict;
}

/** The verdict of an entry kept under `sidecarKey` (the sidecar's path, '/'-separated). */
export function verdictOf(sidecarKey: string, entry: CacheEntry, check: CachedCheck | undefined): Verdict {
  const loadsCleanly = entry.problems.length === 0;
  const besideIt = articleNameFor(sidecarKey.slice(sidecarKey.lastIndexOf('/') + 1));
  const valid = loadsCleanly && entry.oddIds.length === 0 && entry.verification.mismatches.length === 0 && entry.verification.outOfRange.length === 0 && entry.header.article === besideIt;
  const c = check?.counts;
  const allAnchored = c && c.moved === 0 && c.fuzzy === 0 && c.orphaned === 0 ? { anchored: c.anchored, moved: 0, fuzzy: 0, orphaned: 0 } : undefined;
  return { loadsCleanly, valid, ...(allAnchored ? { allAnchored } : {}) };
}

const LOADS_CLEANLY = 1;
const VALID = 2;
const ALL_ANCHORED = 4;

/** Numbers per entry: the place (7), the stamps (4), the verdict's flags and counts (5). */
const SLOTS = 16;
/** The directory line's array per entry: the path, then the SLOTS numbers. */
const FIELDS = 1 + SLOTS;
/** Where the sidecar's and the article's mtimes are in that array. */
const MTIMES = [9, 11] as const;

/**
 * Directory entries by path, sixteen numbers each in one growing array rather than objects: the
 * directory of a large corpus is most of what a run keeps.
 */
export class PlaceMap {
  private readonly slots = new Map<string, number>();
  private data = new Float64Array(SLOTS * 1024);
  private used = 0;

  get size(): number {
    return this.slots.size;
  }

  get(path: string): DirectoryEntry | undefined {
    const slot = this.slots.get(path);
    return slot === undefined ? undefined : this.at(slot);
  }

  set(path: string, entry: DirectoryEntry): void {
    this.add(path, numbersOf(entry), 0);
  }

  /** Adds the SLOTS numbers of `numbers` from `from` on. */
  private add(path: string, numbers: readonly number[], from: number): void {
    let slot = this.slots.get(path);
    if (slot === undefined) {
      if (SLOTS * (this.used + 1) > this.data.length) {
        const wider = new Float64Array(this.data.length * 2);
        wider.set(this.data);
        this.data = wider;
      }
      slot = this.used++;
      this.slots.set(path, slot);
    }
    const d = this.data;
    const at = SLOTS * slot;
    for (let i = 0; i < SLOTS; i++) d[at + i] = numbers[from + i]!;
  }

  delete(path: string): boolean {
    return this.slots.delete(path);
  }

  /** The paths in the directory's order. */
  paths(): IterableIterator<string> {
    return this.slots.keys();
  }

  *[Symbol.iterator](): Generator<[string, DirectoryEntry]> {
    for (const [path, slot] of this.slots) yield [path, this.at(slot)];
  }

  /**
   * The directory line for these entries (without its line break), a few hundred entries per
   * piece, their heads' and summaries' places moved by `indexAt` (where the index they were
   * counted in begins in the file).
   */
  json(indexAt: number): Generator<string> {
    return jsonArrayPieces(this.slots, ([path, slot]) => {
      const numbers = Array.from(this.data.subarray(SLOTS * slot, SLOTS * slot + SLOTS));
      for (let i = 0; i < 4; i++) numbers[i] = numbers[i]! + indexAt;
      return JSON.stringify([path, ...numbers]);
    });
  }

  /**
   * The entries of a directory line, or undefined when it is not one this format writes: heads
   * and summaries must lie in [indexFrom, indexTo), tags and placements in [bulkFrom, bulkTo).
   */
  static read(text: string, bounds: { bulkFrom: number; bulkTo: number; indexFrom: number; indexTo: number }): PlaceMap | undefined {
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (!Array.isArray(rows)) return undefined;
    const map = new PlaceMap();
    // Indexed reads only, no destructuring or copies: this runs once per entry in a short process
    // whose code is barely compiled, where an iterator per row cost more than the JSON.parse.
    for (let r = 0; r < rows.length; r++) {
      const row: unknown = rows[r];
      if (!Array.isArray(row) || row.length !== FIELDS) return undefined;
      const path: unknown = row[0];
      if (typeof path !== 'string' || map.slots.has(path)) return undefined;
      for (let i = 1; i < FIELDS; i++) {
        const n: unknown = row[i];
        // Every number a whole one, not below 0, but the two mtimes (any finite number of milliseconds).
        if (typeof n !== 'number' || !(i === MTIMES[0] || i === MTIMES[1] ? Number.isFinite(n) : Number.isInteger(n) && n >= 0)) return undefined;
      }
      const n = row as number[];
      if (n[12]! > 7) return undefined; // the verdict's flags
      if (!(bounds.indexFrom <= n[1]! && n[1]! < n[2]! && n[2]! <= n[3]! && n[3]! <= n[4]! && n[4]! <= bounds.indexTo)) return undefined;
      if (!(bounds.bulkFrom <= n[5]! && n[5]! <= n[6]! && n[6]! <= n[7]! && n[7]! <= bounds.bulkTo)) return undefined;
      if ((n[3] === n[4]) !== (n[6] === n[7])) return undefined; // a summary and placements, or neither
      map.add(path, n, 1);
    }
    return map;
  }

  /** The entry's slot: the order it was added in (for a directory read, its place in the line). */
  slotOf(path: string): number | undefined {
    return this.slots.get(path);
  }

  /** slotOf, when the entry was made for exactly these stamps (read without building the entry). */
  slotIfCurrent(path: string, sidecar: FileStamp, article: FileStamp): number | undefined {
    const slot = this.slots.get(path);
    if (slot === undefined) return undefined;
    const d = this.data;
    const i = SLOTS * slot + 7;
    return d[i] === sidecar.size && d[i + 1] === sidecar.mtime && d[i + 2] === article.size && d[i + 3] === article.mtime ? slot : undefined;
  }

  /** Where the parts of the entry of `path` are, when it was made for exactly these stamps. */
  placeIfCurrent(path: string, sidecar: FileStamp, article: FileStamp): Place | undefined {
    const slot = this.slotIfCurrent(path, sidecar, article);
    return slot === undefined ? undefined : placeFrom(this.data, SLOTS * slot);
  }

  /** The verdict of the entry of `path` when it was made for exactly these stamps. */
  verdict(path: string, sidecar: FileStamp, article: FileStamp): Verdict | undefined {
    const slot = this.slotIfCurrent(path, sidecar, article);
    return slot === undefined ? undefined : verdictFrom(this.data, SLOTS * slot + 11);
  }

  private at(slot: number): DirectoryEntry {
    return entryOf(Array.from(this.data.subarray(SLOTS * slot, SLOTS * slot + SLOTS)));
  }
}

/** A JSON array of the items' texts, a few hundred items per piece: a line of a large corpus's cache is written in pieces, never held whole. */
export function* jsonArrayPieces<T>(items: Iterable<T>, text: (item: T) => string): Generator<string> {
  let piece: string[] = [];
  let first = true;
  for (const item of items) {
    piece.push(text(item));
    if (piece.length === 512) {
      yield (first ? '[' : ',') + piece.join(',');
      first = false;
      piece = [];
    }
  }
  yield `${first ? '[' : ','}${piece.join(',')}]`;
}

function numbersOf({ place: p, sidecar, article, verdict: v }: DirectoryEntry): number[] {
  const flags = (v.loadsCleanly ? LOADS_CLEANLY : 0) | (v.valid ? VALID : 0) | (v.allAnchored ? ALL_ANCHORED : 0);
  const c = v.allAnchored;
  return [p.headStart, p.headEnd, p.summaryStart, p.summaryEnd, p.tagsStart, p.tagsEnd, p.checkEnd, sidecar.size, sidecar.mtime, article.size, article.mtime, flags, c?.anchored ?? 0, c?.moved ?? 0, c?.fuzzy ?? 0, c?.orphaned ?? 0];
}

/** The verdict whose flags are at n[at], its counts after them. */
function verdictFrom(n: ArrayLike<number>, at: number): Verdict {
  const flags = n[at]!;
  return {
    loadsCleanly: (flags & LOADS_CLEANLY) !== 0,
    valid: (flags & VALID) !== 0,
    ...((flags & ALL_ANCHORED) !== 0 ? { allAnchored: { anchored: n[at + 1]!, moved: n[at + 2]!, fuzzy: n[at + 3]!, orphaned: n[at + 4]! } } : {}),
  };
}

/** The place whose seven numbers start at n[at]. */
function placeFrom(n: ArrayLike<number>, at: number): Place {
  return { headStart: n[at]!, headEnd: n[at + 1]!, summaryStart: n[at + 2]!, summaryEnd: n[at + 3]!, tagsStart: n[at + 4]!, tagsEnd: n[at + 5]!, checkEnd: n[at + 6]! };
}

function entryOf(n: readonly number[]): DirectoryEntry {
  const verdict = verdictFrom(n, 11);
  return {
    place: placeFrom(n, 0),
    sidecar: { size: n[7]!, mtime: n[8]! },
    article: { size: n[9]!, mtime: n[10]! },
    verdict,
  };
}
