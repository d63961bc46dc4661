import { FileSystemError, StaleWriteError, type FileStat, type StillCurrent, type WriteOptions } from './port';
import { lockPathFor, sameBytes, tempPathFor } from './paths';

/**
 * What an atomic write needs from a file system that offers only whole-file writes and renames
 * (`vscode.workspace.fs`, the in-memory fake). Node has better tools (fsync, hard links) and uses
 * writeFileAtomic in nodeFileSystem.ts instead; both take the same lock file, so they exclude each other.
 */
export interface RenamePrimitives {
  stat(path: string): Promise<FileStat | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  /** Creates or truncates; need not be atomic. */
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Must throw FileSystemError 'Exists' when `to` is there and `overwrite` is false. */
  rename(from: string, to: string, options: { overwrite: boolean }): Promise<void>;
  delete(path: string): Promise<void>;
}

/** Test seams; the editor passes none. */
export interface WriteHooks {
  /** Runs with the lock held, after the still-current check passed and before the rename. */
  readonly betweenCheckAndRename?: (path: string) => Promise<void> | void;
}

/** A lock older than this was left by a writer that died (the same rule as NodeFileSystem's). */
export const STALE_LOCK_MS = 5000;

/**
 * Writes a temporary file beside the target and renames it over. With `expect`, the check and the
 * rename happen under the `.<name>.lock` file; a create-only write renames without overwriting, so
 * a file that appeared even after the check is never replaced. A file changed by a writer that
 * ignores the lock (git, another editor) after the check is replaced: without an OS
 * compare-and-swap, the check narrows that window but cannot close it.
 */
export async function writeViaTempAndRename(fs: RenamePrimitives, path: string, bytes: Uint8Array, options: WriteOptions = {}, hooks: WriteHooks = {}): Promise<void> {
  const temp = tempPathFor(path);
  let placed = false;
  try {
    await fs.writeFile(temp, bytes);
    const expect = options.expect;
    if (expect === undefined) {
      await fs.rename(temp, path, { overwrite: true });
      placed = true;
      return;
    }
    await withLock(fs, path, async () => {
      const found = await compare(fs, path, expect);
      if (found !== 'current') throw new StaleWriteError(path, expect, found);
      await hooks.betweenCheckAndRename?.(path);
      try {
        await fs.rename(temp, path, { overwrite: expect !== 'absent' });
      } catch (error) {
        if (expect === 'absent' && error instanceof FileSystemError && error.code === 'Exists') throw new StaleWriteError(path, expect, 'present');
        throw error;
      }
      placed = true;
    });
  } finally {
    // A refusal or an error: the temporary file goes (after the rename it is the file).
    if (!placed) await fs.delete(temp).catch(() => undefined);
  }
}

/** Whether the file is still what the caller saw; otherwise whether something or nothing is there now. */
export async function compare(fs: Pick<RenamePrimitives, 'stat' | 'readFile'>, path: string, expect: StillCurrent): Promise<'current' | 'absent' | 'present'> {
  const info = await fs.stat(path);
  if (info === undefined) return expect === 'absent' ? 'current' : 'absent';
  if (expect === 'absent') return 'present';
  if ('bytes' in expect) {
    if (info.size !== expect.bytes.byteLength) return 'present';
    const now = await fs.readFile(path).catch(() => undefined);
    if (now === undefined) return 'absent';
    return sameBytes(now, expect.bytes) ? 'current' : 'present';
  }
  return info.size === expect.size && info.mtime === expect.mtime ? 'current' : 'present';
}

/** Exclusive create built from a rename that refuses to overwrite: write a private file, rename it onto the lock name. */
async function withLock<T>(fs: RenamePrimitives, path: string, work: () => Promise<T>): Promise<T> {
  const lock = lockPathFor(path);
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    const mine = tempPathFor(lock);
    await fs.writeFile(mine, new Uint8Array(0));
    try {
      await fs.rename(mine, lock, { overwrite: false });
      break;
    } catch (error) {
      await fs.delete(mine).catch(() => undefined);
      if (!(error instanceof FileSystemError) || error.code !== 'Exists') throw error;
      const info = await fs.stat(lock);
      if (info !== undefined && Date.now() - info.mtime > STALE_LOCK_MS) await fs.delete(lock).catch(() => undefined);
      else await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    }
  }
  try {
    return await work();
  } finally {
    await fs.delete(lock).catch(() => undefined);
  }
}
