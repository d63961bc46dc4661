import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /**
   * Asked right before the rename: false leaves the target untouched (someone else wrote it
   * since it was read) and makes the write return false.
   */
  readonly stillCurrent?: () => Promise<boolean>;
  /**
   * The target was not there when it was read: put the new file in place only if it still is
   * not (a file that appeared meanwhile is someone else's and makes the write return false).
   */
  readonly create?: boolean;
}

/**
 * Writes a file so that a reader (or a crash) sees either the old or the new content, never a
 * half-written one: write a temporary file in the same folder, flush it, then rename over.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content, typeof content === 'string' ? 'utf8' : undefined);
    await handle.sync();
  } finally {
    await handle.close();
  }
  let renamed = false;
  const put = async (): Promise<void> => {
    await rename(temp, path);
    renamed = true;
  };
  try {
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: the lock and the check just made are all there is.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await put();
    return true;
  }
}

/** Held for a read and a rename: older than this, its writer died and the lock is stale. */
const STALE_LOCK_MS = 5000;

/**
 * `.<name>.lock` beside the file, taken by exclusive create: every Newsmark writer (editor and
 * command line) checks and renames under it. A dot name that never looks like a sidecar.
 */
async function withWriteLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lock = join(dirname(path), `.${basename(path)}.lock`);
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      await (await open(lock, 'wx')).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
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
