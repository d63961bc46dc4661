/**
 * The editor's cache of what the Tags view's first level needs from each sidecar: how many tags
 * of each category, state, verdict and author it holds, and the article's word count. It lives
 * in the extension's per-workspace storage (`storageUri`), one JSON-lines file, so a warm start
 * lists every article with its counts before a single sidecar has been parsed.
 *
 * It holds counts, not tags: nothing the analyst can open, reveal or edit ever comes from it (the
 * sidecar is loaded first), and the file stays small (about 100 bytes an article).
 *
 * It can only make the view faster, never wrong, as the command line's parse cache:
 * - an entry is used only for the very size and mtime both files had before they were read;
 * - an entry is not kept when either file changed within RACY_MS of being read;
 * - a file that is corrupt, cut short, from another format or version is ignored (and replaced
 *   at the next save); opening or saving the cache never throws.
 */
import { CATEGORY_IDS, type CategoryId } from '../codebook';
import type { FileSystemPort } from '../fs/port';
import { dirnamePath } from '../fs/paths';
import { isOrphan, type Tag } from '../tag';
import { sameStamp, type FileStamp } from './entry';
import { messagesVersion } from './files';
import { RACY_MS } from './parseCache';
import { AT_ONCE, type Slice } from '../storage/slicer';

/** Bumped whenever an entry's shape or meaning changes. */
export const WORKSPACE_CACHE_FORMAT = 1;
export const WORKSPACE_CACHE_NAME = 'tags-view-cache.jsonl';
const HEADER_KEY = 'newsmarkTagsViewCache';

/**
 * Tags alike in everything the first level counts, and how many there are. `orphan` is 1 for a
 * tag isOrphan() says is one (its status, or an empty span), else 0.
 */
export type CountGroup = readonly [category: CategoryId, status: string, review: string, author: string, orphan: 0 | 1, count: number];

/** What a sidecar (with its article as it was) gives the first level. */
export interface TagCounts {
  readonly words?: number;
  readonly groups: readonly CountGroup[];
}

interface StoredEntry {
  readonly sidecar: FileStamp;
  readonly article: FileStamp;
  readonly counts: TagCounts;
}

/** The counts of a sidecar's tags, one group per kind of tag, in the order kinds first appear. */
export function countTags(tags: readonly Tag[], words: number | undefined): TagCounts {
  const groups = new Map<string, [CategoryId, string, string, string, 0 | 1, number]>();
  for (const tag of tags) {
    const kind = [tag.category, tag.status ?? '', tag.review ?? '', tag.author ?? '', isOrphan(tag) ? 1 : 0] as const;
    const id = kind.join('\u0000');
    const group = groups.get(id);
    if (group) group[5]++;
    else groups.set(id, [...kind, 1]);
  }
  return { ...(words !== undefined ? { words } : {}), groups: [...groups.values()] };
}

export class WorkspaceCache {
  private changed: boolean;

  private constructor(private readonly fs: FileSystemPort, readonly file: string, private readonly version: string, private readonly entries: Map<string, string | StoredEntry>, changed: boolean) {
    this.changed = changed;
  }

  /**
   * The cache in `file` (a path on `fs`, the extension's storage), or an empty one when there is
   * none or it cannot be used. Never throws. Its lines are indexed a few hundred at a time through
   * `slice` (TimeSlicer.run), and decoded a piece at a time with them: 10,000 articles' worth in
   * one go held the extension host ~40 ms, and decoding the whole file first another 30–50 ms.
   */
  static async open(fs: FileSystemPort, file: string, newsmarkVersion: string, slice: Slice = AT_ONCE): Promise<WorkspaceCache> {
    const version = messagesVersion(newsmarkVersion);
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch {
      return new WorkspaceCache(fs, file, version, new Map<string, string | StoredEntry>(), false);
    }
    const entries = await readEntries(bytes, version, slice);
    return new WorkspaceCache(fs, file, version, entries ?? new Map<string, string | StoredEntry>(), entries === undefined);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The counts for this sidecar when it and its article are exactly as they were when they were counted. */
  get(sidecarPath: string, sidecar: FileStamp, article: FileStamp): TagCounts | undefined {
    const stored = this.entries.get(sidecarPath);
    if (stored === undefined) return undefined;
    const entry = typeof stored === 'string' ? parseEntry(stored) : stored;
    if (entry === undefined) {
      this.forget(sidecarPath); // damaged: never trusted, and gone at the next save
      return undefined;
    }
    if (typeof stored === 'string') this.entries.set(sidecarPath, entry);
    return sameStamp(entry.sidecar, sidecar) && sameStamp(entry.article, article) ? entry.counts : undefined;
  }

  /**
   * Keeps the counts of files read from `readAt` on (a Date.now() taken before they were
   * stat'ed). False, and any old entry dropped, when either file changed too close to that moment
   * for its mtime to tell a later change apart.
   */
  put(sidecarPath: string, sidecar: FileStamp, article: FileStamp, counts: TagCounts, readAt: number): boolean {
    if (sidecar.mtime >= readAt - RACY_MS || article.mtime >= readAt - RACY_MS) {
      this.forget(sidecarPath);
      return false;
    }
    this.entries.set(sidecarPath, { sidecar: { size: sidecar.size, mtime: sidecar.mtime }, article: { size: article.size, mtime: article.mtime }, counts });
    this.changed = true;
    return true;
  }

  /** Drops the entry: its sidecar was written, changed, moved or deleted. */
  forget(sidecarPath: string): void {
    if (this.entries.delete(sidecarPath)) this.changed = true;
  }

  /**
   * Writes the cache when anything changed: atomically, its folder made if missing. The lines are
   * made a few hundred at a time through `slice` (TimeSlicer.run), so a large cache is written in
   * slices. False when it could not be written (then the next start is cold).
   */
  async save(slice: Slice = AT_ONCE): Promise<boolean> {
    if (!this.changed) return true;
    try {
      const encoder = new TextEncoder();
      // Encoded slice by slice too: joining and encoding 10,000 lines at the end was one task of ~50 ms.
      const chunks = [encoder.encode(`${JSON.stringify({ [HEADER_KEY]: WORKSPACE_CACHE_FORMAT, newsmark: this.version, entries: this.entries.size })}\n`)];
      const all = [...this.entries];
      for (let start = 0; start < all.length; start += LINES_PER_SLICE) {
        await slice(() => {
          let text = '';
          for (const [path, stored] of all.slice(start, start + LINES_PER_SLICE)) text += `${JSON.stringify(path)}\t${typeof stored === 'string' ? stored : JSON.stringify(stored)}\n`;
          chunks.push(encoder.encode(text));
        });
      }
      this.changed = false; // changes from here on are written next time
      await this.fs.createDirectory(dirnamePath(this.file));
      await this.fs.writeFileAtomic(this.file, await joinedInSlices(chunks, slice));
      return true;
    } catch {
      this.changed = true;
      return false;
    }
  }
}

/** Lines read or written per slice: a few milliseconds' work. */
const LINES_PER_SLICE = 500;

/** The chunks as one array, copied a few at a time through `slice`: the whole copy at once was a task of ~12 ms on 10,000 articles. */
async function joinedInSlices(chunks: readonly Uint8Array[], slice: Slice): Promise<Uint8Array> {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (let i = 0; i < chunks.length;) {
    await slice(() => {
      for (const until = at + BYTES_PER_SLICE * 4; i < chunks.length && at < until; i++) {
        all.set(chunks[i]!, at);
        at += chunks[i]!.byteLength;
      }
    });
  }
  return all;
}

/**
 * Bytes of the file decoded and indexed per slice (a few hundred lines), cut after a line break: a
 * line break is never part of a longer UTF-8 sequence, so each piece decodes on its own.
 */
const BYTES_PER_SLICE = 1 << 16;
const LF = 0x0a;

/** The entries of a cache file, each kept as its text until asked for, or undefined when the file is not a whole cache of this format and version. */
async function readEntries(bytes: Uint8Array, version: string, slice: Slice): Promise<Map<string, string> | undefined> {
  // Every line ends with a newline: a file that does not was cut short.
  if (bytes.length === 0 || bytes[bytes.length - 1] !== LF) return undefined;
  // A byte order mark is kept, and then the header is not one: Newsmark never writes one.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const map = new Map<string, string>();
  let expected: number | undefined;
  let lines = 0;
  let whole = true;
  for (let from = 0; from < bytes.length && whole;) {
    const piece = bytes.subarray(from, pieceEnd(bytes, from));
    from += piece.length;
    await slice(() => {
      let text: string;
      try {
        text = decoder.decode(piece);
      } catch {
        whole = false; // not UTF-8: not ours
        return;
      }
      let at = 0;
      for (let end = text.indexOf('\n'); end >= 0 && whole; at = end + 1, end = text.indexOf('\n', at)) {
        const line = text.slice(at, end);
        if (expected === undefined) {
          expected = entriesAnnounced(line, version);
          whole = expected !== undefined;
          continue;
        }
        lines++;
        // A JSON text holds no raw tab, so the first tab ends the path.
        const tab = line.indexOf('\t');
        const path = tab < 0 ? undefined : parseJson(line.slice(0, tab));
        if (typeof path !== 'string') whole = false;
        else map.set(path, line.slice(tab + 1));
      }
    });
  }
  return whole && expected === lines ? map : undefined;
}

/** Where the piece of `bytes` from `from` ends: after its last line break, or after the line it is inside of when that line is longer. */
function pieceEnd(bytes: Uint8Array, from: number): number {
  const to = from + BYTES_PER_SLICE;
  if (to >= bytes.length) return bytes.length;
  const last = bytes.lastIndexOf(LF, to - 1);
  return last >= from ? last + 1 : bytes.indexOf(LF, to) + 1; // the file ends with a line break: there is one
}

/** The number of entries the header line announces, when it is this format's header for this version. */
function entriesAnnounced(line: string, version: string): number | undefined {
  const header = parseJson(line);
  if (typeof header !== 'object' || header === null) return undefined;
  const { [HEADER_KEY]: format, newsmark, entries } = header as Record<string, unknown>;
  return format === WORKSPACE_CACHE_FORMAT && newsmark === version && typeof entries === 'number' ? entries : undefined;
}

/** A cache file is anyone's to damage: every field is checked, and anything off makes the entry unknown. */
function parseEntry(text: string): StoredEntry | undefined {
  const value = parseJson(text);
  if (!isObject(value) || !isStamp(value['sidecar']) || !isStamp(value['article']) || !isObject(value['counts'])) return undefined;
  const { words, groups } = value['counts'];
  if (words !== undefined && !(typeof words === 'number' && Number.isInteger(words) && words >= 0)) return undefined;
  if (!Array.isArray(groups) || !groups.every(isGroup)) return undefined;
  return value as unknown as StoredEntry;
}

const STATUSES: readonly unknown[] = ['', 'anchored', 'moved', 'fuzzy', 'orphaned'];
const REVIEWS: readonly unknown[] = ['', 'confirmed', 'disputed'];

function isGroup(value: unknown): value is CountGroup {
  if (!Array.isArray(value) || value.length !== 6) return false;
  const [category, status, review, author, orphan, count] = value as unknown[];
  return CATEGORY_IDS.includes(category as CategoryId) && STATUSES.includes(status) && REVIEWS.includes(review) && typeof author === 'string' && (orphan === 0 || orphan === 1)
    && typeof count === 'number' && Number.isInteger(count) && count > 0;
}

function isStamp(value: unknown): value is FileStamp {
  return isObject(value) && typeof value['size'] === 'number' && typeof value['mtime'] === 'number';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

