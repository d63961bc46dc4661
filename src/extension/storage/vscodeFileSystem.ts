import * as vscode from 'vscode';
import { FileSystemError, type DeleteOptions, type Disposable, type FileChange, type FileStat, type FileSystemErrorCode, type FileSystemPort, type FileType, type WriteOptions } from '../../core/fs/port';
import { dirnamePath } from '../../core/fs/paths';
import { writeViaTempAndRename, type RenamePrimitives } from '../../core/fs/tempRenameWrite';
import { findFiles } from '../../core/fs/walk';

/**
 * The port over `vscode.workspace.fs`, so storage works on any scheme VS Code can open (file,
 * vscode-vfs on github.dev, remote). Port paths are a URI's `path`; the scheme and authority come
 * from `base` (a workspace folder's URI), so a corpus lives on one file system. The atomic write is
 * the algorithm the in-memory fake runs in the unit tests.
 */
export class VscodeFileSystem implements FileSystemPort {
  constructor(private readonly base: vscode.Uri, private readonly fs: vscode.FileSystem = vscode.workspace.fs) {}

  uriOf(path: string): vscode.Uri {
    return this.base.with({ path });
  }

  /** The port path of a URI on this file system; undefined for another scheme or authority. */
  pathOf(uri: vscode.Uri): string | undefined {
    return uri.scheme === this.base.scheme && uri.authority === this.base.authority ? uri.path : undefined;
  }

  readFile(path: string): Promise<Uint8Array> {
    return call(path, () => this.fs.readFile(this.uriOf(path)));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const info = await this.fs.stat(this.uriOf(path));
      return { type: typeOf(info.type), size: info.size, mtime: info.mtime, ...(info.type & vscode.FileType.SymbolicLink ? { symbolicLink: true } : {}) };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw translate(error, path);
    }
  }

  async createDirectory(path: string): Promise<void> {
    const info = await this.stat(path);
    if (info?.type === 'directory') return;
    if (info !== undefined) throw new FileSystemError('NotDirectory', path);
    await call(path, () => this.fs.createDirectory(this.uriOf(path)));
  }

  async writeFileAtomic(path: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
    // workspace.fs.writeFile makes missing folders; the port's other implementations refuse, and
    // a sidecar written into a folder that was just deleted would bring the folder back.
    if ((await this.stat(dirnamePath(path)))?.type !== 'directory') throw new FileSystemError('NotFound', dirnamePath(path));
    await writeViaTempAndRename(this.primitives, path, bytes, options);
  }

  rename(from: string, to: string, options: { readonly overwrite: boolean }): Promise<void> {
    return call(from, () => this.fs.rename(this.uriOf(from), this.uriOf(to), { overwrite: options.overwrite }));
  }

  /** With `useTrash`, a file system without a trash (remote, virtual) deletes instead. */
  async delete(path: string, options: DeleteOptions = {}): Promise<void> {
    const recursive = options.recursive === true;
    if (options.useTrash) {
      const trashed = await Promise.resolve(this.fs.delete(this.uriOf(path), { recursive, useTrash: true })).then(() => true, () => false);
      if (trashed) return;
    }
    await call(path, () => this.fs.delete(this.uriOf(path), { recursive, useTrash: false }));
  }

  async readDirectory(path: string): Promise<Array<[string, FileType]>> {
    const entries = await call(path, () => this.fs.readDirectory(this.uriOf(path)));
    return entries.map(([name, type]): [string, FileType] => [name, typeOf(type)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  find(root: string, match: (path: string) => boolean, skip?: (folder: string) => boolean): Promise<string[]> {
    return findFiles((p) => this.readDirectory(p), root, match, skip);
  }

  watch(root: string, listener: (change: FileChange) => void): Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.uriOf(root), '**/*'));
    const forward = (kind: FileChange['kind']) => (uri: vscode.Uri): void => {
      const path = this.pathOf(uri);
      if (path !== undefined) listener({ kind, path });
    };
    const subscriptions = [watcher.onDidCreate(forward('created')), watcher.onDidChange(forward('changed')), watcher.onDidDelete(forward('deleted'))];
    return {
      dispose: () => {
        for (const d of [...subscriptions, watcher]) d.dispose();
      },
    };
  }

  private readonly primitives: RenamePrimitives = {
    stat: (path) => this.stat(path),
    readFile: (path) => this.readFile(path),
    writeFile: (path, bytes) => call(path, () => this.fs.writeFile(this.uriOf(path), bytes)),
    rename: (from, to, options) => this.rename(from, to, options),
    delete: (path) => this.delete(path),
  };
}

/** A symbolic link carries its target's type plus a flag; the port reports the target's type. */
function typeOf(type: vscode.FileType): FileType {
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

const CODES: Record<string, FileSystemErrorCode> = { FileNotFound: 'NotFound', FileExists: 'Exists', FileIsADirectory: 'IsDirectory', FileNotADirectory: 'NotDirectory' };

async function call<T>(path: string, work: () => Thenable<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translate(error, path);
  }
}

function translate(error: unknown, path: string): Error {
  if (error instanceof vscode.FileSystemError) return new FileSystemError(CODES[error.code] ?? 'Other', path, CODES[error.code] ? undefined : error.message);
  return error instanceof Error ? error : new Error(String(error));
}
