import * as l10n from '@vscode/l10n';
import { FileSystemError, type DeleteOptions, type Disposable, type FileChange, type FileChangeKind, type FileStat, type FileSystemPort, type FileType, type WriteOptions } from './port';
import { basenamePath, dirnamePath, isUnder } from './paths';
import { writeViaTempAndRename, type RenamePrimitives, type WriteHooks } from './tempRenameWrite';
import { findFiles } from './walk';

type Entry = { type: 'file'; bytes: Uint8Array; mtime: number } | { type: 'directory'; mtime: number };

export interface WatchBehaviour {
  /** Milliseconds before a change reaches listeners (a real watcher is never immediate). */
  readonly delayMs?: number;
  /** Merge the changes to one path within the delay as VS Code's watcher does (created+deleted cancel out, deleted+created is changed). */
  readonly coalesce?: boolean;
}

export interface PausedRead {
  /** Resolves when the read has started (it holds the file as it was then). */
  readonly reached: Promise<void>;
  release(): void;
}

/** The process died: what a torn write's failure and its skipped clean-up report. */
export class SimulatedCrash extends Error {
  constructor(path: string) {
    super(`${path}: the writer stopped halfway (injected fault)`);
    this.name = 'SimulatedCrash';
  }
}

/**
 * The port in memory, for tests: the same atomic-write algorithm as the editor (temporary file,
 * lock, rename), so a fault injected here exercises the code that ships, and faults no real file
 * system produces on demand — a write torn halfway, a writer inside the check-to-rename window,
 * a read paused mid-way, late and merged watch events.
 */
export class MemoryFileSystem implements FileSystemPort {
  private readonly entries = new Map<string, Entry>([['/', { type: 'directory', mtime: Date.now() }]]);
  private readonly listeners = new Set<{ root: string; listener: (change: FileChange) => void }>();
  private readonly pending = new Map<string, FileChangeKind>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly tears = new Map<string, number>();
  private readonly interleavings = new Map<string, NonNullable<WriteHooks['betweenCheckAndRename']>>();
  private readonly pausedReads = new Map<string, { started: () => void; gate: Promise<void> }>();
  private readonly crashedTemps = new Set<string>();

  constructor(private readonly watchBehaviour: WatchBehaviour = {}) {}

  /** Fault injection; each fault applies once, to the next matching operation. */
  readonly faults = {
    /** The next atomic write to `path` writes `afterBytes` bytes of its temporary file and dies: the torn temporary file stays, the target is untouched. */
    tearNextWrite: (path: string, afterBytes: number): void => void this.tears.set(path, afterBytes),
    /** Runs `writer` inside the next guarded write to `path`, after its check and before its rename. */
    betweenCheckAndRename: (path: string, writer: (path: string) => Promise<void> | void): void => void this.interleavings.set(path, writer),
    /** The next read of `path` stops after opening the file until released. */
    pauseNextRead: (path: string): PausedRead => {
      let started!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (started = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      this.pausedReads.set(path, { started, gate });
      return { reached, release };
    },
  };

  /** Puts a file in place at once, making its folders: test setup, or another program writing without Newsmark's lock. */
  writeRaw(path: string, content: string | Uint8Array): void {
    this.makeFolders(dirnamePath(path));
    this.put(path, typeof content === 'string' ? new TextEncoder().encode(content) : content.slice());
  }

  /** Resolves once every change made so far has reached the watchers. */
  async watchersIdle(): Promise<void> {
    while (this.flushTimer !== undefined) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const entry = this.entries.get(path);
    if (entry === undefined) throw new FileSystemError('NotFound', path);
    if (entry.type === 'directory') throw new FileSystemError('IsDirectory', path);
    // An open file keeps the bytes it had: a rename over it mid-read does not change what is read.
    const bytes = entry.bytes;
    const pause = this.pausedReads.get(path);
    if (pause !== undefined) {
      this.pausedReads.delete(path);
      pause.started();
      await pause.gate;
    }
    return bytes.slice();
  }

  stat(path: string): Promise<FileStat | undefined> {
    const entry = this.entries.get(path);
    if (entry === undefined) return Promise.resolve(undefined);
    return Promise.resolve({ type: entry.type, size: entry.type === 'file' ? entry.bytes.byteLength : 0, mtime: entry.mtime });
  }

  createDirectory(path: string): Promise<void> {
    return settle(() => {
      if (this.entries.get(path)?.type === 'file') throw new FileSystemError('NotDirectory', path);
      this.makeFolders(path);
    });
  }

  async writeFileAtomic(path: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
    const tearAt = this.tears.get(path);
    this.tears.delete(path);
    const writer = this.interleavings.get(path);
    this.interleavings.delete(path);
    const primitives = tearAt === undefined ? this.primitives : this.tearing(tearAt);
    await writeViaTempAndRename(primitives, path, bytes.slice(), options, writer === undefined ? {} : { betweenCheckAndRename: writer });
  }

  rename(from: string, to: string, options: { readonly overwrite: boolean }): Promise<void> {
    return settle(() => this.move(from, to, options.overwrite));
  }

  /** No trash in memory: `useTrash` deletes. */
  delete(path: string, options: DeleteOptions = {}): Promise<void> {
    return settle(() => this.remove(path, options.recursive === true));
  }

  /** No symbolic links in memory: every path that exists is its own real path. */
  realPath(path: string): Promise<string> {
    return this.entries.has(path) ? Promise.resolve(path) : Promise.reject(new FileSystemError('NotFound', path));
  }

  private remove(path: string, recursive: boolean): void {
    const entry = this.entries.get(path);
    if (entry === undefined || path === '/') throw new FileSystemError('NotFound', path);
    const inside = [...this.entries.keys()].filter((p) => p !== path && isUnder(p, path));
    if (inside.length > 0 && !recursive) throw new FileSystemError('Other', path, l10n.t('the folder is not empty'));
    for (const p of [path, ...inside]) this.entries.delete(p);
    for (const p of inside) this.emit('deleted', p);
    this.emit('deleted', path);
  }

  readDirectory(path: string): Promise<Array<[string, FileType]>> {
    return settle(() => this.list(path));
  }

  private list(path: string): Array<[string, FileType]> {
    const entry = this.entries.get(path);
    if (entry === undefined) throw new FileSystemError('NotFound', path);
    if (entry.type !== 'directory') throw new FileSystemError('NotDirectory', path);
    const children: Array<[string, FileType]> = [];
    for (const [p, e] of this.entries) if (p !== '/' && dirnamePath(p) === path) children.push([basenamePath(p), e.type]);
    return children.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  find(root: string, match: (path: string) => boolean, skip?: (folder: string) => boolean): Promise<string[]> {
    return findFiles((p) => this.readDirectory(p), root, match, skip);
  }

  watch(root: string, listener: (change: FileChange) => void): Disposable {
    const entry = { root, listener };
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  }

  private readonly primitives: RenamePrimitives = {
    stat: (path) => this.stat(path),
    readFile: (path) => this.readFile(path),
    writeFile: (path, bytes) => settle(() => {
      this.parentFolder(path);
      this.put(path, bytes.slice());
    }),
    rename: (from, to, options) => this.rename(from, to, options),
    delete: (path) => {
      if (this.crashedTemps.delete(path)) return Promise.reject(new SimulatedCrash(path));
      return this.delete(path);
    },
  };

  /** Primitives whose first file write stops halfway; the dead writer then cleans nothing up. */
  private tearing(afterBytes: number): RenamePrimitives {
    let torn = false;
    return {
      ...this.primitives,
      writeFile: async (path, bytes) => {
        if (torn) return this.primitives.writeFile(path, bytes);
        torn = true;
        await this.primitives.writeFile(path, bytes.slice(0, afterBytes));
        this.crashedTemps.add(path);
        throw new SimulatedCrash(path);
      },
    };
  }

  private move(from: string, to: string, overwrite: boolean): void {
    const entry = this.entries.get(from);
    if (entry === undefined) throw new FileSystemError('NotFound', from);
    this.parentFolder(to);
    const existing = this.entries.get(to);
    if (existing !== undefined && !overwrite) throw new FileSystemError('Exists', to);
    if (existing?.type === 'directory' && entry.type !== 'directory') throw new FileSystemError('IsDirectory', to);
    if (isUnder(to, from)) throw new FileSystemError('Other', to, l10n.t('cannot move a folder into itself'));
    const moved = [...this.entries].filter(([p]) => isUnder(p, from));
    if (existing !== undefined) for (const p of [...this.entries.keys()]) if (isUnder(p, to)) this.entries.delete(p);
    for (const [p] of moved) this.entries.delete(p);
    for (const [p, e] of moved) this.entries.set(to + p.slice(from.length), e);
    this.emit('deleted', from);
    this.emit(existing === undefined ? 'created' : 'changed', to);
  }

  private put(path: string, bytes: Uint8Array): void {
    const existed = this.entries.get(path);
    if (existed?.type === 'directory') throw new FileSystemError('IsDirectory', path);
    this.entries.set(path, { type: 'file', bytes, mtime: Date.now() });
    this.emit(existed === undefined ? 'created' : 'changed', path);
  }

  private parentFolder(path: string): void {
    const parent = this.entries.get(dirnamePath(path));
    if (parent === undefined) throw new FileSystemError('NotFound', dirnamePath(path));
    if (parent.type !== 'directory') throw new FileSystemError('NotDirectory', dirnamePath(path));
  }

  private makeFolders(path: string): void {
    if (this.entries.has(path)) return;
    this.makeFolders(dirnamePath(path));
    this.entries.set(path, { type: 'directory', mtime: Date.now() });
    this.emit('created', path);
  }

  private emit(kind: FileChangeKind, path: string): void {
    const before = this.pending.get(path);
    if (!this.watchBehaviour.coalesce || before === undefined) {
      // Without coalescing a path can repeat: keep each change by giving it its own key.
      const key = this.watchBehaviour.coalesce ? path : `${this.pending.size}\u0000${path}`;
      this.pending.set(key, kind);
    } else if (before === 'created' && kind === 'deleted') this.pending.delete(path);
    else if (before === 'deleted' && kind === 'created') this.pending.set(path, 'changed');
    else if (!(before === 'created' && kind === 'changed')) this.pending.set(path, kind);
    this.flushTimer ??= setTimeout(() => this.flush(), this.watchBehaviour.delayMs ?? 0);
  }

  private flush(): void {
    const changes = [...this.pending].map(([key, kind]) => ({ kind, path: key.slice(key.indexOf('\u0000') + 1) }));
    this.pending.clear();
    this.flushTimer = undefined;
    for (const change of changes) {
      for (const { root, listener } of [...this.listeners]) if (isUnder(change.path, root)) listener(change);
    }
  }
}

/** Errors as rejections, as a real file system reports them, never thrown synchronously. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
