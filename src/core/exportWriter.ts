// Writing an export's files without ever destroying a file the export did not write, on any file
// system behind the port (the disk for the CLI; workspace.fs in the editor, vscode.dev included).
// Everything is checked before the first byte is written, so a refusal leaves no half export behind:
// - never over a sidecar (any `*.tags.yaml`), an article being exported, or a file with a sidecar
//   beside it (some corpus's article), force or not; compared by the real folder's entry and the
//   real file, so a symlinked folder or article cannot slip past. Where the file system cannot
//   read links (workspace.fs has no realpath), an existing file with a protected file's size and
//   mtime is taken to be that file, reached through a link;
// - never over an existing file without `force`;
// - never through a symlink: new files are created exclusively (a create-only atomic write, which
//   fails on any existing entry, a dangling link included), and `force` replaces a file by temp
//   file + rename, which replaces a link itself, never its target;
// - never into a FIFO, socket, device or folder: the type is checked first, so nothing blocks.
import * as l10n from '@vscode/l10n';
import { concatBytes } from './fs/bytes';
import { basenamePath, dirnamePath, joinPath } from './fs/paths';
import { FileSystemError, StaleWriteError, type FileStat, type FileSystemPort } from './fs/port';
import type { ExportFile } from './export/types';
import { isSidecarName } from './sidecar';

/** An export that was not written (or not completely): one line naming the file and the cause. */
export class ExportWriteError extends Error {}

/** Port paths: absolute, '/'-separated (src/core/fs/port.ts). */
export type ExportTarget = { readonly kind: 'folder'; readonly path: string } | { readonly kind: 'file'; readonly path: string };

export interface ExportWriteOptions {
  /** Replace existing files (never articles or sidecars). */
  readonly force: boolean;
  /** The articles and sidecars being exported: never written over. Gone through once (it may be made as it is read). */
  readonly protect: Iterable<string>;
  /**
   * Writes a file from its chunks without holding it whole (the command line's large exports):
   * into a new temporary file beside `path`, then renamed onto it, over an existing file only
   * when `replace`. Without it, a file's chunks are joined and written at once.
   */
  readonly writeChunks?: (path: string, chunks: AsyncIterable<Uint8Array>, replace: boolean) => Promise<void>;
}

/** A file of an export made piece by piece (a streamed export): its bytes as they are read back. */
export interface ChunkedExportFile {
  readonly path: string;
  chunks(): AsyncIterable<Uint8Array>;
}

/** Writes the files; returns their paths. Throws ExportWriteError, having written nothing, when any file may not be written. */
export async function writeExport(fs: FileSystemPort, files: readonly (ExportFile | ChunkedExportFile)[], target: ExportTarget, options: ExportWriteOptions): Promise<string[]> {
  const folder = target.kind === 'folder' ? target.path : dirnamePath(target.path);
  if (target.kind === 'file' && files.length !== 1) throw new ExportWriteError(l10n.t('{0}: this format writes {1} files; give --out a folder', target.path, files.length));
  const destinations = files.map((f) => (target.kind === 'file' ? target.path : joinPath(target.path, plainName(f.path, target.path))));
  const seen = new Set<string>();
  for (const d of destinations) {
    if (seen.has(d.toLowerCase())) throw new ExportWriteError(l10n.t('{0}: two exported files would have this name; nothing written', d));
    seen.add(d.toLowerCase());
  }
  await checkFolder(fs, folder);
  const guard = await guardOf(fs, options.protect, destinations);
  // Listed names include what stat cannot see: a dangling link is an entry all the same.
  const listed = new Set((await fs.readDirectory(folder).catch(() => [])).map(([name]) => name));
  const exists: boolean[] = [];
  for (const d of destinations) exists.push(await checkDestination(fs, d, listed, guard, options.force));

  await fs.createDirectory(folder).catch((error: unknown) => {
    throw new ExportWriteError(describeFileError(folder, error, l10n.t('cannot create the folder')));
  });
  for (const [i, file] of files.entries()) {
    const d = destinations[i]!;
    try {
      if ('chunks' in file && options.writeChunks) await options.writeChunks(d, file.chunks(), exists[i]!);
      else {
        const bytes = 'chunks' in file ? await joined(file.chunks()) : new TextEncoder().encode(file.content);
        if (exists[i]) await fs.writeFileAtomic(d, bytes);
        else await fs.writeFileAtomic(d, bytes, { expect: 'absent' });
      }
    } catch (error) {
      const done = i === 0 ? l10n.t('nothing written') : l10n.t('{0} of {1} files written', i, files.length);
      throw new ExportWriteError(describeFileError(d, error, l10n.t('cannot write ({0})', done)));
    }
  }
  return destinations;
}

async function joined(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return concatBytes(parts);
}

/** One line for a file-system error: the path, what failed, and the cause in words. */
export function describeFileError(path: string, error: unknown, what: string): string {
  if (error instanceof StaleWriteError) return l10n.t('{0}: {1} — a file of that name appeared meanwhile; it is left as it is', path, what);
  const portErrno = error instanceof FileSystemError ? PORT_ERRNO[error.code] : undefined;
  const portCause = portErrno !== undefined ? causeOf(portErrno) : undefined;
  if (portCause !== undefined) return `${path}: ${what} — ${portCause}`;
  const code = errnoOf(error);
  const cause = code !== undefined ? causeOf(code) : undefined;
  const detail = cause ?? firstLine(error);
  return `${path}: ${what} — ${detail}${code !== undefined ? ` (${code})` : ''}`;
}

/** An errno in words (a function: the words are translated when they are said). */
function causeOf(code: string): string | undefined {
  switch (code) {
    case 'ENOSPC': return l10n.t('no space left on the device');
    case 'EDQUOT': return l10n.t('disk quota exceeded');
    case 'EACCES': return l10n.t('permission denied');
    case 'EPERM': return l10n.t('operation not permitted');
    case 'EROFS': return l10n.t('read-only file system');
    case 'ENOTDIR': return l10n.t('a part of the path is a file, not a folder');
    case 'EEXIST': return l10n.t('a file of that name is in the way');
    case 'EISDIR': return l10n.t('it is a folder');
    case 'ENOENT': return l10n.t('no such file or folder');
    case 'ENAMETOOLONG': return l10n.t('the name is too long');
    case 'ELOOP': return l10n.t('too many symbolic links');
    case 'EIO': return l10n.t('input/output error');
    default: return undefined;
  }
}

const PORT_ERRNO: Partial<Record<FileSystemError['code'], string>> = {
  NotFound: 'ENOENT',
  Exists: 'EEXIST',
  IsDirectory: 'EISDIR',
  NotDirectory: 'ENOTDIR',
};

/** Node's errno, or the one a port error quotes in its detail (both Node and VS Code keep it there). */
function errnoOf(error: unknown): string | undefined {
  if (error instanceof FileSystemError) return /\b(E[A-Z]{2,})\b/.exec(error.message)?.[1];
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function firstLine(error: unknown): string {
  if (error instanceof FileSystemError) return error.message.slice(`${error.path}: `.length).split('\n')[0]!;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** Exporters name plain files; anything else would write outside the chosen folder. */
function plainName(path: string, folder: string): string {
  if (path === '' || path === '.' || path === '..' || /[/\\]/.test(path)) throw new ExportWriteError(l10n.t('{0}: not a plain file name; nothing written', joinPath(folder, path)));
  return path;
}

async function checkFolder(fs: FileSystemPort, folder: string): Promise<void> {
  let info: FileStat | undefined;
  try {
    info = await fs.stat(folder);
  } catch (error) {
    throw new ExportWriteError(describeFileError(folder, error, l10n.t('cannot use as the output folder')));
  }
  // Absent: created when writing.
  if (info !== undefined && info.type !== 'directory') throw new ExportWriteError(l10n.t('{0}: is a file, not a folder; give --out a folder for this format (nothing written)', folder));
}

/**
 * Which destinations are protected files: the folder entries (see entryOf) that are a protected
 * file under any name it can be reached by and, without realPath, the destinations that have a
 * protected file's size and mtime.
 */
interface Guard {
  readonly entries: ReadonlySet<string>;
  readonly sameStats: ReadonlySet<string>;
}

/** The folder entry a path names, with its folder's symlinks resolved (the entry itself is not followed); `folders` remembers each folder's. */
async function entryOf(fs: FileSystemPort, path: string, folders?: Map<string, string>): Promise<string> {
  if (fs.realPath === undefined) return path;
  const folder = dirnamePath(path);
  let real = folders?.get(folder);
  if (real === undefined) {
    real = await fs.realPath(folder).catch(() => folder);
    folders?.set(folder, real);
  }
  return joinPath(real, basenamePath(path));
}

/**
 * The protected files among the destinations, found by going through the protected files once
 * and keeping only what names a destination: memory for the destinations, not for the corpus.
 */
async function guardOf(fs: FileSystemPort, paths: Iterable<string>, destinations: readonly string[]): Promise<Guard> {
  const folders = new Map<string, string>();
  const wanted = new Set<string>();
  for (const d of destinations) wanted.add(await entryOf(fs, d, folders));
  const stamps = new Map<string, string[]>();
  if (fs.realPath === undefined) {
    for (const d of wanted) {
      const info = await fs.stat(d).catch(() => undefined);
      if (info?.type === 'file') stamps.set(`${info.size}:${info.mtime}`, [...(stamps.get(`${info.size}:${info.mtime}`) ?? []), d]);
    }
  }
  const entries = new Set<string>();
  const sameStats = new Set<string>();
  for (const p of paths) {
    const names = [p, await entryOf(fs, p, folders)];
    if (fs.realPath !== undefined) {
      const real = await fs.realPath(p).catch(() => undefined);
      if (real !== undefined) names.push(real);
    } else if (stamps.size > 0) {
      const info = await fs.stat(p).catch(() => undefined);
      if (info?.type === 'file') for (const d of stamps.get(`${info.size}:${info.mtime}`) ?? []) sameStats.add(d);
    }
    for (const n of names) if (wanted.has(n)) entries.add(n);
  }
  return { entries, sameStats };
}

/** Whether the destination exists (then only `force` may replace it); throws when it may not be written. */
async function checkDestination(fs: FileSystemPort, path: string, listed: ReadonlySet<string>, guard: Guard, force: boolean): Promise<boolean> {
  const entry = await entryOf(fs, path);
  if (isSidecarName(basenamePath(path))) throw new ExportWriteError(l10n.t('{0}: a *.tags.yaml name is a sidecar\'s; an export never writes one (nothing written)', path));
  if (guard.entries.has(entry)) throw new ExportWriteError(l10n.t('{0}: is an article or sidecar being exported; an export never writes over it (nothing written)', path));
  if (await present(fs, `${entry}.tags.yaml`)) throw new ExportWriteError(l10n.t('{0}: is an article with tags (its sidecar is beside it); an export never writes over it (nothing written)', path));
  let info: FileStat | undefined;
  try {
    // A link is followed here: one to something that is not a plain file is refused like that thing.
    info = await fs.stat(entry);
  } catch (error) {
    throw new ExportWriteError(describeFileError(path, error, l10n.t('cannot check before writing')));
  }
  // Not there by stat but listed: a dangling link, replaced (never followed) like any file.
  if (info === undefined && !listed.has(basenamePath(path))) return false;
  if (info?.dangling && !force) throw new ExportWriteError(l10n.t('{0}: already exists; give --force to replace it, or another --out (nothing written)', path));
  if (info?.dangling) return true;
  if (info !== undefined && info.type !== 'file') {
    throw new ExportWriteError(info.type === 'directory'
      ? l10n.t('{0}: is a folder, not a regular file; an export writes only regular files (nothing written)', path)
      : l10n.t('{0}: is a FIFO, socket, device or a link to none of these, not a regular file; an export writes only regular files (nothing written)', path));
  }
  if (info !== undefined && guard.sameStats.has(entry)) {
    throw new ExportWriteError(l10n.t('{0}: may be an article or sidecar being exported, reached through a link (same size and time); an export never writes over it (nothing written)', path));
  }
  if (!force) throw new ExportWriteError(l10n.t('{0}: already exists; give --force to replace it, or another --out (nothing written)', path));
  return true;
}

async function present(fs: FileSystemPort, path: string): Promise<boolean> {
  return fs.stat(path).then((info) => info !== undefined, () => false);
}
