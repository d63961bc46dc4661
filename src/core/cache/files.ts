/**
 * How the parse cache reads its file and writes the next one. The command line's version
 * (src/cli/cache.ts) reads the places asked for and appends to a temporary file beside the
 * cache, so neither is held in memory; the port's, here, holds both (the in-memory file system
 * of the tests, with its faults).
 */
import * as l10n from '@vscode/l10n';
import type { FileSystemPort } from '../fs/port';

/** The cache file as it was opened. */
export interface CacheSource {
  readonly size: number;
  /** Bytes [from, to). */
  read(from: number, to: number): Uint8Array;
  close(): void;
}

/** The next version of the cache file, written as it goes and put in place by `commit`. */
export interface NextCacheFile {
  readonly size: number;
  append(bytes: Uint8Array): void;
  /** Bytes [from, to) of what was appended. */
  read(from: number, to: number): Uint8Array;
  /** Replaces the cache file with this one, atomically; `prepareFolder` makes its folder first. */
  commit(prepareFolder: (fs: FileSystemPort) => Promise<void>): Promise<void>;
  /** Gives up this version; the cache file stays as it was. */
  discard(): void;
}

export interface CacheFiles {
  /** The file, or undefined when there is none. May throw (then the cache starts empty). */
  open(file: string): Promise<CacheSource | undefined>;
  /** Begins the next version of the file. Throws when it cannot (then nothing is cached). */
  create(file: string): NextCacheFile;
}

/** Cache files through the port: read whole, written whole with writeFileAtomic. */
export function portCacheFiles(fs: FileSystemPort): CacheFiles {
  return {
    async open(file) {
      let bytes: Uint8Array;
      try {
        bytes = await fs.readFile(file);
      } catch {
        return undefined;
      }
      return { size: bytes.byteLength, read: (from, to) => bytes.subarray(from, to), close: () => undefined };
    },
    create(file) {
      let parts: Uint8Array[] = [];
      let size = 0;
      let whole: Uint8Array | undefined;
      const joined = (): Uint8Array => {
        if (!whole) {
          whole = new Uint8Array(size);
          let at = 0;
          for (const p of parts) {
            whole.set(p, at);
            at += p.byteLength;
          }
          parts = [whole];
        }
        return whole;
      };
      return {
        get size() {
          return size;
        },
        append(bytes) {
          parts.push(bytes.slice());
          size += bytes.byteLength;
          whole = undefined;
        },
        read: (from, to) => joined().subarray(from, to),
        async commit(prepareFolder) {
          await prepareFolder(fs);
          await fs.writeFileAtomic(file, joined());
        },
        discard: () => {
          parts = [];
        },
      };
    },
  };
}

/**
 * The cache's version with the language its stored messages are in (problems are cached as
 * they were said): a cache written in another language is not used. English adds nothing, so an
 * English cache keeps the version it had. ("en" is what every bundle translates to its language.)
 */
export function messagesVersion(version: string): string {
  const language = l10n.t('en');
  return language === 'en' ? version : `${version} (${language})`;
}

const NEWLINE = 0x0a;
/** How far from the end a trailer line is looked for. */
const TAIL = 4096;

/**
 * The JSON object on a file's last line, and where that line starts: the trailer the parse
 * cache's file and a stored output (src/cli/outputCache.ts) both end with, which says what the
 * rest of the file is. Undefined unless the file ends with a whole line holding a JSON object
 * within its last 4 kB: a file cut short has no trailer at its end.
 */
export function trailerLine(size: number, read: (from: number, to: number) => Uint8Array): { at: number; value: Readonly<Record<string, unknown>> } | undefined {
  const from = Math.max(0, size - TAIL);
  const tail = read(from, size);
  if (tail.length !== size - from || tail[tail.length - 1] !== NEWLINE) return undefined;
  const start = tail.lastIndexOf(NEWLINE, tail.length - 2) + 1;
  if (start === 0 && from > 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(tail.subarray(start, tail.length - 1)));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { at: from + start, value: value as Record<string, unknown> } : undefined;
}
