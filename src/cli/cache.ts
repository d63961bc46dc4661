/**
 * Where the command line keeps its parse cache, and the one cache a command run uses. The cache
 * is a folder `.newsmark-cache/` at the corpus root (the first PATH: a folder, or a file's
 * folder), marked so that git ignores it (.gitignore: *) and backup tools may skip it
 * (CACHEDIR.TAG); NEWSMARK_CACHE_DIR puts it elsewhere; --no-cache bypasses it. Deleting it is
 * always safe: the next run reads the sidecars again.
 */
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CacheFiles, CacheSource, NextCacheFile } from '../core/cache/files';
import { ParseCache } from '../core/cache/parseCache';
import { fromNativePath, NodeFileSystem } from '../core/fs/nodeFileSystem';
import type { FileSystemPort } from '../core/fs/port';
import { CACHE_FOLDER, cacheFileOf } from './cachePlace';

declare const NEWSMARK_VERSION: string | undefined;

const CACHEDIR_TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by Newsmark (newsmark CLI parse cache).\n# For information about cache directory tags, see https://bford.info/cachedir/\n';

let current: ParseCache | undefined;

/**
 * Runs a reading command with the corpus's cache (none with --no-cache), and saves what it
 * learned afterwards. A cache that cannot be read or written only makes the run slower.
 */
export async function withParseCache<T>(paths: readonly string[], enabled: boolean, body: (cache: ParseCache | undefined) => Promise<T>): Promise<T> {
  const cache = enabled && paths.length > 0 ? await openCache(paths[0]!) : undefined;
  current = cache;
  try {
    return await body(cache);
  } finally {
    current = undefined;
    if (cache) await cache.save((fs) => prepareFolder(fs, cache.file.slice(0, cache.file.lastIndexOf('/'))));
  }
}

/** For Newsmark's own writes: the entry of a sidecar just written is dropped, not trusted. */
export function forgetCached(sidecarKey: string): void {
  current?.forget(sidecarKey);
}

async function openCache(firstPath: string): Promise<ParseCache> {
  return ParseCache.open(new NodeFileSystem(), fromNativePath(cacheFileOf(firstPath)), cacheVersion(), diskCacheFiles());
}

/**
 * The version an entry was made by: Newsmark's, and the size and mtime of the running code, so
 * that a rebuilt CLI (a development build, or an upgrade that kept the version number) whose
 * parser may read a sidecar differently never trusts entries made by another build.
 */
export function cacheVersion(): string {
  const version = typeof NEWSMARK_VERSION === 'string' ? NEWSMARK_VERSION : 'dev';
  const code = statSync(__filename, { throwIfNoEntry: false });
  return code ? `${version}+${code.size}.${Math.round(code.mtimeMs)}` : version;
}


/** The folder, made if missing, with its two markers when it is the default one (a folder the user named is theirs). */
export async function prepareFolder(fs: FileSystemPort, folder: string): Promise<void> {
  await fs.createDirectory(folder);
  if (!folder.endsWith(`/${CACHE_FOLDER}`)) return;
  for (const [name, text] of [['.gitignore', '*\n'], ['CACHEDIR.TAG', CACHEDIR_TAG]] as const) {
    const path = `${folder}/${name}`;
    if ((await fs.stat(path)) === undefined) await fs.writeFileAtomic(path, new TextEncoder().encode(text), { expect: 'absent' }).catch(() => undefined);
  }
}

/** A next cache file left behind by a run that was killed is removed by a later run after this long. */
const ABANDONED_MS = 60 * 60 * 1000;
const TEMP_SUFFIX = '.newsmark-tmp';
/** Bytes gathered before they are written to the next cache file. */
const CHUNK = 1 << 20;

/**
 * The cache file on the disk, never held whole: entries are read where the index says they are,
 * and the next file is written as entries are made, into a temporary file beside it that is
 * renamed onto it when saved (an atomic replace: the last run to finish wins, and a reader sees
 * one whole file or the other).
 */
function diskCacheFiles(): CacheFiles {
  return {
    open(path) {
      removeAbandoned(dirname(path));
      let fd: number;
      try {
        fd = openSync(path, 'r');
      } catch {
        return Promise.resolve(undefined);
      }
      const info = fstatSync(fd);
      if (!info.isFile()) {
        closeSync(fd);
        return Promise.resolve(undefined);
      }
      const source: CacheSource = { size: info.size, read: windowedReader(fd, info.size), close: () => closeSync(fd) };
      return Promise.resolve(source);
    },
    create(path) {
      mkdirSync(dirname(path), { recursive: true });
      return nextFileFor(path);
    },
  };
}

/** The next version of a cache file, written beside it under a name of its own and renamed onto it when committed. */
export function nextFileFor(path: string): DiskNextFile {
  return new DiskNextFile(path, join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`));
}

export class DiskNextFile implements NextCacheFile {
  private fd: number | undefined;
  /** Bytes gathered before they are written: one buffer for the whole run, not a new one per entry or write. */
  private readonly pending = Buffer.allocUnsafe(CHUNK);
  private pendingBytes = 0;
  private written = 0;

  constructor(private readonly file: string, private readonly temp: string) {
    this.fd = openSync(temp, 'wx+', 0o644);
  }

  get size(): number {
    return this.written + this.pendingBytes;
  }

  append(bytes: Uint8Array): void {
    if (this.pendingBytes + bytes.byteLength > CHUNK) this.flush();
    if (bytes.byteLength >= CHUNK) {
      this.writeAll(bytes);
      return;
    }
    this.pending.set(bytes, this.pendingBytes);
    this.pendingBytes += bytes.byteLength;
  }

  read(from: number, to: number): Uint8Array {
    this.flush();
    return readAt(this.fd!, from, to);
  }

  async commit(prepareFolder: (fs: FileSystemPort) => Promise<void>): Promise<void> {
    this.flush();
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = undefined;
    await prepareFolder(new NodeFileSystem());
    renameSync(this.temp, this.file);
  }

  discard(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.temp, { force: true });
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const bytes = this.pending.subarray(0, this.pendingBytes);
    this.pendingBytes = 0;
    this.writeAll(bytes);
  }

  private writeAll(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.byteLength) at += writeSync(this.fd!, bytes, at, bytes.byteLength - at, this.written + at);
    this.written += bytes.byteLength;
  }
}

/** Bytes read ahead of a short read of the cache file. */
const READ_AHEAD = 256 * 1024;

/**
 * Reads of the cache file through two windows: a run asks for its entries mostly in the order
 * they were written, a few hundred bytes to a few kilobytes each, alternating between the heads
 * (in the index) and the tags (in the bulk before it); a read of its own for each cost a system
 * call and an allocation per entry. Each window is a new buffer, so bytes handed out earlier are
 * never overwritten; a read longer than a quarter of a window is its own.
 */
export function windowedReader(fd: number, size: number): (from: number, to: number) => Uint8Array {
  const windows: { start: number; bytes: Uint8Array }[] = [{ start: 0, bytes: new Uint8Array(0) }, { start: 0, bytes: new Uint8Array(0) }];
  return (from, to) => {
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      if (from < w.start || to > w.start + w.bytes.byteLength) continue;
      if (i > 0) windows.unshift(...windows.splice(i, 1)); // the most recently used first
      return w.bytes.subarray(from - w.start, to - w.start);
    }
    if (to - from > READ_AHEAD / 4) return readAt(fd, from, to);
    const w = { start: from, bytes: readAt(fd, from, Math.min(size, from + READ_AHEAD)) };
    windows.pop();
    windows.unshift(w);
    return w.bytes.subarray(0, Math.min(to - from, w.bytes.byteLength));
  };
}

export function readAt(fd: number, from: number, to: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(to - from);
  let at = 0;
  while (at < bytes.byteLength) {
    const n = readSync(fd, bytes, at, bytes.byteLength - at, from + at);
    if (n === 0) break;
    at += n;
  }
  return at === bytes.byteLength ? bytes : bytes.subarray(0, at);
}

/** Next cache files of runs that were killed before saving them. */
export function removeAbandoned(folder: string): void {
  try {
    for (const name of readdirSync(folder)) {
      if (!name.endsWith(TEMP_SUFFIX)) continue;
      const path = join(folder, name);
      if (Date.now() - statSync(path).mtimeMs > ABANDONED_MS) rmSync(path, { force: true });
    }
  } catch {
    // no folder yet, or one we may not list: nothing to tidy
  }
}
