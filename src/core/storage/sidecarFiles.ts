import { decodeArticle, DEFAULT_MAX_FILE_BYTES } from '../articleFile';
import { reattach } from '../anchor/reattach';
import { Emitter, type Disposable } from '../events';
import { StaleWriteError, type FileChange, type FileSystemPort } from '../fs/port';
import { basenamePath } from '../fs/paths';
import { countWords } from '../review/stats';
import { isSidecarName, type SidecarFile, type SidecarProblem } from '../sidecar';
import { mergeFromDisk, sidecarWrite } from '../sidecarSync';
import type { TagStore } from '../tagStore';
import { toLf } from '../textIndex';
import { articlePathFor, PATHS_ARE_KEYS, sidecarPathFor, type ArticlePaths } from './articlePaths';
import { WorkspaceCache } from '../cache/workspaceCache';
import { DiskRecord, readBytes, settledRead, sidecarContent, type FileRead, type SidecarContent } from './diskRecord';
import { ArticleQueue, PendingWork } from './queue';
import { lineProblemsOf, type StorageReport } from './reports';
import { THREAD_SLICER, type TimeSlicer } from './slicer';
import { CacheKeeping, type ReadStamps } from './cacheKeeping';
import { CachedRows, loadWorkspace } from './workspaceLoad';

/** An article open in an editor: its text there, and whether that differs from the file. */
export interface OpenArticle {
  readonly text: string;
  readonly dirty: boolean;
}

export interface RepositoryOptions {
  readonly fs: FileSystemPort;
  readonly store: TagStore;
  readonly paths?: ArticlePaths;
  /** The editor's open document of an article: its text counts, and a dirty one is not written for. */
  readonly openArticle?: (key: string) => OpenArticle | undefined;
  readonly maxBytes?: () => number;
  /** How long a changed sidecar must stay the same before it is read: other programs write in place, and a watcher event can come first. */
  readonly settleMs?: number;
  /** Paces loading so the thread is never held long (the editor's extension host); default: the event loop's clock. */
  readonly slicer?: TimeSlicer;
}

/** Another window's write between our check and our rename: merged and tried again, this many times. */
const WRITE_ATTEMPTS = 3;

/**
 * Keeps sidecars in step with the TagStore: loads them, writes only over what it last read
 * (merging what another writer put there), never writes a sidecar it could not read, and follows
 * the file system's changes. It reports to `onDidReport`; it never talks to the person itself.
 * SidecarRepository adds moving and deleting.
 */
export class SidecarFiles implements Disposable {
  readonly fs: FileSystemPort;
  protected readonly store: TagStore;
  protected readonly paths: ArticlePaths;
  protected readonly record = new DiskRecord();
  private readonly queue = new ArticleQueue();
  private readonly work = new PendingWork((error) => this.reports.fire({ kind: 'failed', error }));
  private readonly reports = new Emitter<StorageReport>();
  readonly onDidReport = this.reports.event;
  /** Articles (or folders) being renamed: no revert drops their tags until the store has moved them. */
  private readonly renaming = new Set<string>();
  private readonly disposables: Disposable[] = [];
  protected readonly slicer: TimeSlicer;
  /** Articles listed from the cache whose sidecars are not loaded yet. */
  readonly cachedRows = new CachedRows();
  private readonly caching: CacheKeeping;

  constructor(private readonly options: RepositoryOptions) {
    this.fs = options.fs;
    this.store = options.store;
    this.paths = options.paths ?? PATHS_ARE_KEYS;
    this.slicer = options.slicer ?? THREAD_SLICER;
    this.caching = new CacheKeeping({
      fs: this.fs, paths: this.paths, store: this.store, record: this.record, slicer: this.slicer,
      isDirty: (key) => options.openArticle?.(key)?.dirty === true,
      articleText: (key) => this.articleText(key), inQueue: (key, work) => this.inQueue(key, work), track: (work) => this.track(work),
    });
    this.disposables.push(this.reports, this.cachedRows, this.caching, options.store.onDidChange((change) => {
      if (change.kind === 'edited' || change.kind === 'reattached' || change.kind === 'merged') void this.saveIfClean(change.key);
    }));
  }

  /** Follows the file system's changes under `root` (the editor forwards its own watcher to fileChanged instead). */
  watch(root: string): Disposable {
    const watcher = this.fs.watch(root, (change) => this.fileChanged(change));
    this.disposables.push(watcher);
    return watcher;
  }

  /** Resolves when every read and write started so far has finished. */
  idle(): Promise<void> {
    return this.work.idle();
  }

  /** Counts work in idle() and reports its failure. */
  track<T>(work: Promise<T>): Promise<T> {
    return this.work.track(work);
  }

  /** From now on, loads list articles from this cache first and keep it up to date. */
  useCache(cache: WorkspaceCache): void {
    this.caching.cache = cache;
  }

  /** Opens the workspace cache in `file` (on `fs`, which may be the extension's storage rather than the workspace) in slices, and uses it. */
  async openCache(fs: FileSystemPort, file: string, newsmarkVersion: string): Promise<void> {
    this.useCache(await WorkspaceCache.open(fs, file, newsmarkVersion, (work) => this.slicer.run(work)));
  }

  /**
   * Reads every sidecar under the roots, a slice at a time (see loadWorkspace). `listed` is called
   * once every article is listed, from the cache or from its sidecar. The cache is saved at the end.
   */
  loadAll(roots: readonly string[], listed?: () => void): Promise<void> {
    return this.track((async () => {
      try {
        await loadWorkspace({
          fs: this.fs, paths: this.paths, store: this.store, cache: this.caching.cache, rows: this.cachedRows, slicer: this.slicer,
          load: (key) => this.load(key),
          loadListed: (key) => this.loadListed(key),
          forgetIfGone: (key) => this.queue.run(key, () => this.forgetIfGone(key)),
        }, roots, listed);
      } finally {
        await this.caching.save();
      }
    })());
  }

  /** Writes the cache file (see CacheKeeping.save). False when it could not be written. */
  saveCache(): Promise<boolean> {
    return this.caching.save();
  }

  /** Loads an article's sidecar if the store does not know the article yet. */
  async ensureLoaded(key: string): Promise<void> {
    const path = this.paths.pathOf(key);
    if (path === undefined || isSidecarName(basenamePath(path)) || this.store.get(key)) return;
    await this.track(this.load(key));
  }

  /** Re-reads an article's sidecar, dropping unsaved tag changes (the article was reverted). */
  async reload(key: string): Promise<void> {
    // A rename closes the old document: its tags are moving, not being reverted.
    if (this.isRenaming(key)) return;
    await this.track(this.load(key, false));
  }

  /** Writes the tags now if the article on disk is what they describe; otherwise at its next save. */
  async saveIfClean(key: string): Promise<void> {
    const open = this.options.openArticle?.(key);
    if (open?.dirty) return;
    await this.track(this.write(key, open?.text)).catch(() => undefined); // track reported it
  }

  /** The article was saved from the editor with this text: its tags are written to match. */
  async articleSaved(key: string, text: string): Promise<void> {
    if (this.store.isModified(key)) await this.track(this.write(key, text));
  }

  /** One change the file system reported. */
  fileChanged(change: FileChange): void {
    const article = articlePathFor(change.path);
    const key = this.paths.keyOf(article ?? change.path);
    if (this.cachedRows.has(key)) {
      this.cachedRows.delete(key);
      // Counts of the files as they were: the sidecar's own tags are read now (below, for a sidecar's change; a deleted article is then listed as missing).
      if (article === undefined) void this.track(this.load(key));
    }
    if (article !== undefined) {
      if (change.kind === 'deleted') void this.track(this.sidecarMaybeDeleted(change.path, article));
      else void this.track(this.sidecarChanged(change.path, article));
      return;
    }
    if (change.kind === 'deleted') {
      void this.track(this.articleDeleted(key));
      return;
    }
    if (change.kind === 'created') this.store.setMissing(key, false);
    // An open article is reloaded by the editor and followed there; a closed one is read again.
    if (this.store.get(key) && !this.options.openArticle?.(key)) {
      // Not a revert: by the time it runs the article may be open with tag changes, which are kept.
      void this.track(this.load(key));
    }
  }

  /** Reads go in the article's queue too: a read never lands between our write's check and its rename. */
  protected load(key: string, keepUnsaved = true): Promise<void> {
    return this.queue.run(key, () => this.loadNow(key, keepUnsaved));
  }

  /** An article listed from the cache is loaded now (its row was opened, or its turn came), once. */
  loadListed(key: string): Promise<void> {
    return this.cachedRows.loadOnce(key, () => this.track(this.load(key)));
  }

  protected inQueue<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(key, work);
  }

  protected isRenaming(key: string): boolean {
    return [...this.renaming].some((old) => key === old || key.startsWith(`${old}/`));
  }

  protected markRenaming(key: string, renaming: boolean): void {
    if (renaming) this.renaming.add(key);
    else this.renaming.delete(key);
  }

  /** keepUnsaved: tag changes made while the file was being read are merged with it, not replaced (all but a revert). */
  private async loadNow(key: string, keepUnsaved: boolean): Promise<void> {
    const article = this.paths.pathOf(key);
    if (article === undefined) return;
    const sidecar = sidecarPathFor(article);
    try {
      await this.loadInto(key, article, sidecar, keepUnsaved);
    } finally {
      this.cachedRows.delete(key); // the store speaks for the article now, or nothing does
    }
  }

  private async loadInto(key: string, article: string, sidecar: string, keepUnsaved: boolean): Promise<void> {
    const stamps = await this.caching.beforeRead(sidecar, article);
    const bytes = await readBytes(this.fs, sidecar);
    const text = bytes instanceof Uint8Array ? await this.articleText(key) : undefined;
    const missing = bytes instanceof Uint8Array && text === undefined && !(await this.exists(article));
    // The reads are done; the rest is work for the thread, one article a slice's unit.
    await this.slicer.run(() => this.loadRead(key, article, sidecar, { bytes, text, missing, stamps }, keepUnsaved));
  }

  /** Loads what was read into the store: no await in here, so that it is one unit of a slice. */
  private loadRead(key: string, article: string, sidecar: string, read: { bytes: FileRead; text: string | undefined; missing: boolean; stamps: ReadStamps | undefined }, keepUnsaved: boolean): void {
    const { text, missing, stamps } = read;
    this.caching.forget(sidecar);
    const content = this.parseSidecar(sidecar, read.bytes);
    if (content.kind === 'missing') {
      this.reports.fire({ kind: 'clear', sidecar });
      // No sidecar yet: nothing tagged — unless tags were made while we looked (they get written).
      if (this.store.get(key) && !(keepUnsaved && this.store.isModified(key))) this.store.load(key, {});
      return;
    }
    if (content.kind === 'unreadable') {
      this.keepReadOnly(key, sidecar, content.problems);
      return;
    }
    if (keepUnsaved && this.store.isModified(key)) {
      mergeFromDisk(this.store, key, content.file, text);
      this.reports.fire(lineProblemsOf(sidecar, content.file, text, true));
      return;
    }
    this.store.load(key, { sidecar: content.file, missing, ...(text !== undefined ? { words: countWords(text) } : {}) });
    this.reports.fire(lineProblemsOf(sidecar, content.file, text, true));
    if (text !== undefined) this.reattachToArticle(key, article, text, content.file);
    if (text !== undefined) this.caching.loaded(key, sidecar, stamps, content.file.tags);
  }

  /** Reads and parses a sidecar, recording what is on disk. */
  protected async readSidecar(sidecar: string, already?: FileRead): Promise<SidecarContent> {
    return this.parseSidecar(sidecar, already ?? (await readBytes(this.fs, sidecar)));
  }

  private parseSidecar(sidecar: string, read: FileRead): SidecarContent {
    const content = sidecarContent(sidecar, read, this.maxBytes());
    this.record.remember(sidecar, read, content.kind === 'ok');
    return content;
  }

  /** A sidecar that cannot be read: reported, its tags read-only (unsaved ones kept in memory), the file never written. */
  protected keepReadOnly(key: string, sidecar: string, problems: readonly SidecarProblem[]): void {
    this.reports.fire({ kind: 'unreadable', key, sidecar, problems });
    const first = problems[0];
    this.store.load(key, { problem: `${basenamePath(sidecar)}:${first?.line ?? 1}:${first?.column ?? 1}: ${first?.message ?? 'unreadable'}` });
  }

  /**
   * A sidecar whose article changed since it was written (another editor, git, a re-download)
   * has its tags found again; the result is written back like any edit, so the sidecar
   * describes the article on disk again. Nothing is dropped: what cannot be placed is orphaned.
   */
  private reattachToArticle(key: string, article: string, lfText: string, sidecar: SidecarFile): void {
    const result = reattach(lfText, sidecar.sha256, sidecar.tags);
    if (!result.changed) return;
    this.store.applyReattach(key, result.tags);
    const { fuzzy, orphaned } = result.counts;
    if (fuzzy + orphaned > 0) this.reports.fire({ kind: 'reattachedWithDoubt', key, article, fuzzy, orphaned });
  }

  private async sidecarChanged(sidecar: string, article: string): Promise<void> {
    const key = this.paths.keyOf(article);
    await this.queue.run(key, async () => {
      const read = await settledRead(this.fs, sidecar, this.options.settleMs ?? 40);
      if (read !== 'missing' && this.record.unchanged(sidecar, read)) return; // our own write, or already read
      if (this.store.isModified(key)) await this.mergeIfChanged(key, sidecar);
      else await this.loadNow(key, true);
    });
  }

  /** An article whose sidecar the listing did not find: its tags go if the sidecar is really gone and none is unsaved. */
  private async forgetIfGone(key: string): Promise<void> {
    const article = this.paths.pathOf(key);
    if (article === undefined || this.store.isModified(key)) return;
    const sidecar = sidecarPathFor(article);
    if ((await this.presence(sidecar)) === 'absent') this.sidecarDeleted(sidecar, article);
  }

  /** Only "absent" means the file is gone: a stat that fails is no sign the tags are gone. */
  private presence(path: string): Promise<'absent' | 'present' | 'unknown'> {
    return this.fs.stat(path).then((info) => (info === undefined ? 'absent' : 'present'), () => 'unknown');
  }

  /**
   * "Deleted" is news to check, not a fact: VS Code's file service deletes a rename's target before
   * moving the file there, so each of our writes is heard as deleted, then created, with time
   * between. Only a sidecar still gone in its turn takes the tags; one that is there was replaced.
   */
  private async sidecarMaybeDeleted(sidecar: string, article: string): Promise<void> {
    const key = this.paths.keyOf(article);
    const presence = await this.queue.run(key, async () => {
      const found = await this.presence(sidecar);
      if (found === 'absent') this.sidecarDeleted(sidecar, article);
      return found;
    });
    if (presence === 'present') await this.sidecarChanged(sidecar, article);
  }

  private sidecarDeleted(sidecar: string, article: string): void {
    const key = this.paths.keyOf(article);
    // Moving with its article: the watcher can tell of the old name before the rename is followed.
    if (this.isRenaming(key)) return;
    this.record.forget(sidecar);
    this.caching.forget(sidecar);
    this.reports.fire({ kind: 'clear', sidecar });
    if (!this.store.isModified(key)) this.store.delete(key);
  }

  /**
   * A deleted folder arrives as one event: every article under it is missing now — unless its
   * sidecar went too and no tag change is unsaved (the tagged article was deleted whole), then
   * its tags go from the store, as a deleted sidecar's do.
   */
  private async articleDeleted(key: string): Promise<void> {
    const under = this.store.keys().filter((k) => (k === key || k.startsWith(`${key}/`)) && !this.isRenaming(k));
    for (const k of under) {
      const article = this.paths.pathOf(k);
      if (article === undefined || (await this.exists(article))) continue;
      const sidecar = sidecarPathFor(article);
      if (!this.store.isModified(k) && !(await this.exists(sidecar))) this.sidecarDeleted(sidecar, article);
      else this.store.setMissing(k, true);
    }
  }

  /**
   * Before we write, and when the watcher says so: if the file no longer holds what we last
   * read or wrote, merge it into our unsaved tags. False when the file cannot be read (then it
   * is reported and left alone).
   */
  private async mergeIfChanged(key: string, sidecar: string): Promise<boolean> {
    const bytes = await readBytes(this.fs, sidecar);
    if (bytes === 'missing') {
      this.record.forget(sidecar); // deleted: ours are written anew
      return true;
    }
    if (this.record.unchanged(sidecar, bytes)) return true;
    const read = await this.readSidecar(sidecar, bytes);
    if (read.kind === 'missing') return true;
    if (read.kind === 'unreadable') {
      this.keepReadOnly(key, sidecar, read.problems);
      return false;
    }
    const articleLf = await this.articleText(key);
    mergeFromDisk(this.store, key, read.file, articleLf);
    this.reports.fire(lineProblemsOf(sidecar, read.file, articleLf, true));
    this.reports.fire({ kind: 'mergedFromDisk', key, sidecar, conflicts: this.store.get(key)?.conflicts.length ?? 0 });
    return true;
  }

  /** Writes one sidecar at a time per article, so a slow write never lands after a newer one. */
  protected write(key: string, articleText: string | undefined): Promise<void> {
    return this.queue.run(key, () => this.writeNow(key, articleText));
  }

  private async writeNow(key: string, articleText: string | undefined): Promise<void> {
    const entry = this.store.get(key);
    if (!entry || entry.problem !== undefined) return; // never overwrite a sidecar we could not read
    if (!this.store.isModified(key) && entry.sidecar) return;
    // No sidecar yet and nothing of the analyst's to keep (rejected suggestions alone): no file is
    // created beside an article just because suggestions were offered and turned down there; the
    // rejections stay for the session and are written with the article's first tag.
    if (!entry.sidecar && this.store.tagsToWrite(key).length === 0 && entry.details === undefined) return;
    const article = this.paths.pathOf(key);
    if (article === undefined) return;
    const sidecar = sidecarPathFor(article);
    const text = articleText === undefined ? await this.articleText(key) : toLf(articleText);
    if (text === undefined) return; // the article is missing or unreadable: its sidecar stays as it is
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      if (!(await this.mergeIfChanged(key, sidecar))) return;
      const write = sidecarWrite(this.store, key, basenamePath(article), text);
      if (!write) return;
      if ('problems' in write) {
        this.keepReadOnly(key, sidecar, write.problems);
        return;
      }
      const bytes = new TextEncoder().encode(write.text);
      try {
        // Expecting no file when we knew of none: one that appears meanwhile is merged next round, never replaced.
        await this.fs.writeFileAtomic(sidecar, bytes, { expect: this.record.expect(sidecar) });
      } catch (error) {
        if (error instanceof StaleWriteError) continue; // a colleague's write landed between our check and our rename
        throw error;
      }
      this.record.remember(sidecar, bytes);
      this.caching.wrote(key, sidecar);
      this.store.markSaved(key, write.sidecar, write.tags, write.rejected, write.details);
      this.reports.fire(lineProblemsOf(sidecar, write.sidecar, text, false));
      return;
    }
  }

  protected report(report: StorageReport): void {
    this.reports.fire(report);
  }

  /**
   * The article's text with CRLF → LF, as tags count it: the open document's (unsaved edits
   * included), else the file's — undefined when it is missing, too large or not UTF-8.
   */
  protected async articleText(key: string): Promise<string | undefined> {
    const open = this.options.openArticle?.(key);
    if (open) return toLf(open.text);
    const path = this.paths.pathOf(key);
    if (path === undefined) return undefined;
    const read = await readBytes(this.fs, path);
    if (!(read instanceof Uint8Array)) return undefined;
    const decoded = decodeArticle(read, basenamePath(path), this.maxBytes());
    return decoded.ok ? toLf(decoded.text) : undefined;
  }

  protected exists(path: string): Promise<boolean> {
    return this.fs.stat(path).then((info) => info !== undefined, () => false);
  }

  protected maxBytes(): number {
    return this.options.maxBytes?.() ?? DEFAULT_MAX_FILE_BYTES;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
