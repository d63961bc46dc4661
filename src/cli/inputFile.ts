import * as l10n from '@vscode/l10n';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

export type InputRead = { ok: true; bytes: Buffer } | { ok: false; missing: boolean; reason: string };

/**
 * Reads a file only if it is a regular file. A FIFO would block the read until something writes
 * to it (forever, in a folder run), a device may never end, and a folder is not a file: each is
 * refused from the type of what was opened, before anything is read. The open itself never
 * blocks (O_NONBLOCK) nor makes a terminal the process's own (O_NOCTTY); a socket cannot be
 * opened, and is then refused from its type too. Where O_NONBLOCK is missing (Windows), the type
 * is looked up before opening as well. A stat before every open was a third of a cold `stats`'s
 * system calls, and told nothing the fstat after it does not.
 *
 * The calls are synchronous: a corpus command reads thousands of small files one after another,
 * and each promise-based call's round trip through libuv's thread pool cost more than the system
 * call itself (a third of a cold `stats` was spent there, half of it in the kernel).
 */
export function readRegularFile(path: string): Promise<InputRead> {
  return Promise.resolve(readRegularFileSync(path));
}

/** Files up to this size are read by readRegularFileTransient into one buffer, kept for the run. */
const SCRATCH_MAX = 1 << 20;
let scratch: Buffer | undefined;

/**
 * readRegularFileSync into a buffer shared by every call: the bytes are good only until the next
 * call, so they must be decoded before anything else runs (no await in between). A corpus run
 * reads two files per article, and a new buffer for each was memory outside V8's heap, given
 * back only at the next collection (and to the system, fragmented, even later).
 */
export function readRegularFileTransient(path: string): InputRead {
  return readRegularFileSync(path, true);
}

const NON_BLOCKING: number | undefined = constants.O_NONBLOCK;

export function readRegularFileSync(path: string, transient = false): InputRead {
  if (NON_BLOCKING === undefined) {
    const before = typeBefore(path);
    if (before) return before;
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (NON_BLOCKING ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    // What could not be opened may be refused by its type (a socket: ENXIO), which says more than the error.
    return (NON_BLOCKING !== undefined ? typeBefore(path) : undefined) ?? { ok: false, missing: (error as NodeJS.ErrnoException).code === 'ENOENT', reason: describeError(error) };
  }
  try {
    const info = fstatSync(fd);
    const opened = notRegular(info);
    if (opened) return { ok: false, missing: false, reason: opened };
    return { ok: true, bytes: transient ? readInto(fd, info.size) : readFileSync(fd) };
  } catch (error) {
    return { ok: false, missing: false, reason: describeError(error) };
  } finally {
    closeSync(fd);
  }
}

/** The refusal of what is at `path` that stat shows not to be a regular file (or not to be there); undefined for a regular file. */
function typeBefore(path: string): InputRead | undefined {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    return { ok: false, missing: (error as NodeJS.ErrnoException).code === 'ENOENT', reason: describeError(error) };
  }
  const refused = notRegular(info);
  return refused ? { ok: false, missing: false, reason: refused } : undefined;
}

/** The file's bytes in the shared buffer, as readFileSync reads them: up to the size fstat gave, or to the end when it gave none. */
function readInto(fd: number, size: number): Buffer {
  if (size === 0 || size > SCRATCH_MAX) return readFileSync(fd);
  scratch ??= Buffer.allocUnsafe(SCRATCH_MAX);
  let at = 0;
  for (let n = -1; n !== 0 && at < size; at += n) n = readSync(fd, scratch, at, size - at, null);
  return scratch.subarray(0, at);
}

function notRegular(info: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string | undefined {
  if (info.isFile()) return undefined;
  // Whole sentences: import.ts keeps what comes before the ';'.
  if (info.isDirectory()) return l10n.t('is a folder, not a regular file; Newsmark reads only regular files and left it alone.');
  if (info.isFIFO()) return l10n.t('is a named pipe (FIFO), not a regular file; Newsmark reads only regular files and left it alone.');
  if (info.isSocket()) return l10n.t('is a socket, not a regular file; Newsmark reads only regular files and left it alone.');
  if (info.isCharacterDevice() || info.isBlockDevice()) return l10n.t('is a device, not a regular file; Newsmark reads only regular files and left it alone.');
  return l10n.t('is not a regular file, not a regular file; Newsmark reads only regular files and left it alone.');
}

/** What an error code means for the user, in the language of the messages. */
function errnoText(code: string): string | undefined {
  switch (code) {
    case 'ENOENT': return l10n.t('no such file');
    case 'EACCES': return l10n.t('no permission to read it');
    case 'EPERM': return l10n.t('not permitted');
    case 'ELOOP': return l10n.t('too many symbolic links (a loop?)');
    case 'ENOTDIR': return l10n.t('a part of its path is not a folder');
    case 'ENAMETOOLONG': return l10n.t('the name is too long for the file system');
    case 'EISDIR': return l10n.t('is a folder, not a file');
    case 'EIO': return l10n.t('an input/output error');
    case 'EROFS': return l10n.t('the file system is read-only');
    case 'ENOSPC': return l10n.t('no space left on the device');
    case 'EEXIST': return l10n.t('a file of that name is in the way');
    default: return undefined;
  }
}

/** One line for the user; no stack, no internals. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const text = typeof code === 'string' ? errnoText(code) : undefined;
  if (text !== undefined) return `${text} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
