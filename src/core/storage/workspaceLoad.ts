/**
 * Loading a whole workspace's sidecars without holding up the editor (issue 16): reads go a few
 * at a time, every parse waits its turn with the TimeSlicer, and articles the cache knows are
 * listed from their counts first, while their sidecars are parsed behind them.
 */
import type { CountGroup, TagCounts, WorkspaceCache } from '../cache/workspaceCache';
import { Emitter } from '../events';
import type { FileStat, FileSystemPort } from '../fs/port';
import { basenamePath, isUnder } from '../fs/paths';
import { isSidecarName } from '../sidecar';
import type { Tag } from '../tag';
import type { TagStore } from '../tagStore';
import { articlePathFor, sidecarPathFor, type ArticlePaths } from './articlePaths';
import type { TimeSlicer } from './slicer';

/** Reads in flight at once: enough to keep a disk or a remote file system busy, few enough to keep memory flat. */
const READS_IN_FLIGHT = 16;

/** An article listed from the cache, not loaded yet: its counts stand in for its tags until it is. */
export interface CachedArticle {
  readonly key: string;
  readonly words?: number;
  /**
   * One stand-in per tag, with the tag's category, status, verdict and author (what the first
   * level counts and filters by), and no text: they are never shown as rows, never edited.
   */
  readonly tags: readonly Tag[];
}

/**
 * The articles listed from the cache whose sidecars are still to be loaded. An article leaves as
 * soon as its sidecar is loaded (or found changed, moved or gone): from then on the store speaks
 * for it, and once a load has finished none is left.
 */
export class CachedRows {
  private readonly rows = new Map<string, CachedArticle>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  keys(): string[] {
    return [...this.rows.keys()];
  }

  get(key: string): CachedArticle | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  get size(): number {
    return this.rows.size;
  }

  set(key: string, counts: TagCounts): void {
    this.rows.set(key, { key, ...(counts.words !== undefined ? { words: counts.words } : {}), tags: standIns(counts.groups) });
    this.changed.fire();
  }

  delete(key: string): void {
    if (this.rows.delete(key)) this.changed.fire();
  }

  /** Runs `load` for a listed article unless one started here is under way (then that one is waited for). */
  loadOnce(key: string, load: () => Promise<void>): Promise<void> {
    if (!this.rows.has(key)) return Promise.resolve();
    let loading = this.loading.get(key);
    if (!loading) {
      loading = load().finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  /** Drops the rows at or under a renamed article or folder (they are loaded again under the new name). */
  deleteUnder(key: string): void {
    for (const k of this.keys()) if (k === key || k.startsWith(`${key}/`)) this.delete(k);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function standIns(groups: readonly CountGroup[]): Tag[] {
  const tags: Tag[] = [];
  for (const [category, status, review, author, orphan, count] of groups) {
    for (let i = 0; i < count; i++) {
      tags.push({
        id: `cached-${tags.length}`, category, start: 0, end: orphan ? 0 : 1, text: '', prefix: '', suffix: '',
        ...(status !== '' ? { status: status as Tag['status'] } : {}),
        ...(review !== '' ? { review: review as Tag['review'] } : {}),
        ...(author !== '' ? { author } : {}),
      });
    }
  }
  return tags;
}

/** What loading a workspace uses of the repository. */
export interface WorkspaceLoadContext {
  readonly fs: FileSystemPort;
  readonly paths: ArticlePaths;
  readonly store: TagStore;
  readonly cache: WorkspaceCache | undefined;
  readonly rows: CachedRows;
  readonly slicer: TimeSlicer;
  /** Loads one article's sidecar into the store, in the article's queue. */
  load(key: string): Promise<void>;
  /** Loads an article listed from the cache unless that is done or under way. */
  loadListed(key: string): Promise<void>;
  /** Drops the tags of an article whose sidecar is really gone, in the article's queue. */
  forgetIfGone(key: string): Promise<void>;
}

/**
 * Reads every sidecar under the roots (skipping node_modules and dot folders); articles with
 * unsaved tag changes keep theirs. Articles the cache knows (both files exactly as counted) are
 * listed from it first; then the others are loaded, so that every article is listed as soon as
 * possible (`listed` is called then); then the cached ones, which replaces their counts with the
 * sidecar's own tags. The tags of a sidecar that is gone are dropped as a deleted sidecar's are: a
 * watcher can miss the deletion, and this is the analyst's way to catch up.
 */
export async function loadWorkspace(context: WorkspaceLoadContext, roots: readonly string[], listed: () => void = () => undefined): Promise<void> {
  const { fs, paths, store, cache, rows } = context;
  const skip = (folder: string): boolean => basenamePath(folder) === 'node_modules' || basenamePath(folder).startsWith('.');
  const found = await Promise.all(roots.map((root) => fs.find(root, (p) => isSidecarName(basenamePath(p)), skip).catch(() => undefined)));
  const keys = new Set<string>();
  await inSlices(context.slicer, found.flatMap((sidecars) => sidecars ?? []), (sidecar) => void keys.add(paths.keyOf(articlePathFor(sidecar)!)));
  const wanted: string[] = [];
  await inSlices(context.slicer, [...keys], (key) => void (store.isModified(key) || wanted.push(key)));
  const fromCache = new Set<string>();
  if (cache && cache.size > 0) {
    await inPool(wanted, async (key) => {
      // An article already in the store (a rescan) keeps what it shows until it is read again.
      if (store.get(key)) return;
      const stamps = await stampsOfArticle(context, key);
      if (stamps === undefined) return;
      await context.slicer.run(() => {
        const counts = cache.get(stamps.sidecarPath, stamps.sidecar, stamps.article);
        if (counts === undefined || store.get(key)) return;
        rows.set(key, counts);
        fromCache.add(key);
      });
    });
  }
  const failures: unknown[] = [];
  const failed = (error: unknown): void => void failures.push(error);
  await inPool(wanted.filter((key) => !fromCache.has(key)), (key) => context.load(key).catch(failed));
  listed();
  await inPool(wanted.filter((key) => fromCache.has(key)), (key) => context.loadListed(key).catch(failed));
  // Only under a root that could be listed: a folder that failed to list says nothing of its sidecars.
  const listedRoots = roots.filter((_, i) => found[i] !== undefined);
  const unseen: string[] = [];
  await inSlices(context.slicer, store.keys(), (key) => {
    const article = paths.pathOf(key);
    if (!keys.has(key) && article !== undefined && listedRoots.some((root) => isUnder(article, root))) unseen.push(key);
  });
  await inPool(unseen, (key) => context.forgetIfGone(key));
  if (failures.length > 0) throw failures[0];
}

/** Both files' size and mtime for an article, and its sidecar's path: what a cache entry is checked against. */
async function stampsOfArticle(context: WorkspaceLoadContext, key: string): Promise<{ sidecarPath: string; sidecar: FileStat; article: FileStat } | undefined> {
  const article = context.paths.pathOf(key);
  if (article === undefined) return undefined;
  const sidecarPath = sidecarPathFor(article);
  const stamps = await stampsOf(context.fs, sidecarPath, article);
  return stamps && { sidecarPath, ...stamps };
}

/** Both files' size and mtime; undefined unless both are files that could be stat'ed. */
export async function stampsOf(fs: FileSystemPort, sidecar: string, article: string): Promise<{ sidecar: FileStat; article: FileStat } | undefined> {
  const [s, a] = await Promise.all([fs.stat(sidecar).catch(() => undefined), fs.stat(article).catch(() => undefined)]);
  return s?.type === 'file' && a?.type === 'file' ? { sidecar: s, article: a } : undefined;
}


/** Items handled per slice when each is a few microseconds' work (10,000 paths at once held the host ~40 ms). */
const ITEMS_PER_SLICE = 1000;

/** Runs `each` on every item, in slices of the extension host's time. */
async function inSlices<T>(slicer: TimeSlicer, items: readonly T[], each: (item: T) => void): Promise<void> {
  for (let start = 0; start < items.length; start += ITEMS_PER_SLICE) {
    await slicer.run(() => {
      for (const item of items.slice(start, start + ITEMS_PER_SLICE)) each(item);
    });
  }
}

/** Runs `work` on every item, READS_IN_FLIGHT at a time. */
async function inPool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, items.length) }, worker));
}
