/**
 * The parse cache: one JSON-lines file per corpus, an entry per sidecar. JSON.parse of an entry
 * is many times faster than parsing the sidecar's YAML, and an entry also carries the article's
 * hash, word count and tag check, so a warm `stats` or `validate` reads no article at all.
 *
 * It can only make things faster, never stale:
 * - an entry is used only when the sidecar's and the article's size and mtime are exactly the
 *   ones they had before they were read for it;
 * - an entry is not stored when either file changed within RACY_MS of being read (git's "racy"
 *   check): a same-size rewrite in the same mtime tick would otherwise hide behind the old entry;
 * - a file that is corrupt, cut short, from another format or another Newsmark version, or
 *   anything else, is ignored and rewritten; reading or writing the cache never fails a command;
 * - the file is replaced atomically, so two processes never leave a torn cache (the last one wins).
 *
 * Its memory does not grow with the corpus: the file is indexed, not held, and entries are read
 * from it where the index says; new entries go straight into the next version of the file as
 * they are made, and the old entries still wanted are copied after them when it is saved. A run
 * keeps an index entry per sidecar, nothing more.
 *
 * The file: a header line; then the entries' tags (and checks), as bytes the index points into;
 * then the index, a line per entry, `"path"<TAB>head<TAB>tagsStart,tagsEnd,checkEnd`, or with a
 * check kept `"path"<TAB>head<TAB>summary<TAB>tagsStart,tagsEnd,checkEnd` (a later line for a
 * path replaces an earlier one; `"path"<TAB>` alone drops it; the head and the summary are JSON
 * arrays by position, see compactHead.ts); then a trailer line with the
 * number of index lines and where the index starts. So a warm `stats` reads the header, the
 * trailer and the index — the heads — and never the tags, and a warm `check` the index too (its
 * summaries: the counts and the tags not anchored), unless every tag's placement is asked for;
 * and a file cut short anywhere has no trailer at its end and is not taken.
 */
import type { FileSystemPort } from '../fs/port';
import type { Tag } from '../tag';
import { decodeHead, decodeSummary, encodeHead, encodeSummary, headMatches } from './compactHead';
import { isCheck, storedTags, tagsFromStored, type CachedCheck, type CacheEntry, type FileStamp } from './entry';
import { messagesVersion, portCacheFiles, type CacheFiles, type CacheSource, type NextCacheFile } from './files';
import { decimals, jsonString, linesOf } from './indexLines';

/** Bumped whenever an entry's shape or meaning changes. */
export const CACHE_FORMAT = 6;
/** Wider than any file system's mtime tick (FAT: 2 s), and than the clock's step between two writes. */
export const RACY_MS = 2000;

const HEADER_KEY = 'newsmarkParseCache';
const TRAILER_KEY = 'entries';
const TAB = 0x09;
const NEWLINE = 0x0a;
/** Bytes of the index copied at once into the next file. */
const WINDOW = 1 << 20;

/** An entry found, its tags parsed on first use; undefined from tags() when they are damaged (then read the sidecar). */
export interface CachedSidecar {
  /** The entry without its check, which is stored apart: the other commands need not parse it. */
  readonly entry: CacheEntry;
  tags(): readonly Tag[] | undefined;
  /**
   * What `check` found, when a check of these files was kept. With `all` false, its `tags` are
   * only those not anchored (what `check` prints without --json): the rest is not even parsed.
   */
  check(all?: boolean): CachedCheck | undefined;
}

/**
 * Where an entry's parts are: its head [headStart, headEnd) and its check's summary
 * [summaryStart, summaryEnd) (empty: no check kept) in one file, its tags [tagsStart, tagsEnd)
 * and every tag's placement [tagsEnd, checkEnd) in another (or the same).
 */
interface Place {
  readonly headStart: number;
  readonly headEnd: number;
  readonly summaryStart: number;
  readonly summaryEnd: number;
  readonly tagsStart: number;
  readonly tagsEnd: number;
  readonly checkEnd: number;
}

/** Numbers per place. */
const SLOTS = 7;

/**
 * Places by path, seven numbers each in one growing array rather than an object per entry: the
 * index of a large corpus is most of what a run keeps.
 */
class PlaceMap {
  private readonly slots = new Map<string, number>();
  private data = new Float64Array(SLOTS * 1024);
  private used = 0;

  get size(): number {
    return this.slots.size;
  }

  get(path: string): Place | undefined {
    const slot = this.slots.get(path);
    return slot === undefined ? undefined : this.at(slot);
  }

  set(path: string, place: Place): void {
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
    const i = SLOTS * slot;
    d[i] = place.headStart;
    d[i + 1] = place.headEnd;
    d[i + 2] = place.summaryStart;
    d[i + 3] = place.summaryEnd;
    d[i + 4] = place.tagsStart;
    d[i + 5] = place.tagsEnd;
    d[i + 6] = place.checkEnd;
  }

  delete(path: string): boolean {
    return this.slots.delete(path);
  }

  *[Symbol.iterator](): Generator<[string, Place]> {
    for (const [path, slot] of this.slots) yield [path, this.at(slot)];
  }

  private at(slot: number): Place {
    const d = this.data;
    const i = SLOTS * slot;
    return { headStart: d[i]!, headEnd: d[i + 1]!, summaryStart: d[i + 2]!, summaryEnd: d[i + 3]!, tagsStart: d[i + 4]!, tagsEnd: d[i + 5]!, checkEnd: d[i + 6]! };
  }
}

export class ParseCache {
  private changed: boolean;
  /** Entries of the file read at open still to be written again. */
  private readonly old: PlaceMap;
  /** Entries made by this run: heads in `nextIndex`, tags and checks in `next`. */
  private readonly fresh = new PlaceMap();
  private next: NextCacheFile | undefined;
  private nextIndex: NextCacheFile | undefined;
  private indexLines = 0;
  private broken = false;

  private constructor(private readonly files: CacheFiles, readonly file: string, private readonly version: string, private readonly source: CacheSource | undefined, old: PlaceMap, changed: boolean) {
    this.old = old;
    this.changed = changed;
  }

  /**
   * The cache in `file`, or an empty one when there is none or it cannot be used. Never throws.
   * `files` reads and writes it (the command line's does so without holding it); by default,
   * the file system port, which holds it in memory.
   */
  static async open(fs: FileSystemPort, file: string, newsmarkVersion: string, files: CacheFiles = portCacheFiles(fs)): Promise<ParseCache> {
    const version = messagesVersion(newsmarkVersion);
    const source = await files.open(file).catch(() => undefined);
    const index = source && indexOf(source, version);
    if (source && !index) source.close();
    return new ParseCache(files, file, version, index ? source : undefined, index ?? new PlaceMap(), source !== undefined && index === undefined);
  }

  /** The entry for this sidecar when both files are exactly as they were when it was made. */
  get(sidecarPath: string, sidecar: FileStamp, article: FileStamp): CachedSidecar | undefined {
    const fresh = this.fresh.get(sidecarPath);
    const place = fresh ?? this.old.get(sidecarPath);
    const heads = fresh ? this.nextIndex : this.source;
    const bulk = fresh ? this.next : this.source;
    if (!place || !heads || !bulk) return undefined;
    const parsed = parseJson(DECODER.decode(heads.read(place.headStart, place.headEnd)));
    // A head made for other stamps is not read further: the entry is simply old.
    const head = Array.isArray(parsed) && !headMatches(parsed, sidecar, article) ? null : decodeHead(parsed);
    if (head === null) return undefined;
    if (head === undefined) {
      this.forget(sidecarPath);
      return undefined;
    }
    return new FoundEntry(this, sidecarPath, place, heads, bulk, head);
  }

  /**
   * Keeps an entry made from reads that began at `readAt` (a Date.now() taken before the files
   * were stat'ed). False, and nothing kept, when either file was changed too close to that
   * moment for its mtime to tell a later change apart, or when the cache cannot be written.
   * `tags` may come as the JSON of storedTags already (from a parse worker).
   */
  put(sidecarPath: string, entry: CacheEntry, tags: readonly Tag[] | string, readAt: number): boolean {
    if (isRacy(entry.sidecar, readAt) || isRacy(entry.articleFile, readAt)) {
      this.forget(sidecarPath);
      return false;
    }
    const { check, ...head } = entry;
    const place = this.write(sidecarPath, ENCODER.encode(encodeHead(head)), ENCODER.encode(typeof tags === 'string' ? tags : JSON.stringify(storedTags(tags))), check && encodeCheck(check));
    if (!place) return false;
    this.old.delete(sidecarPath);
    this.fresh.set(sidecarPath, place);
    return true;
  }

  /** Drops the entry, for a sidecar Newsmark has just written or found gone. */
  forget(sidecarPath: string): void {
    if (this.old.delete(sidecarPath)) this.changed = true;
    if (this.fresh.delete(sidecarPath)) this.write(sidecarPath);
  }

  get size(): number {
    return this.old.size + this.fresh.size;
  }

  /**
   * Writes the cache when anything changed: the old entries still wanted are copied after this
   * run's, then the index, into the next file, which then replaces the cache atomically. False
   * when it could not be written (a read-only corpus, a full disk): the next run starts cold.
   */
  async save(prepareFolder: (fs: FileSystemPort) => Promise<void> = () => Promise.resolve()): Promise<boolean> {
    if (!this.changed) {
      this.source?.close();
      return true;
    }
    try {
      if (!this.begin()) throw new Error('the cache file could not be written');
      for (const [path, place] of this.old) {
        const source = this.source!;
        const check = place.summaryEnd > place.summaryStart ? { summary: source.read(place.summaryStart, place.summaryEnd), placements: source.read(place.tagsEnd, place.checkEnd) } : undefined;
        this.write(path, source.read(place.headStart, place.headEnd), source.read(place.tagsStart, place.tagsEnd), check);
        if (this.broken) throw new Error('the cache file could not be written');
      }
      const next = this.next!;
      const index = this.nextIndex!;
      const indexStart = next.size;
      for (let at = 0; at < index.size; at += WINDOW) next.append(index.read(at, Math.min(index.size, at + WINDOW)));
      next.append(ENCODER.encode(`${JSON.stringify({ [TRAILER_KEY]: this.indexLines, index: indexStart })}\n`));
      this.source?.close();
      await next.commit(prepareFolder);
      this.changed = false;
      return true;
    } catch {
      this.source?.close();
      this.next?.discard();
      return false;
    } finally {
      this.nextIndex?.discard();
      this.next = undefined;
      this.nextIndex = undefined;
    }
  }

  /** Writes an entry (without its parts: a line that drops the path); where its parts are, or undefined. */
  private write(path: string, head?: Uint8Array, tags?: Uint8Array, check?: EncodedCheck): Place | undefined {
    this.changed = true;
    if (!this.begin()) return undefined;
    try {
      const next = this.next!;
      const index = this.nextIndex!;
      index.append(ENCODER.encode(`${JSON.stringify(path)}\t`));
      this.indexLines++;
      if (!head || !tags) {
        index.append(NEWLINE_BYTES);
        return undefined;
      }
      const tagsStart = next.size;
      next.append(tags);
      const tagsEnd = next.size;
      if (check) next.append(check.placements);
      const checkEnd = next.size;
      const headStart = index.size;
      index.append(head);
      const headEnd = index.size;
      let summaryStart = headEnd;
      if (check) {
        index.append(TAB_BYTES);
        summaryStart = index.size;
        index.append(check.summary);
      }
      const summaryEnd = index.size;
      index.append(ENCODER.encode(`\t${tagsStart},${tagsEnd},${checkEnd}\n`));
      return { headStart, headEnd, summaryStart, summaryEnd, tagsStart, tagsEnd, checkEnd };
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  /** The next version of the file (begun with its header) and its index, on first use; false when they cannot be made. */
  private begin(): boolean {
    if (this.next || this.broken) return !this.broken;
    try {
      this.next = this.files.create(this.file);
      this.nextIndex = this.files.create(this.file);
      this.next.append(ENCODER.encode(`${JSON.stringify({ [HEADER_KEY]: CACHE_FORMAT, newsmark: this.version })}\n`));
      return true;
    } catch {
      this.next?.discard();
      this.broken = true;
      this.next = undefined;
      this.nextIndex = undefined;
      return false;
    }
  }
}

/** What an entry's parts are read from: the opened file, or the next one (this run's entries). */
type Readable = Pick<CacheSource, 'read'>;

/** An entry found by ParseCache.get: one object per entry, its parts read from the file on first use. */
class FoundEntry implements CachedSidecar {
  private stored: { value: readonly Tag[] | undefined } | undefined;

  constructor(private readonly cache: ParseCache, private readonly sidecarPath: string, private readonly place: Place, private readonly heads: Readable, private readonly bulk: Readable, readonly entry: CacheEntry) {}

  tags(): readonly Tag[] | undefined {
    if (this.stored) return this.stored.value;
    const value = tagsFromStored(parseJson(DECODER.decode(this.bulk.read(this.place.tagsStart, this.place.tagsEnd))));
    this.stored = { value: value && value.length === this.entry.tally.tags ? value : undefined };
    if (!this.stored.value) this.cache.forget(this.sidecarPath);
    return this.stored.value;
  }

  check(all = true): CachedCheck | undefined {
    const place = this.place;
    if (place.summaryEnd === place.summaryStart) return undefined;
    // The summary (counts, staleness, the tags not anchored) is in the index, beside the head;
    // every tag's placement is in the bulk, read only when all are wanted.
    const notable = decodeSummary(parseJson(DECODER.decode(this.heads.read(place.summaryStart, place.summaryEnd))), this.entry.tally.tags);
    if (!notable) return undefined;
    if (!all) return notable;
    const check = { counts: notable.counts, stale: notable.stale, tags: parseJson(DECODER.decode(this.bulk.read(place.tagsEnd, place.checkEnd))) };
    return isCheck(check) && check.tags.length === this.entry.tally.tags ? check : undefined;
  }
}

const DECODER = new TextDecoder();
const ENCODER = new TextEncoder();
const NEWLINE_BYTES = new Uint8Array([NEWLINE]);
const TAB_BYTES = new Uint8Array([TAB]);

/** A check as it is kept: its summary (in the index) and every tag's placement (in the bulk). */
interface EncodedCheck {
  readonly summary: Uint8Array;
  readonly placements: Uint8Array;
}

function encodeCheck(check: CachedCheck): EncodedCheck {
  // JSON never holds a raw tab, so tabs can part the summary from the head and the offsets.
  return { summary: ENCODER.encode(encodeSummary(check)), placements: ENCODER.encode(JSON.stringify(check.tags)) };
}

function isRacy(stamp: FileStamp, readAt: number): boolean {
  return stamp.mtime >= readAt - RACY_MS;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Where each entry of a cache file is, from its index (read a window at a time), or undefined when
 * the file is not a whole cache of this format and version.
 */
function indexOf(source: CacheSource, version: string): PlaceMap | undefined {
  const first = source.read(0, Math.min(source.size, 4096));
  const headerEnd = first.indexOf(NEWLINE);
  if (headerEnd < 0) return undefined;
  const header = parseJson(DECODER.decode(first.subarray(0, headerEnd)));
  if (typeof header !== 'object' || header === null) return undefined;
  const { [HEADER_KEY]: format, newsmark } = header as Record<string, unknown>;
  if (format !== CACHE_FORMAT || newsmark !== version) return undefined;
  const trailer = trailerOf(source);
  if (!trailer || trailer.index <= headerEnd || trailer.index > trailer.at) return undefined;
  const index = new PlaceMap();
  let count = 0;
  for (const line of linesOf(source, trailer.index, trailer.at)) {
    const tab = line.bytes.indexOf(TAB);
    const path = tab < 0 ? undefined : jsonString(line.bytes.subarray(0, tab));
    if (typeof path !== 'string') return undefined;
    count++;
    if (tab === line.bytes.length - 1) {
      index.delete(path);
      continue;
    }
    const last = line.bytes.lastIndexOf(TAB);
    const offsets = decimals(line.bytes, last + 1);
    if (!offsets) return undefined;
    const [tagsStart, tagsEnd, checkEnd] = offsets;
    if (last <= tab || !offsets.every((n) => n > headerEnd && n <= trailer.index) || !(tagsStart <= tagsEnd && tagsEnd <= checkEnd)) return undefined;
    // A tab between the head and the offsets starts the check's summary.
    const middle = line.bytes.indexOf(TAB, tab + 1);
    const headEnd = middle < last ? middle : last;
    const summaryStart = middle < last ? middle + 1 : last;
    if ((summaryStart === last) !== (tagsEnd === checkEnd)) return undefined; // a summary and placements, or neither
    index.set(path, { headStart: line.at + tab + 1, headEnd: line.at + headEnd, summaryStart: line.at + summaryStart, summaryEnd: line.at + last, tagsStart, tagsEnd, checkEnd });
  }
  // The count catches lines lost or added by anything other than our atomic writes.
  return count === trailer.entries ? index : undefined;
}

/** The trailer line at the very end of the file (where it starts, and what it says), or undefined. */
function trailerOf(source: CacheSource): { at: number; entries: number; index: number } | undefined {
  const from = Math.max(0, source.size - 4096);
  const tail = source.read(from, source.size);
  if (tail[tail.length - 1] !== NEWLINE) return undefined;
  const start = tail.lastIndexOf(NEWLINE, tail.length - 2) + 1;
  if (start === 0 && from > 0) return undefined;
  const trailer = parseJson(DECODER.decode(tail.subarray(start, tail.length - 1)));
  if (typeof trailer !== 'object' || trailer === null) return undefined;
  const { [TRAILER_KEY]: entries, index } = trailer as Record<string, unknown>;
  return typeof entries === 'number' && typeof index === 'number' && Number.isInteger(index) ? { at: from + start, entries, index } : undefined;
}
