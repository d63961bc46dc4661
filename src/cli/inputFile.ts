import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';

export type InputRead = { ok: true; bytes: Buffer } | { ok: false; missing: boolean; reason: string };

/**
 * Reads a file only if it is a regular file. A FIFO would block the read until something writes
 * to it (forever, in a folder run), a device may never end, and a folder is not a file: each is
 * refused from its type, looked up before opening, and again on what was opened, in case the
 * path was swapped in between. The open itself never blocks (O_NONBLOCK).
 *
 * The calls are synchronous: a corpus command reads thousands of small files one after another,
 * and each promise-based call's round trip through libuv's thread pool cost more than the system
 * call itself (a third of a cold `stats` was spent there, half of it in the kernel).
 */
export function readRegularFile(path: string): Promise<InputRead> {
  return Promise.resolve(readRegularFileSync(path));
}

export function readRegularFileSync(path: string): InputRead {
  let before;
  try {
    before = statSync(path);
  } catch (error) {
    return { ok: false, missing: (error as NodeJS.ErrnoException).code === 'ENOENT', reason: describeError(error) };
  }
  const refused = notRegular(before);
  if (refused) return { ok: false, missing: false, reason: refused };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, missing: false, reason: describeError(error) };
  }
  try {
    const opened = notRegular(fstatSync(fd));
    if (opened) return { ok: false, missing: false, reason: opened };
    return { ok: true, bytes: readFileSync(fd) };
  } catch (error) {
    return { ok: false, missing: false, reason: describeError(error) };
  } finally {
    closeSync(fd);
  }
}

function notRegular(info: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string | undefined {
  if (info.isFile()) return undefined;
  const kind = info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a named pipe (FIFO)' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file';
  return `is ${kind}, not a regular file; Newsmark reads only regular files and left it alone.`;
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'no permission to read it',
  EPERM: 'not permitted',
  ELOOP: 'too many symbolic links (a loop?)',
  ENOTDIR: 'a part of its path is not a folder',
  ENAMETOOLONG: 'the name is too long for the file system',
  EISDIR: 'is a folder, not a file',
  EIO: 'an input/output error',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EEXIST: 'a file of that name is in the way',
};

/** One line for the user; no stack, no internals. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && ERRNO_TEXT[code]) return `${ERRNO_TEXT[code]} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
