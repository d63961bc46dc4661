/**
 * How the repository keeps the editor's workspace cache (src/core/cache/workspaceCache.ts) true:
 * an entry is made only from files as they were read, dropped the moment Newsmark reads, writes,
 * moves or deletes its sidecar, and made again for a sidecar Newsmark wrote once the file's
 * mtime can be trusted and the file still holds what was written.
 */
import { articleHash } from '../articleFile';
import { RACY_MS } from '../cache/parseCache';
import { countTags, type WorkspaceCache } from '../cache/workspaceCache';
import type { FileStat, FileSystemPort } from '../fs/port';
import { countWords } from '../review/stats';
import type { Tag } from '../tag';
import type { TagStore } from '../tagStore';
import { sidecarPathFor, type ArticlePaths } from './articlePaths';
import { readBytes, type DiskRecord } from './diskRecord';
import type { TimeSlicer } from './slicer';
import { stampsOf } from './workspaceLoad';

/** Both files' size and mtime as they were stat'ed at `readAt` (a Date.now() taken just before). */
export interface ReadStamps {
  readonly sidecar: FileStat;
  readonly article: FileStat;
  readonly readAt: number;
}

export interface CacheKeepingContext {
  readonly fs: FileSystemPort;
  readonly paths: ArticlePaths;
  readonly store: TagStore;
  readonly record: DiskRecord;
  readonly slicer: TimeSlicer;
  /** Whether the article is open in an editor with changes not on disk (then nothing about it is cached). */
  isDirty(key: string): boolean;
  articleText(key: string): Promise<string | undefined>;
  inQueue<T>(key: string, work: () => Promise<T>): Promise<T>;
  track<T>(work: Promise<T>): Promise<T>;
}

export class CacheKeeping {
  /** None until use(): the command line and the tests without storage keep no cache. */
  cache: WorkspaceCache | undefined;
  /** Articles whose sidecar we wrote: their entry is made again once the file's mtime can be trusted. */
  private readonly written = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly context: CacheKeepingContext) {}

  /** The stamps to make an entry with, taken before the files are read; undefined without a cache. */
  async beforeRead(sidecar: string, article: string): Promise<ReadStamps | undefined> {
    if (!this.cache) return undefined;
    const readAt = Date.now();
    const stamps = await stampsOf(this.context.fs, sidecar, article);
    return stamps && { ...stamps, readAt };
  }

  /** What was read has been loaded into the store: its counts are kept, if they are the files' own. */
  loaded(key: string, sidecar: string, stamps: ReadStamps | undefined, tags: readonly Tag[]): void {
    this.cache?.forget(sidecar);
    // Re-attached tags (about to be written) or an article edited in an editor are not what the files hold.
    if (!stamps || this.context.store.isModified(key) || this.context.isDirty(key)) return;
    this.cache?.put(sidecar, stamps.sidecar, stamps.article, countTags(tags, this.context.store.get(key)?.words), stamps.readAt);
  }

  /** The sidecar was deleted, moved, or could not be read: its entry goes. */
  forget(sidecar: string): void {
    this.cache?.forget(sidecar);
  }

  /** We wrote this sidecar: its entry goes now, and is made again (and the cache saved) once its mtime can be trusted. */
  wrote(key: string, sidecar: string): void {
    if (!this.cache) return;
    this.cache.forget(sidecar);
    this.written.add(key);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.context.track(this.save()), RACY_MS + 500);
  }

  /** Writes the cache file, first making again the entries of sidecars we wrote. False when it could not be written. */
  async save(): Promise<boolean> {
    if (!this.cache) return false;
    for (const key of [...this.written]) {
      if (await this.context.inQueue(key, () => this.remake(key))) this.written.delete(key);
    }
    return this.cache.save((work) => this.context.slicer.run(work));
  }

  /** The entry of a sidecar we wrote, from the store, if the file still holds what we wrote: true when done or nothing is left to do, false when its mtime is still too new. */
  private async remake(key: string): Promise<boolean> {
    const { store, paths, record } = this.context;
    const entry = store.get(key);
    const article = paths.pathOf(key);
    if (!entry?.sidecar || entry.problem !== undefined || article === undefined || store.isModified(key) || this.context.isDirty(key)) return true;
    const sidecar = sidecarPathFor(article);
    const stamps = await this.beforeRead(sidecar, article);
    if (stamps === undefined) return true;
    if (Math.max(stamps.sidecar.mtime, stamps.article.mtime) >= stamps.readAt - RACY_MS) return false;
    const bytes = await readBytes(this.context.fs, sidecar);
    const text = await this.context.articleText(key);
    // Not what we wrote (another program's since), or an article its tags do not describe: a load will tell.
    if (text === undefined || !record.unchanged(sidecar, bytes) || articleHash(text) !== entry.sidecar.sha256) return true;
    this.cache?.put(sidecar, stamps.sidecar, stamps.article, countTags(entry.saved, countWords(text)), stamps.readAt);
    return true;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
