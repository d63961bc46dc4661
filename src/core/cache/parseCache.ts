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
 */
import type { FileSystemPort } from '../fs/port';
import type { Tag } from '../tag';
import { isCacheEntry, sameStamp, storedTags, tagsFromStored, type CacheEntry, type FileStamp } from './entry';

/** Bumped whenever an entry's shape or meaning changes. */
export const CACHE_FORMAT = 2;
/** Wider than any file system's mtime tick (FAT: 2 s), and than the clock's step between two writes. */
export const RACY_MS = 2000;

const HEADER_KEY = 'newsmarkParseCache';
const TAB = 0x09;
const NEWLINE = 0x0a;

interface Header {
  readonly [HEADER_KEY]: number;
  readonly newsmark: string;
  readonly entries: number;
}

/** An entry found, its tags parsed on first use; undefined from tags() when they are damaged (then read the sidecar). */
export interface CachedSidecar {
  readonly entry: CacheEntry;
  tags(): readonly Tag[] | undefined;
}

/**
 * An entry's stored form: `head<TAB>tags`, as the bytes of the file it was read from (decoded
 * only when asked for) or as the text just made. A JSON text holds no raw tab or newline.
 */
type StoredEntry = Uint8Array | string;

export class ParseCache {
  private changed: boolean;

  private constructor(private readonly fs: FileSystemPort, readonly file: string, private readonly version: string, private readonly entries: Map<string, StoredEntry>, changed: boolean) {
    this.changed = changed;
  }

  /** The cache in `file`, or an empty one when there is none or it cannot be used. Never throws. */
  static async open(fs: FileSystemPort, file: string, version: string): Promise<ParseCache> {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch {
      return new ParseCache(fs, file, version, new Map<string, StoredEntry>(), false);
    }
    const entries = readEntries(bytes, version);
    return new ParseCache(fs, file, version, entries ?? new Map<string, StoredEntry>(), entries === undefined);
  }

  /** The entry for this sidecar when both files are exactly as they were when it was made. */
  get(sidecarPath: string, sidecar: FileStamp, article: FileStamp): CachedSidecar | undefined {
    const stored = this.entries.get(sidecarPath);
    if (stored === undefined) return undefined;
    const text = typeof stored === 'string' ? undefined : stored;
    const tab = text ? text.indexOf(TAB) : (stored as string).indexOf('\t');
    const head = tab < 0 ? undefined : parseJson(text ? DECODER.decode(text.subarray(0, tab)) : (stored as string).slice(0, tab));
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
        const value = tagsFromStored(parseJson(text ? DECODER.decode(text.subarray(tab + 1)) : (stored as string).slice(tab + 1)));
        tags = { value: value && value.length === head.counted.length ? value : undefined };
        if (!tags.value) this.forget(sidecarPath);
        return tags.value;
      },
    };
  }

  /**
   * Keeps an entry made from reads that began at `readAt` (a Date.now() taken before the files
   * were stat'ed). False, and nothing kept, when either file was changed too close to that
   * moment for its mtime to tell a later change apart.
   */
  put(sidecarPath: string, entry: CacheEntry, tags: readonly Tag[], readAt: number): boolean {
    if (isRacy(entry.sidecar, readAt) || isRacy(entry.articleFile, readAt)) {
      this.forget(sidecarPath);
      return false;
    }
    this.entries.set(sidecarPath, `${JSON.stringify(entry)}\t${JSON.stringify(storedTags(tags))}`);
    this.changed = true;
    return true;
  }

  /** Drops the entry, for a sidecar Newsmark has just written or found gone. */
  forget(sidecarPath: string): void {
    if (this.entries.delete(sidecarPath)) this.changed = true;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Writes the cache when anything changed: atomically, into its folder, made if missing. False
   * when it could not be written (a read-only corpus, a full disk): the next run starts cold.
   */
  async save(prepareFolder: (fs: FileSystemPort) => Promise<void> = () => Promise.resolve()): Promise<boolean> {
    if (!this.changed) return true;
    try {
      await prepareFolder(this.fs);
      const header: Header = { [HEADER_KEY]: CACHE_FORMAT, newsmark: this.version, entries: this.entries.size };
      const encoder = new TextEncoder();
      const chunks: Uint8Array[] = [encoder.encode(`${JSON.stringify(header)}\n`)];
      for (const [path, stored] of this.entries) {
        chunks.push(encoder.encode(`${JSON.stringify(path)}\t`), typeof stored === 'string' ? encoder.encode(stored) : stored, NEWLINE_BYTES);
      }
      await this.fs.writeFileAtomic(this.file, concat(chunks));
      this.changed = false;
      return true;
    } catch {
      return false;
    }
  }
}

const DECODER = new TextDecoder();
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

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

/**
 * The entries of a cache file, each kept as its bytes, or undefined when the file is not a whole
 * cache of this format and version.
 */
function readEntries(bytes: Uint8Array, version: string): Map<string, StoredEntry> | undefined {
  const firstEnd = bytes.indexOf(NEWLINE);
  if (firstEnd < 0) return undefined;
  const header = parseJson(DECODER.decode(bytes.subarray(0, firstEnd)));
  if (typeof header !== 'object' || header === null) return undefined;
  const { [HEADER_KEY]: format, newsmark, entries } = header as Partial<Header>;
  if (format !== CACHE_FORMAT || newsmark !== version || typeof entries !== 'number') return undefined;
  const map = new Map<string, StoredEntry>();
  let start = firstEnd + 1;
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end < 0) return undefined; // cut short: every entry ends with a newline
    // A JSON string holds no raw tab, so the first tab ends the path.
    const tab = bytes.indexOf(TAB, start);
    if (tab < 0 || tab > end) return undefined;
    const path = parseJson(DECODER.decode(bytes.subarray(start, tab)));
    if (typeof path !== 'string') return undefined;
    map.set(path, bytes.subarray(tab + 1, end));
    start = end + 1;
  }
  // The count catches a file cut short at a line's end (or lengthened) by anything other than our atomic writes.
  return map.size === entries ? map : undefined;
}
