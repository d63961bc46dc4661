import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /**
   * Asked right before the rename: false leaves the target untouched (someone else wrote it
   * since it was read) and makes the write return false.
   */
  readonly stillCurrent?: () => Promise<boolean>;
}

/**
 * Writes a file so that a reader (or a crash) sees either the old or the new content, never a
 * half-written one: write a temporary file in the same folder, flush it, then rename over.
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (options.stillCurrent && !(await options.stillCurrent())) {
      await unlink(temp).catch(() => undefined);
      return false;
    }
    await rename(temp, path);
    return true;
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
