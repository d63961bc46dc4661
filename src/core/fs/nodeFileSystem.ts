// The only file in src/core that may use node:fs: the command line's file system behind the port.
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import { watch as watchFolder } from 'node:fs';
import { link, lstat, mkdir, open, readdir, readFile, realpath, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileSystemError, StaleWriteError, type DeleteOptions, type Disposable, type FileChange, type FileStat, type FileSystemErrorCode, type FileSystemPort, type FileType, type WriteOptions } from './port';
import { joinPath } from './paths';
import { compare, STALE_LOCK_MS } from './tempRenameWrite';
import { findFiles } from './walk';

/**
 * Port paths are POSIX-style; on Windows '/C:/a/b' is 'C:\a\b' (the form of a file URI's path).
 * The platform is a parameter so both directions are tested on any machine.
 */
export function toNativePath(path: string, platform: string = process.platform): string {
  if (platform !== 'win32') return path;
  return path.replace(/^\/([A-Za-z]:)/, '$1').replace(/\//g, '\\');
}

export function fromNativePath(path: string, platform: string = process.platform): string {
  if (platform !== 'win32') return path;
  const slashed = path.replace(/\\/g, '/');
  return /^[A-Za-z]:/.test(slashed) ? `/${slashed}` : slashed;
}

/**
 * Atomic writes flush the temporary file before the rename, create-only uses a hard link (refused
 * by the OS itself when the name is taken), and the check and rename happen under the
 * `.<name>.lock` every Newsmark writer takes, so editor and command line exclude each other.
 */
export class NodeFileSystem implements FileSystemPort {
  async readFile(path: string): Promise<Uint8Array> {
    const native = toNativePath(path);
    // Checked before opening: opening a FIFO or a device would block or never end.
    const info = await nodeCall(path, () => stat(native));
    if (info.isDirectory()) throw new FileSystemError('IsDirectory', path);
    if (!info.isFile()) throw new FileSystemError('Other', path, l10n.t('is not a regular file'));
    // A view of the buffer read, not a copy of it (a cache file of a few MB was copied in one task).
    const bytes = await nodeCall(path, () => readFile(native));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const native = toNativePath(path);
      const own = await lstat(native);
      if (!own.isSymbolicLink()) return { type: typeOf(own), size: own.size, mtime: own.mtimeMs };
      // A link that leads nowhere is still something there: writing its name would replace the link.
      const info = await stat(native).catch((error: unknown) => {
        if (errno(error) === 'ENOENT' || errno(error) === 'ELOOP') return undefined;
        throw error;
      });
      return info === undefined ? { type: 'other', size: 0, mtime: own.mtimeMs, symbolicLink: true, dangling: true } : { type: typeOf(info), size: info.size, mtime: info.mtimeMs, symbolicLink: true };
    } catch (error) {
      const code = errno(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw translate(error, path);
    }
  }

  async createDirectory(path: string): Promise<void> {
    // mkdir reports a file in the way as EEXIST, which would read as "the folder is there".
    const info = await this.stat(path);
    if (info?.type === 'directory') return;
    if (info !== undefined) throw new FileSystemError('NotDirectory', path);
    await nodeCall(path, () => mkdir(toNativePath(path), { recursive: true }));
  }

  async writeFileAtomic(path: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
    const expect = options.expect;
    let found: 'absent' | 'present' = 'present';
    const stillCurrent = expect === undefined || expect === 'absent' ? undefined : async (): Promise<boolean> => {
      const now = await compare(this, path, expect);
      if (now !== 'current') found = now;
      return now === 'current';
    };
    const written = await nodeCall(path, () => writeFileAtomic(toNativePath(path), bytes, { stillCurrent, create: expect === 'absent' }));
    if (!written && expect !== undefined) throw new StaleWriteError(path, expect, found);
  }

  async rename(from: string, to: string, options: { readonly overwrite: boolean }): Promise<void> {
    const [source, target] = [toNativePath(from), toNativePath(to)];
    if (options.overwrite) return nodeCall(from, () => rename(source, target));
    // A hard link fails when the name is taken, where rename would replace it silently.
    try {
      await link(source, target);
      await unlink(source);
      return;
    } catch (error) {
      const code = errno(error);
      if (code === 'EEXIST') throw new FileSystemError('Exists', to);
      if (code === 'ENOENT') {
        if ((await this.stat(from)) === undefined) throw new FileSystemError('NotFound', from);
        throw translate(error, to);
      }
      // Folders and file systems without hard links: check, then rename.
      if (code !== 'EPERM' && code !== 'EISDIR' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw translate(error, to);
    }
    if ((await this.stat(to)) !== undefined) throw new FileSystemError('Exists', to);
    await nodeCall(from, () => rename(source, target));
  }

  /** Node has no trash: `useTrash` is ignored (the command line deletes no sidecar). */
  async delete(path: string, options: DeleteOptions = {}): Promise<void> {
    const info = await this.stat(path);
    if (info === undefined) throw new FileSystemError('NotFound', path);
    const native = toNativePath(path);
    if (info.type !== 'directory') await nodeCall(path, () => unlink(native));
    else if (options.recursive) await nodeCall(path, () => rm(native, { recursive: true }));
    else await nodeCall(path, () => rmdir(native));
  }

  async readDirectory(path: string): Promise<Array<[string, FileType]>> {
    const entries = await nodeCall(path, () => readdir(toNativePath(path), { withFileTypes: true }));
    const listed = await Promise.all(entries.map(async (e): Promise<[string, FileType]> => {
      // A symbolic link is listed as what it leads to, as stat reports it.
      if (e.isSymbolicLink()) return [e.name, (await this.stat(joinPath(path, e.name)))?.type ?? 'other'];
      return [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other'];
    }));
    return listed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async realPath(path: string): Promise<string> {
    return fromNativePath(await nodeCall(path, () => realpath(toNativePath(path))));
  }

  find(root: string, match: (path: string) => boolean, skip?: (folder: string) => boolean): Promise<string[]> {
    return findFiles((p) => this.readDirectory(p), root, match, skip);
  }

  /** Node's recursive watcher reports 'rename' for both creation and deletion: a stat tells which. */
  watch(root: string, listener: (change: FileChange) => void): Disposable {
    const watcher = watchFolder(toNativePath(root), { recursive: true }, (event, name) => {
      if (name === null) return;
      const path = joinPath(root, fromNativePath(name).replace(/^\//, ''));
      if (event === 'change') return listener({ kind: 'changed', path });
      void this.stat(path).then((info) => listener({ kind: info === undefined ? 'deleted' : 'created', path }), () => undefined);
    });
    watcher.on('error', () => undefined); // the watched folder went away: no more events, as in the editor
    return { dispose: () => watcher.close() };
  }
}

export interface NativeWriteOptions {
  /** Asked right before the rename: false leaves the target untouched and makes the write return false. */
  readonly stillCurrent?: () => Promise<boolean>;
  /** Put the new file in place only if nothing has the name (a file that appeared meanwhile is someone else's). */
  readonly create?: boolean;
}

/**
 * Writes a file (a native path) so that a reader, or a crash, sees the old or the new content,
 * never part of it: a temporary file in the same folder, flushed, then renamed over. False when
 * `stillCurrent` or `create` refused. Exported for src/core/exportWriter.ts, which is not on the port yet.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: NativeWriteOptions = {}): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  let renamed = false;
  const put = async (): Promise<void> => {
    await rename(temp, path);
    renamed = true;
  };
  try {
    // Inside the try whose finally removes the temporary file: a full disk leaves no partial file.
    try {
      await handle.writeFile(content, typeof content === 'string' ? 'utf8' : undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!options.stillCurrent && !options.create) {
      await put();
      return true;
    }
    // Check and rename under a lock: two writers that both found the file current would
    // otherwise both rename, the second over the first's tags.
    return await withWriteLock(path, async () => {
      if (options.stillCurrent && !(await options.stillCurrent())) return false;
      if (options.create) return createExclusively(temp, path, put);
      await put();
      return true;
    });
  } finally {
    // A refusal, an error, or a link made: the temporary file goes (after a rename it is the file).
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

/** A hard link fails when the name is taken, where a rename would replace it. */
async function createExclusively(temp: string, path: string, put: () => Promise<void>): Promise<boolean> {
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = errno(error);
    if (code === 'EEXIST') return false;
    // File systems without hard links: the lock and the check just made are all there is.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await put();
    return true;
  }
}

/** `.<name>.lock` beside the file, taken by exclusive create; older than STALE_LOCK_MS, its writer died. */
async function withWriteLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lock = join(dirname(path), `.${basename(path)}.lock`);
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      await (await open(lock, 'wx')).close();
      break;
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await unlink(lock).catch(() => undefined);
      else await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

function typeOf(info: { isFile(): boolean; isDirectory(): boolean }): FileType {
  return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
}

async function nodeCall<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translate(error, path);
  }
}

const CODES: Record<string, FileSystemErrorCode> = { ENOENT: 'NotFound', EEXIST: 'Exists', EISDIR: 'IsDirectory', ENOTDIR: 'NotDirectory' };

function translate(error: unknown, path: string): Error {
  if (error instanceof FileSystemError || error instanceof StaleWriteError) return error;
  const code = errno(error);
  if (code !== undefined) return new FileSystemError(CODES[code] ?? 'Other', path, CODES[code] ? undefined : (error as Error).message);
  return error instanceof Error ? error : new Error(String(error));
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
