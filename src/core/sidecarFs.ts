import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { sidecarNameFor } from './sidecar';
import type { FileRead, SidecarFs } from './sidecarUpdate';

/** Node's file system for the guarded writer. */
export const nodeSidecarFs: SidecarFs = {
  read: readFileSafely,
  write: (path, text, options) => writeFileAtomic(path, text, options),
};

/**
 * A file's bytes, 'missing' only when nothing is there. Anything that is not a regular file (a
 * folder, a FIFO, a device) is an Error, checked before opening: opening a FIFO would block.
 */
export async function readFileSafely(path: string): Promise<FileRead> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return new Error('it is a folder');
    if (!info.isFile()) return new Error('it is not a regular file');
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return (await lstat(path).then(() => true, () => false)) ? asError(error) : 'missing';
    return asError(error);
  }
}

/**
 * Where an article's sidecar is written. A sidecar that is a symbolic link is written through
 * only when it leads to the sidecar of the article's own real file (article and sidecar both
 * linked from another folder); a link anywhere else — another article's sidecar, a file outside
 * — is refused, so one article's tags never land in another's file.
 */
export async function sidecarTarget(sidecarPath: string, articlePath: string): Promise<{ path: string } | { problem: string }> {
  const info = await lstat(sidecarPath).catch(() => undefined);
  if (!info?.isSymbolicLink()) return { path: sidecarPath };
  const target = await realpath(sidecarPath).catch(() => undefined);
  const own = await realpath(articlePath).then(sidecarNameFor, () => undefined);
  if (target !== undefined && own !== undefined && resolve(target) === resolve(own)) return { path: target };
  return { problem: `${sidecarPath}: is a symbolic link to ${target ?? 'a file that does not exist'}, not to this article's own sidecar; it is left as it is.` };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
