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
import { isCacheEntry, sameStamp, type CacheEntry, type FileStamp } from './entry';

/** Bumped whenever an entry's shape or meaning changes. */
export const CACHE_FORMAT = 1;
/** Wider than any file system's mtime tick (FAT: 2 s), and than the clock's step between two writes. */
export const RACY_MS = 2000;

const HEADER_KEY = 'newsmarkParseCache';

interface Header {
  readonly [HEADER_KEY]: number;
  readonly newsmark: string;
  readonly entries: number;
}

export class ParseCache {
  /** Entries as their JSON text, parsed only when asked for: a run over part of the corpus parses only that part. */
  private readonly lines: Map<string, string>;
  private changed: boolean;

  private constructor(private readonly fs: FileSystemPort, readonly file: string, private readonly version: string, lines: Map<string, string>, changed: boolean) {
    this.lines = lines;
    this.changed = changed;
  }

  /** The cache in `file`, or an empty one when there is none or it cannot be used. Never throws. */
  static async open(fs: FileSystemPort, file: string, version: string): Promise<ParseCache> {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch {
      return new ParseCache(fs, file, version, new Map<string, string>(), false);
    }
    const lines = readLines(new TextDecoder().decode(bytes), version);
    return new ParseCache(fs, file, version, lines ?? new Map<string, string>(), lines === undefined);
  }

  /** The entry for this sidecar when both files are exactly as they were when it was made. */
  get(sidecarPath: string, sidecar: FileStamp, article: FileStamp): CacheEntry | undefined {
    const line = this.lines.get(sidecarPath);
    if (line === undefined) return undefined;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      entry = undefined;
    }
    if (!isCacheEntry(entry)) {
      this.forget(sidecarPath);
      return undefined;
    }
    return sameStamp(entry.sidecar, sidecar) && sameStamp(entry.articleFile, article) ? entry : undefined;
  }

  /**
   * Keeps an entry made from reads that began at `readAt` (a Date.now() taken before the files
   * were stat'ed). False, and nothing kept, when either file was changed too close to that
   * moment for its mtime to tell a later change apart.
   */
  put(sidecarPath: string, entry: CacheEntry, readAt: number): boolean {
    if (isRacy(entry.sidecar, readAt) || isRacy(entry.articleFile, readAt)) {
      this.forget(sidecarPath);
      return false;
    }
    this.lines.set(sidecarPath, JSON.stringify(entry));
    this.changed = true;
    return true;
  }

  /** Drops the entry, for a sidecar Newsmark has just written or found gone. */
  forget(sidecarPath: string): void {
    if (this.lines.delete(sidecarPath)) this.changed = true;
  }

  get size(): number {
    return this.lines.size;
  }

  /**
   * Writes the cache when anything changed: atomically, into its folder, made if missing. False
   * when it could not be written (a read-only corpus, a full disk): the next run starts cold.
   */
  async save(prepareFolder: (fs: FileSystemPort) => Promise<void> = () => Promise.resolve()): Promise<boolean> {
    if (!this.changed) return true;
    try {
      await prepareFolder(this.fs);
      const header: Header = { [HEADER_KEY]: CACHE_FORMAT, newsmark: this.version, entries: this.lines.size };
      const parts = [JSON.stringify(header)];
      for (const [path, line] of this.lines) parts.push(`${JSON.stringify(path)}\t${line}`);
      parts.push('');
      await this.fs.writeFileAtomic(this.file, new TextEncoder().encode(parts.join('\n')));
      this.changed = false;
      return true;
    } catch {
      return false;
    }
  }
}

function isRacy(stamp: FileStamp, readAt: number): boolean {
  return stamp.mtime >= readAt - RACY_MS;
}

/** The entries of a cache file, or undefined when the file is not a whole cache of this format and version. */
function readLines(text: string, version: string): Map<string, string> | undefined {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let header: unknown;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null) return undefined;
  const { [HEADER_KEY]: format, newsmark, entries } = header as Partial<Header>;
  // The count catches a file cut short (or lengthened) by anything other than our atomic writes.
  if (format !== CACHE_FORMAT || newsmark !== version || entries !== lines.length - 1) return undefined;
  const map = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    // A JSON string holds no raw tab, so the first tab ends the path.
    const tab = line.indexOf('\t');
    if (tab < 0) return undefined;
    let path: unknown;
    try {
      path = JSON.parse(line.slice(0, tab));
    } catch {
      return undefined;
    }
    if (typeof path !== 'string') return undefined;
    map.set(path, line.slice(tab + 1));
  }
  return map;
}
