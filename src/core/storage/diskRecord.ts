import * as l10n from '@vscode/l10n';
import { decodeArticle } from '../articleFile';
import { FileSystemError, type FileSystemPort, type StillCurrent } from '../fs/port';
import { basenamePath, isUnder, sameBytes } from '../fs/paths';
import { SidecarFile, type SidecarProblem } from '../sidecar';

/** A file's bytes; 'missing' only when nothing is there, an Error when it is there but cannot be read. */
export type FileRead = Uint8Array | 'missing' | Error;

/** Reads a file through the port without ever taking "cannot read" for "not there". */
export async function readBytes(fs: FileSystemPort, path: string): Promise<FileRead> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    if (error instanceof FileSystemError) {
      if (error.code === 'NotFound') return 'missing';
      if (error.code === 'IsDirectory') return new Error(l10n.t('it is a folder'));
      // The port's message starts with the path; the callers name the file themselves.
      const detail = error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message;
      return new Error(detail.startsWith('is ') ? `it ${detail}` : detail);
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

export type SidecarContent =
  | { kind: 'missing' }
  | { kind: 'unreadable'; problems: SidecarProblem[] }
  | { kind: 'ok'; file: SidecarFile };

/** What a sidecar's bytes say for the editor: anything not read faithfully is unreadable, never "no tags". */
export function sidecarContent(path: string, read: FileRead, maxBytes: number): SidecarContent {
  if (read === 'missing') return { kind: 'missing' };
  if (read instanceof Error) return { kind: 'unreadable', problems: [{ message: l10n.t('The file cannot be read: {0}', read.message), line: 1, column: 1 }] };
  const decoded = decodeArticle(read, basenamePath(path), maxBytes);
  if (!decoded.ok) return { kind: 'unreadable', problems: [{ message: decoded.reason, line: 1, column: 1 }] };
  const parsed = SidecarFile.parse(decoded.text);
  return parsed.ok ? { kind: 'ok', file: parsed.sidecar } : { kind: 'unreadable', problems: parsed.problems };
}

/**
 * What we last read or wrote per sidecar path: the watcher tells our own writes from others' by
 * it, and a write expects the file to still hold it, so a stale copy never lands on disk.
 */
export class DiskRecord {
  /** `readable: false`: a file we could not read; it never counts as unchanged, so it is read again. */
  private readonly known = new Map<string, { bytes: Uint8Array; readable: boolean }>();

  remember(path: string, read: FileRead, readable = true): void {
    if (read === 'missing') this.known.delete(path);
    else this.known.set(path, read instanceof Error ? { bytes: new Uint8Array(0), readable: false } : { bytes: read.slice(), readable });
  }

  forget(path: string): void {
    this.known.delete(path);
  }

  /** Whether the file holds what we last read or wrote ('missing': whether we knew of no file). */
  unchanged(path: string, read: FileRead): boolean {
    const known = this.known.get(path);
    if (read === 'missing') return known === undefined;
    return known !== undefined && known.readable && !(read instanceof Error) && sameBytes(known.bytes, read);
  }

  /** What a write of this sidecar expects to find. */
  expect(path: string): StillCurrent {
    const known = this.known.get(path);
    return known === undefined ? 'absent' : { bytes: known.bytes };
  }

  /** The sidecars at or under `from` are now at `to` (a rename of an article or a folder). */
  move(from: string, to: string): void {
    for (const [path, known] of [...this.known]) {
      if (!isUnder(path, from)) continue;
      this.known.delete(path);
      this.known.set(to + path.slice(from.length), known);
    }
  }
}

/** The file's bytes once they stop changing for `settleMs` (another program may still be writing in place). */
export async function settledRead(fs: FileSystemPort, path: string, settleMs: number): Promise<FileRead> {
  let read = await readBytes(fs, path);
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const again = await readBytes(fs, path);
    if (sameRead(again, read)) return read;
    read = again;
  }
  return read;
}

function sameRead(a: FileRead, b: FileRead): boolean {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return a === b || (a instanceof Error && b instanceof Error && a.message === b.message);
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
