/**
 * The file system as Newsmark's core sees it, so the same storage code runs on Node (the CLI),
 * on `vscode.workspace.fs` (desktop and vscode.dev) and on an in-memory fake (tests with faults).
 *
 * Paths are absolute strings with '/' separators — exactly a `vscode.Uri`'s `path` — rather than
 * URIs: the core then needs no URI class (none exists outside the editor), paths compare and sort
 * as strings, and the two adapters stay one line each (`base.with({ path })` in the editor,
 * a drive-letter rewrite on Windows in Node). Which scheme and authority a path belongs to is the
 * adapter's business, fixed when it is made.
 */

import * as l10n from '@vscode/l10n';
export type FileType = 'file' | 'directory' | 'other';

export interface FileStat {
  readonly type: FileType;
  readonly size: number;
  /** Milliseconds since 1970; compared only with mtimes from the same file system. */
  readonly mtime: number;
  /** Set when the path itself is a symbolic link (type, size and mtime are its target's). */
  readonly symbolicLink?: boolean;
  /** Set when the path is a symbolic link to nothing (its type is then 'other'). */
  readonly dangling?: boolean;
}

/**
 * What the caller last saw of a file, checked right before a write replaces it: its bytes (the
 * surest), its size and mtime (cheaper, misses a same-size rewrite within the mtime's precision),
 * or 'absent' (create only: a file that appeared meanwhile is someone else's).
 */
export type StillCurrent = 'absent' | { readonly bytes: Uint8Array } | { readonly size: number; readonly mtime: number };

export interface WriteOptions {
  /** Omitted: replace whatever is there. */
  readonly expect?: StillCurrent;
}

export interface DeleteOptions {
  readonly recursive?: boolean;
  /** Move to the trash where the file system has one (VS Code's desktop); elsewhere a plain delete. */
  readonly useTrash?: boolean;
}

export type FileChangeKind = 'created' | 'changed' | 'deleted';

export interface FileChange {
  readonly kind: FileChangeKind;
  readonly path: string;
}

export interface Disposable {
  dispose(): void;
}

export type FileSystemErrorCode = 'NotFound' | 'Exists' | 'IsDirectory' | 'NotDirectory' | 'Other';

/** Every implementation throws these for the same situations, so callers branch on `code`, not on errno or VS Code's names. */
export class FileSystemError extends Error {
  constructor(readonly code: FileSystemErrorCode, readonly path: string, detail?: string) {
    super(`${path}: ${detail ?? describe(code)}`);
    this.name = 'FileSystemError';
  }
}

/** A guarded write refused: the file is not what the caller last saw. The file is left as it is. */
export class StaleWriteError extends Error {
  constructor(readonly path: string, readonly expected: StillCurrent, readonly found: 'absent' | 'present') {
    super(found === 'present'
      ? l10n.t('{0}: changed since it was read (or appeared, when it was expected absent); not written.', path)
      : l10n.t('{0}: was deleted since it was read; not written.', path));
    this.name = 'StaleWriteError';
  }
}

export interface FileSystemPort {
  /** Throws FileSystemError 'NotFound' or 'IsDirectory'. */
  readFile(path: string): Promise<Uint8Array>;
  /** undefined when nothing is there. Follows symbolic links; one that leads nowhere is 'other' (with symbolicLink set). */
  stat(path: string): Promise<FileStat | undefined>;
  /** Makes the folder and any missing parents; nothing when it is there. Throws 'NotDirectory' when a file has the name. */
  createDirectory(path: string): Promise<void>;
  /**
   * Replaces the file atomically (temporary file in the same folder, then rename): a reader sees
   * the old or the new bytes, never part of them. With `expect`, throws StaleWriteError when the
   * file is no longer what the caller saw; the check and the rename happen under the `.<name>.lock`
   * every Newsmark writer takes. The folder must exist.
   */
  writeFileAtomic(path: string, bytes: Uint8Array, options?: WriteOptions): Promise<void>;
  /** Throws 'NotFound' when `from` is missing and 'Exists' when `to` is there and `overwrite` is false. */
  rename(from: string, to: string, options: { readonly overwrite: boolean }): Promise<void>;
  /** Throws 'NotFound' when nothing is there; a non-empty folder needs `recursive`. */
  delete(path: string, options?: DeleteOptions): Promise<void>;
  /** The path with every symbolic link resolved; throws 'NotFound'. Absent where links cannot be resolved (workspace.fs). */
  realPath?(path: string): Promise<string>;
  /** The entries of a folder, sorted by name. Throws 'NotFound' or 'NotDirectory'. */
  readDirectory(path: string): Promise<Array<[string, FileType]>>;
  /** Every file under `root` (at any depth) whose path `match` accepts, sorted; folders `skip` accepts are not entered. */
  find(root: string, match: (path: string) => boolean, skip?: (folder: string) => boolean): Promise<string[]>;
  /** Changes under `root`, as a watcher reports them: late, and possibly several merged into one. */
  watch(root: string, listener: (change: FileChange) => void): Disposable;
}

function describe(code: FileSystemErrorCode): string {
  switch (code) {
    case 'NotFound': return l10n.t('no such file or folder');
    case 'Exists': return l10n.t('already exists');
    case 'IsDirectory': return l10n.t('is a folder');
    case 'NotDirectory': return l10n.t('is not a folder');
    case 'Other': return l10n.t('cannot be used');
  }
}
