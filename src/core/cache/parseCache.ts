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
 * Its memory does not grow with the corpus's text: the file is indexed (each entry's place), not
 * held, and entries are read from it when asked for; new entries go straight into the next
 * version of the file as they are made, and the old entries still wanted are copied after them
 * when it is saved. A run keeps an index entry per sidecar, nothing more.
 *
 * The file: a header line, entry lines `"path"<TAB>head<TAB>tags[<TAB>check]` (a later line for the same
 * path replaces an earlier one; `"path"<TAB>` alone drops it), then a trailer line with the
 * number of entry lines, so a file cut short at a line's end is not taken whole.
 */
import type { FileSystemPort } from '../fs/port';
import type { Tag } from '../tag';
import { isCacheEntry, isCheck, sameStamp, storedTags, tagsFromStored, type CachedCheck, type CacheEntry, type FileStamp } from './entry';
import { portCacheFiles, type CacheFiles, type CacheSource, type NextCacheFile } from './files';

/** Bumped whenever an entry's shape or meaning changes. */
export const CACHE_FORMAT = 3;
/** Wider than any file system's mtime tick (FAT: 2 s), and than the clock's step between two writes. */
export const RACY_MS = 2000;

const HEADER_KEY = 'newsmarkParseCache';
const TRAILER_KEY = 'entries';
const TAB = 0x09;
const NEWLINE = 0x0a;
/** Bytes of the file read at once while indexing it. */
const WINDOW = 1 << 20;

/** An entry found, its tags parsed on first use; undefined from tags() when they are damaged (then read the sidecar). */
export interface CachedSidecar {
  /** The entry without its check, which is stored apart: the other commands need not parse it. */
  readonly entry: CacheEntry;
  tags(): readonly Tag[] | undefined;
  /** What `check` found, when a check of these files was kept. */
  check(): CachedCheck | undefined;
}

/** Where an entry's parts are in a file: head [start, tab), tags (tab, checkTab), check (checkTab, end); checkTab is end when there is no check. */
interface Place {
  readonly start: number;
  readonly tab: number;
  readonly checkTab: number;
  readonly end: number;
}

export class ParseCache {
  private changed: boolean;
  /** Entries of the file read at open still to be written again. */
  private readonly old: Map<string, Place>;
  /** Entries made by this run, already in `next`. */
  private readonly fresh = new Map<string, Place>();
  private next: NextCacheFile | undefined;
  private nextLines = 0;
  private broken = false;

  private constructor(private readonly files: CacheFiles, readonly file: string, private readonly version: string, private readonly source: CacheSource | undefined, old: Map<string, Place>, changed: boolean) {
    this.old = old;
    this.changed = changed;
  }

  /**
   * The cache in `file`, or an empty one when there is none or it cannot be used. Never throws.
   * `files` reads and writes it (the command line's does so without holding it); by default,
   * the file system port, which holds it in memory.
   */
  static async open(fs: FileSystemPort, file: string, version: string, files: CacheFiles = portCacheFiles(fs)): Promise<ParseCache> {
    const source = await files.open(file).catch(() => undefined);
    const index = source && indexOf(source, version);
    if (source && !index) source.close();
    return new ParseCache(files, file, version, index ? source : undefined, index ?? new Map<string, Place>(), source !== undefined && index === undefined);
  }

  /** The entry for this sidecar when both files are exactly as they were when it was made. */
  get(sidecarPath: string, sidecar: FileStamp, article: FileStamp): CachedSidecar | undefined {
    const fresh = this.fresh.get(sidecarPath);
    const place = fresh ?? this.old.get(sidecarPath);
    const from = fresh ? this.next : this.source;
    if (!place || !from) return undefined;
    const head = place.tab < 0 ? undefined : parseJson(DECODER.decode(from.read(place.start, place.tab)));
    if (!isCacheEntry(head)) {
      this.forget(sidecarPath);
      return undefined;
    }
    if (!sameStamp(head.sidecar, sidecar) || !sameStamp(head.articleFile, article)) return undefined;
    let tags: { value: readonly Tag[] | undefined } | undefined;
    return {
      entry: head,
      tags: () => {
        if (tags) return tags.value;
        const value = tagsFromStored(parseJson(DECODER.decode(from.read(place.tab + 1, place.checkTab))));
        tags = { value: value && value.length === head.tally.tags ? value : undefined };
        if (!tags.value) this.forget(sidecarPath);
        return tags.value;
      },
      check: () => {
        if (place.checkTab === place.end) return undefined;
        const check = parseJson(DECODER.decode(from.read(place.checkTab + 1, place.end)));
        return isCheck(check) && check.tags.length === head.tally.tags ? check : undefined;
      },
    };
  }

  /**
   * Keeps an entry made from reads that began at `readAt` (a Date.now() taken before the files
   * were stat'ed). False, and nothing kept, when either file was changed too close to that
   * moment for its mtime to tell a later change apart, or when the cache cannot be written.
   */
  put(sidecarPath: string, entry: CacheEntry, tags: readonly Tag[], readAt: number): boolean {
    if (isRacy(entry.sidecar, readAt) || isRacy(entry.articleFile, readAt)) {
      this.forget(sidecarPath);
      return false;
    }
    const { check, ...head } = entry;
    const place = this.append(sidecarPath, JSON.stringify(head), JSON.stringify(storedTags(tags)), check && JSON.stringify(check));
    if (!place) return false;
    this.old.delete(sidecarPath);
    this.fresh.set(sidecarPath, place);
    return true;
  }

  /** Drops the entry, for a sidecar Newsmark has just written or found gone. */
  forget(sidecarPath: string): void {
    if (this.old.delete(sidecarPath)) this.changed = true;
    if (this.fresh.delete(sidecarPath)) this.append(sidecarPath);
  }

  get size(): number {
    return this.old.size + this.fresh.size;
  }

  /**
   * Writes the cache when anything changed: the entries of this run, then those of the old file
   * still wanted, into the next file, which then replaces it atomically. False when it could not
   * be written (a read-only corpus, a full disk): the next run starts cold.
   */
  async save(prepareFolder: (fs: FileSystemPort) => Promise<void> = () => Promise.resolve()): Promise<boolean> {
    if (!this.changed) {
      this.source?.close();
      return true;
    }
    try {
      const next = this.nextFile();
      if (!next || this.broken) throw new Error('the cache file could not be written');
      for (const [path, place] of this.old) {
        next.append(ENCODER.encode(`${JSON.stringify(path)}\t`));
        next.append(this.source!.read(place.start, place.end));
        next.append(NEWLINE_BYTES);
        this.nextLines++;
      }
      next.append(ENCODER.encode(`${JSON.stringify({ [TRAILER_KEY]: this.nextLines })}\n`));
      this.source?.close();
      await next.commit(prepareFolder);
      this.changed = false;
      return true;
    } catch {
      this.source?.close();
      this.next?.discard();
      return false;
    } finally {
      this.next = undefined;
    }
  }

  /** Appends an entry line (without head and tags: drops the path); where its head and tags are, or undefined when the file cannot be written. */
  private append(path: string, head?: string, tags?: string, check?: string): Place | undefined {
    this.changed = true;
    const next = this.nextFile();
    if (!next) return undefined;
    try {
      const key = ENCODER.encode(`${JSON.stringify(path)}\t`);
      next.append(key);
      const start = next.size;
      if (head !== undefined && tags !== undefined) {
        next.append(ENCODER.encode(head));
        const tab = next.size;
        next.append(ENCODER.encode(`\t${tags}`));
        const checkTab = next.size;
        if (check !== undefined) next.append(ENCODER.encode(`\t${check}`));
        const end = next.size;
        next.append(NEWLINE_BYTES);
        this.nextLines++;
        return { start, tab, checkTab, end };
      }
      next.append(NEWLINE_BYTES);
      this.nextLines++;
      return undefined;
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  /** The next version of the file, begun on first use with its header. */
  private nextFile(): NextCacheFile | undefined {
    if (this.next || this.broken) return this.next;
    try {
      this.next = this.files.create(this.file);
      this.next.append(ENCODER.encode(`${JSON.stringify({ [HEADER_KEY]: CACHE_FORMAT, newsmark: this.version })}\n`));
    } catch {
      this.broken = true;
      this.next = undefined;
    }
    return this.next;
  }
}

const DECODER = new TextDecoder();
const ENCODER = new TextEncoder();
const NEWLINE_BYTES = new Uint8Array([NEWLINE]);

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
 * Where each entry of a cache file is, read a window at a time, or undefined when the file is
 * not a whole cache of this format and version.
 */
function indexOf(source: CacheSource, version: string): Map<string, Place> | undefined {
  const lines = linesOf(source);
  const first = lines.next();
  if (first.done) return undefined;
  const header = parseJson(DECODER.decode(first.value.bytes));
  if (typeof header !== 'object' || header === null) return undefined;
  const { [HEADER_KEY]: format, newsmark } = header as Record<string, unknown>;
  if (format !== CACHE_FORMAT || newsmark !== version) return undefined;
  const index = new Map<string, Place>();
  let count = 0;
  let trailer: unknown;
  for (const line of lines) {
    if (trailer !== undefined) return undefined; // anything after the trailer
    const tab = line.bytes.indexOf(TAB);
    if (tab < 0) {
      trailer = parseJson(DECODER.decode(line.bytes));
      if (typeof trailer !== 'object' || trailer === null) return undefined;
      continue;
    }
    const path = parseJson(DECODER.decode(line.bytes.subarray(0, tab)));
    if (typeof path !== 'string') return undefined;
    count++;
    if (tab === line.bytes.length - 1) {
      index.delete(path);
      continue;
    }
    const second = line.bytes.indexOf(TAB, tab + 1);
    const third = second < 0 ? -1 : line.bytes.indexOf(TAB, second + 1);
    const end = line.at + line.bytes.length;
    index.set(path, { start: line.at + tab + 1, tab: second < 0 ? -1 : line.at + second, checkTab: third < 0 ? end : line.at + third, end });
  }
  // The count catches a file cut short at a line's end (or lengthened) by anything other than our atomic writes.
  return (trailer as Record<string, unknown> | undefined)?.[TRAILER_KEY] === count ? index : undefined;
}

/**
 * The file's lines (without their LF) and where each starts, read a window at a time, each window
 * beginning where the last whole line ended (a line longer than a window gets a wider one). A
 * last line without its LF ends the file as cut short.
 */
function* linesOf(source: CacheSource): Generator<{ bytes: Uint8Array; at: number }, undefined> {
  let at = 0;
  let width = WINDOW;
  while (at < source.size) {
    const to = Math.min(source.size, at + width);
    const bytes = source.read(at, to);
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      yield { bytes: bytes.subarray(start, end), at: at + start };
      start = end + 1;
    }
    if (to === source.size) {
      if (start < bytes.byteLength) yield { bytes: new Uint8Array([0xff]), at }; // no LF at the end: not a line any reader accepts
      return undefined;
    }
    if (start === 0) width *= 2;
    else width = WINDOW;
    at += start;
  }
  return undefined;
}

