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
 * The file: a header line; then the entries' tags (and checks), as bytes; then the index, a line
 * per entry, `"path"<TAB>head<TAB>tagsStart,tagsEnd,checkEnd`, or with a check kept
 * `"path"<TAB>head<TAB>summary<TAB>tagsStart,tagsEnd,checkEnd` (the head and the summary are
 * JSON arrays by position, see compactHead.ts); then the directory, one JSON line that says for
 * each entry where its parts are, the stamps it was made for and its verdict (directory.ts); then
 * the counts line, one JSON array with, for each entry in the directory's order, the tag counts,
 * words and outlet `stats` prints (0 for an entry with problems to report); then a trailer line
 * with the number of entries and where the index, the directory and the counts line start. So a
 * warm run reads the header, the trailer and the directory; a clean pair's verdict is all
 * `validate` and `check` print of it; `stats` reads the counts line, and the heads only of pairs
 * with problems; `check` reads the summaries of the pairs with something to list, in the index;
 * the tags only a command that uses them. A file cut short anywhere has no trailer at its end and
 * is not taken.
 */
import type { FileSystemPort } from '../fs/port';
import type { Tag } from '../tag';
import { decodeCounts, decodeHead, decodeSummary, encodeCounts, encodeHead, encodeSummary, headMatches } from './compactHead';
import { jsonArrayPieces, PlaceMap, verdictOf, type Place, type Verdict } from './directory';
import { isCheck, storedTags, tagsFromStored, type CachedCheck, type CacheEntry, type EntryCounts, type FileStamp } from './entry';
import { messagesVersion, portCacheFiles, trailerLine, type CacheFiles, type CacheSource, type NextCacheFile } from './files';

/** Bumped whenever an entry's shape or meaning changes. */
export const CACHE_FORMAT = 8;
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

export class ParseCache {
  private changed: boolean;
  /** Entries of the file read at open still to be written again. */
  private readonly old: PlaceMap;
  /** Entries made by this run: heads in `nextIndex`, tags and checks in `next`. */
  private readonly fresh = new PlaceMap();
  private next: NextCacheFile | undefined;
  private nextIndex: NextCacheFile | undefined;
  private broken = false;
  /** Where the opened file's counts line is and how many entries it holds; its entries, by slot of `old`, once read (null: unreadable). */
  private readonly countsAt: OpenedIndex['counts'] | undefined;
  private oldCounts: readonly unknown[] | null | undefined;
  /** The counts line's entry (encodeCounts) of each entry made by this run, or copied into the next file. */
  private readonly freshCounts = new Map<string, string>();

  private constructor(private readonly files: CacheFiles, readonly file: string, private readonly version: string, private readonly source: CacheSource | undefined, opened: OpenedIndex | undefined, changed: boolean) {
    this.old = opened?.directory ?? new PlaceMap();
    this.countsAt = opened?.counts;
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
    return new ParseCache(files, file, version, index ? source : undefined, index, source !== undefined && index === undefined);
  }

  /** The entry for this sidecar when both files are exactly as they were when it was made. */
  get(sidecarPath: string, sidecar: FileStamp, article: FileStamp): CachedSidecar | undefined {
    const fresh = this.fresh.get(sidecarPath)?.place;
    // An entry made for other stamps is not read at all: it is simply old.
    const place = fresh ?? this.old.placeIfCurrent(sidecarPath, sidecar, article);
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
   * What `stats` reads of the entry for this sidecar (its tag counts, words and outlet) without its
   * head being read, when both files are exactly as they were when it was made and the entry has no
   * problem to report (undefined otherwise: then get() answers). The counts line is read at the
   * first question: the other commands never read it.
   */
  counts(sidecarPath: string, sidecar: FileStamp, article: FileStamp): EntryCounts | undefined {
    const slot = this.fresh.slotOf(sidecarPath) === undefined ? this.old.slotIfCurrent(sidecarPath, sidecar, article) : undefined;
    if (slot === undefined) return undefined;
    const value = this.countsOfOld()?.[slot];
    if (value === 0) return undefined;
    const counts = decodeCounts(value);
    if (!counts) this.changed = true; // a damaged entry: the head answers, and the line is written anew
    return counts;
  }

  /** The opened file's counts line, by slot, read on first use; null when it cannot be read. */
  private countsOfOld(): readonly unknown[] | null {
    if (this.oldCounts === undefined) {
      const at = this.countsAt;
      const value = at && this.source ? parseJson(DECODER.decode(this.source.read(at.from, at.to))) : undefined;
      // Against the entries the file was opened with: `old` loses those this run has dropped or made anew.
      this.oldCounts = Array.isArray(value) && value.length === at?.entries ? value : null;
      if (this.oldCounts === null) this.changed = true;
    }
    return this.oldCounts;
  }

  /**
   * What the entry for this sidecar says of it without its head being read (see Verdict), when
   * both files are exactly as they were when it was made; undefined otherwise.
   */
  verdict(sidecarPath: string, sidecar: FileStamp, article: FileStamp): Verdict | undefined {
    // put() takes an entry out of `old` as it makes one in `fresh`: a path is in one of them at most.
    return this.fresh.verdict(sidecarPath, sidecar, article) ?? this.old.verdict(sidecarPath, sidecar, article);
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
    const place = this.write(ENCODER.encode(`${JSON.stringify(sidecarPath)}\t`), ENCODER.encode(encodeHead(head)), ENCODER.encode(typeof tags === 'string' ? tags : JSON.stringify(storedTags(tags))), check && encodeCheck(check));
    if (!place) return false;
    this.old.delete(sidecarPath);
    this.fresh.set(sidecarPath, { place, sidecar: entry.sidecar, article: entry.articleFile, verdict: verdictOf(sidecarPath, entry, check) });
    this.freshCounts.set(sidecarPath, encodeCounts(head));
    return true;
  }

  /** Drops the entry, for a sidecar Newsmark has just written or found gone. */
  forget(sidecarPath: string): void {
    // The directory names every entry kept: a dropped one's parts stay in the next file unnamed.
    if (this.old.delete(sidecarPath)) this.changed = true;
    if (this.fresh.delete(sidecarPath)) this.changed = true;
    this.freshCounts.delete(sidecarPath);
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
      const oldCounts = this.old.size > 0 ? this.countsOfOld() : null;
      for (const [path, old] of this.old) {
        const source = this.source!;
        const place = old.place;
        const check = place.summaryEnd > place.summaryStart ? { summary: source.read(place.summaryStart, place.summaryEnd), placements: source.read(place.tagsEnd, place.checkEnd) } : undefined;
        const copied = this.write(ENCODER.encode(`${JSON.stringify(path)}\t`), source.read(place.headStart, place.headEnd), source.read(place.tagsStart, place.tagsEnd), check);
        if (!copied) throw new Error('the cache file could not be written');
        this.freshCounts.set(path, this.oldCountsText(oldCounts?.[this.old.slotOf(path)!], place));
        this.fresh.set(path, { ...old, place: copied });
      }
      const next = this.next!;
      const index = this.nextIndex!;
      const indexStart = next.size;
      for (let at = 0; at < index.size; at += WINDOW) next.append(index.read(at, Math.min(index.size, at + WINDOW)));
      const directoryStart = next.size;
      // The heads' places were counted from the index's own start: in the file it follows the bulk.
      for (const piece of this.fresh.json(indexStart)) next.append(ENCODER.encode(piece));
      next.append(NEWLINE_BYTES);
      const countsStart = next.size;
      for (const piece of this.countsLine()) next.append(ENCODER.encode(piece));
      next.append(ENCODER.encode(`\n${JSON.stringify({ [TRAILER_KEY]: this.fresh.size, index: indexStart, directory: directoryStart, counts: countsStart })}\n`));
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

  /** An old entry's counts for the next file: as they were, or from its head when they were damaged. */
  private oldCountsText(counts: unknown, place: Place): string {
    if (counts === 0) return '0';
    if (decodeCounts(counts)) return JSON.stringify(counts);
    const head = decodeHead(parseJson(DECODER.decode(this.source!.read(place.headStart, place.headEnd))));
    return head ? encodeCounts(head) : '0';
  }

  /** The counts line, in the directory's order. */
  private countsLine(): Generator<string> {
    return jsonArrayPieces(this.fresh.paths(), (path) => this.freshCounts.get(path) ?? '0');
  }

  /** Writes an entry's index line (its path, `quotedPath`, then head) and parts; where they are, or undefined. */
  private write(quotedPath: Uint8Array, head: Uint8Array, tags: Uint8Array, check?: EncodedCheck): Place | undefined {
    this.changed = true;
    if (!this.begin()) return undefined;
    try {
      const next = this.next!;
      const index = this.nextIndex!;
      index.append(quotedPath);
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
const TAB_BYTES = new Uint8Array([TAB]);
const NEWLINE_BYTES = new Uint8Array([NEWLINE]);

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

/** What opening a cache file reads: its directory, and where its counts line is. */
interface OpenedIndex {
  readonly directory: PlaceMap;
  readonly counts: { readonly from: number; readonly to: number; readonly entries: number };
}

/**
 * Where each entry of a cache file is, from its directory, or undefined when the file is not a
 * whole cache of this format and version.
 */
function indexOf(source: CacheSource, version: string): OpenedIndex | undefined {
  const first = source.read(0, Math.min(source.size, 4096));
  const headerEnd = first.indexOf(NEWLINE);
  if (headerEnd < 0) return undefined;
  const header = parseJson(DECODER.decode(first.subarray(0, headerEnd)));
  if (typeof header !== 'object' || header === null) return undefined;
  const { [HEADER_KEY]: format, newsmark } = header as Record<string, unknown>;
  if (format !== CACHE_FORMAT || newsmark !== version) return undefined;
  const trailer = trailerOf(source);
  if (!trailer || !(headerEnd < trailer.index && trailer.index <= trailer.directory && trailer.directory < trailer.counts && trailer.counts < trailer.at)) return undefined;
  const directory = PlaceMap.read(DECODER.decode(source.read(trailer.directory, trailer.counts - 1)), { bulkFrom: headerEnd + 1, bulkTo: trailer.index, indexFrom: trailer.index, indexTo: trailer.directory });
  // The count catches entries lost or added by anything other than our atomic writes.
  return directory?.size === trailer.entries ? { directory, counts: { from: trailer.counts, to: trailer.at - 1, entries: trailer.entries } } : undefined;
}

/** The trailer line at the very end of the file (where it starts, and what it says), or undefined. */
function trailerOf(source: CacheSource): { at: number; entries: number; index: number; directory: number; counts: number } | undefined {
  const line = trailerLine(source.size, (from, to) => source.read(from, to));
  if (!line) return undefined;
  const { [TRAILER_KEY]: entries, index, directory, counts } = line.value;
  return typeof entries === 'number' && Number.isInteger(index) && Number.isInteger(directory) && Number.isInteger(counts) ? { at: line.at, entries, index: index as number, directory: directory as number, counts: counts as number } : undefined;
}
