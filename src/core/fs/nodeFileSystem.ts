// The only file in src/core that may use node:fs: the command line's file system behind the port.
import { watch as watchFolder } from 'node:fs';
import { link, mkdir, readdir, readFile, realpath, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { writeFileAtomic as writeAtomically } from '../atomicWrite';
import { FileSystemError, StaleWriteError, type Disposable, type FileChange, type FileStat, type FileSystemErrorCode, type FileSystemPort, type FileType, type WriteOptions } from './port';
import { joinPath } from './paths';
import { compare } from './tempRenameWrite';
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
 * Atomic writes go through src/core/atomicWrite.ts — fsync before the rename, a hard link for
 * create-only (refused by the OS itself when the name is taken), and the `.<name>.lock` that the
 * existing CLI and editor writers take — so port writers and not-yet-ported writers exclude each other.
 */
export class NodeFileSystem implements FileSystemPort {
  async readFile(path: string): Promise<Uint8Array> {
    const native = toNativePath(path);
    // Checked before opening: opening a FIFO or a device would block or never end.
    const info = await nodeCall(path, () => stat(native));
    if (info.isDirectory()) throw new FileSystemError('IsDirectory', path);
    if (!info.isFile()) throw new FileSystemError('Other', path, 'is not a regular file');
    return new Uint8Array(await nodeCall(path, () => readFile(native)));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const info = await stat(toNativePath(path));
      return { type: info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other', size: info.size, mtime: info.mtimeMs };
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
    const written = await nodeCall(path, () => writeAtomically(toNativePath(path), bytes, { stillCurrent, create: expect === 'absent' }));
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

  async delete(path: string, options: { readonly recursive?: boolean } = {}): Promise<void> {
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
