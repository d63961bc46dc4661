// Writing an export's files without ever destroying a file the export did not write. Everything
// is checked before the first byte is written, so a refusal leaves no half export behind:
// - never over a sidecar (any `*.tags.yaml`), an article being exported, or a file with a sidecar
//   beside it (some corpus's article), --force or not; compared by the real folder's entry and
//   the real file, so a symlinked folder or article cannot slip past;
// - never over an existing file without `force`;
// - never through a symlink: new files are created exclusively (`wx`, which fails on any existing
//   entry, a dangling link included), and `force` replaces a file by temp file + rename, which
//   replaces a link itself, never its target;
// - never into a FIFO, socket, device or folder: the type is checked first, so nothing blocks.
import { lstat, mkdir, open, realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from './fs/nodeFileSystem';
import type { ExportFile } from './export/types';
import { isSidecarName } from './sidecar';

/** An export that was not written (or not completely): one line naming the file and the cause. */
export class ExportWriteError extends Error {}

export type ExportTarget = { readonly kind: 'folder'; readonly path: string } | { readonly kind: 'file'; readonly path: string };

export interface ExportWriteOptions {
  /** Replace existing files (never articles or sidecars). */
  readonly force: boolean;
  /** The articles and sidecars being exported: never written over. */
  readonly protect: readonly string[];
}

/** Writes the files; returns their paths. Throws ExportWriteError, having written nothing, when any file may not be written. */
export async function writeExport(files: readonly ExportFile[], target: ExportTarget, options: ExportWriteOptions): Promise<string[]> {
  const folder = target.kind === 'folder' ? target.path : dirname(target.path);
  if (target.kind === 'file' && files.length !== 1) throw new ExportWriteError(`${target.path}: this format writes ${files.length} files; give --out a folder`);
  const destinations = files.map((f) => (target.kind === 'file' ? target.path : join(target.path, plainName(f.path, target.path))));
  const seen = new Set<string>();
  for (const d of destinations) {
    if (seen.has(d.toLowerCase())) throw new ExportWriteError(`${d}: two exported files would have this name; nothing written`);
    seen.add(d.toLowerCase());
  }
  await checkFolder(folder);
  const protectedEntries = await entriesOf(options.protect);
  const exists: boolean[] = [];
  for (const d of destinations) exists.push(await checkDestination(d, protectedEntries, options.force));

  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw new ExportWriteError(describeFileError(folder, error, 'cannot create the folder'));
  });
  for (const [i, file] of files.entries()) {
    const d = destinations[i]!;
    try {
      if (exists[i]) await writeFileAtomic(d, file.content);
      else await createExclusive(d, file.content);
    } catch (error) {
      const done = i === 0 ? 'nothing written' : `${i} of ${files.length} files written`;
      throw new ExportWriteError(describeFileError(d, error, `cannot write (${done})`));
    }
  }
  return destinations;
}

/** One line for a file-system error: the path, what failed, and the cause in words. */
export function describeFileError(path: string, error: unknown, what: string): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const cause = code !== undefined ? CAUSES[code] : undefined;
  const detail = cause ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
  return `${path}: ${what} — ${detail}${code !== undefined ? ` (${code})` : ''}`;
}

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EISDIR: 'it is a folder',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EIO: 'input/output error',
};

/** Exporters name plain files; anything else would write outside the chosen folder. */
function plainName(path: string, folder: string): string {
  if (path === '' || path === '.' || path === '..' || /[/\\]/.test(path)) throw new ExportWriteError(`${join(folder, path)}: not a plain file name; nothing written`);
  return path;
}

async function checkFolder(folder: string): Promise<void> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new ExportWriteError(`${folder}: is a file, not a folder; give --out a folder for this format (nothing written)`);
  } catch (error) {
    if (error instanceof ExportWriteError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return; // created when writing
    throw new ExportWriteError(describeFileError(folder, error, 'cannot use as the output folder'));
  }
}

/** The folder entry a path names, with its folder's symlinks resolved (the entry itself is not followed). */
async function entryOf(path: string): Promise<string> {
  const absolute = resolve(path);
  const folder = await realpath(dirname(absolute)).catch(() => dirname(absolute));
  return join(folder, basename(absolute));
}

/** Every name under which a protected file can be reached: its entry and, when it is a link, its target. */
async function entriesOf(paths: readonly string[]): Promise<Set<string>> {
  const entries = new Set<string>();
  for (const p of paths) {
    entries.add(resolve(p));
    entries.add(await entryOf(p));
    const real = await realpath(p).catch(() => undefined);
    if (real !== undefined) entries.add(real);
  }
  return entries;
}

/** Whether the destination exists (then only `force` may replace it); throws when it may not be written. */
async function checkDestination(path: string, protectedEntries: ReadonlySet<string>, force: boolean): Promise<boolean> {
  const entry = await entryOf(path);
  if (isSidecarName(basename(path))) throw new ExportWriteError(`${path}: a *.tags.yaml name is a sidecar's; an export never writes one (nothing written)`);
  if (protectedEntries.has(entry)) throw new ExportWriteError(`${path}: is an article or sidecar being exported; an export never writes over it (nothing written)`);
  if (await present(`${entry}.tags.yaml`)) throw new ExportWriteError(`${path}: is an article with tags (its sidecar is beside it); an export never writes over it (nothing written)`);
  let info;
  try {
    info = await lstat(entry);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw new ExportWriteError(describeFileError(path, error, 'cannot check before writing'));
  }
  // A link is replaced, never followed; but a link to something that is not a plain file is refused like that thing.
  const resolved = info.isSymbolicLink() ? await stat(entry).catch(() => info) : info;
  const kind = kindOf(resolved);
  if (kind !== undefined) throw new ExportWriteError(`${path}: is ${kind}, not a regular file; an export writes only regular files (nothing written)`);
  if (!force) throw new ExportWriteError(`${path}: already exists; give --force to replace it, or another --out (nothing written)`);
  return true;
}

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isFile(): boolean; isSymbolicLink(): boolean }): string | undefined {
  if (info.isFile() || info.isSymbolicLink()) return undefined;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

async function present(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

/** Creates a new file; fails if anything (a file, a link, dangling or not) has the name. A partial file is removed. */
async function createExclusive(path: string, content: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
}
