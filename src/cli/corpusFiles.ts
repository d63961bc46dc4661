/**
 * The files a corpus command is given: the sidecars its PATH arguments name or hold, listed a
 * folder at a time, and the stat every later step starts from.
 */
import * as l10n from '@vscode/l10n';
import type { Hash } from 'node:crypto';
import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, normalize, sep } from 'node:path';
import type { FileStamp } from '../core/cache/entry';
import { RACY_MS } from '../core/cache/parseCache';
import { articleNameFor, isSidecarName } from '../core/sidecar';

import { UsageError } from './usageError';

export { UsageError };

/**
 * PATH arguments → sidecar paths: a sidecar itself, an article's sidecar, or every sidecar under a
 * folder. Folder scans do not follow symbolic links; each one skipped is named to `notice`.
 */
export function findSidecars(paths: readonly string[], notice: (message: string) => void = () => undefined): string[] {
  const found: string[] = [];
  for (const path of paths) {
    const info = statOrUndefined(path);
    if (!info) throw new UsageError(l10n.t('{0}: no such file or folder.', path));
    if (info.isDirectory() && !isSidecarName(basename(path))) {
      for (const sidecar of sidecarsUnder(path, notice).sort()) found.push(sidecar);
    } else {
      found.push(isSidecarName(basename(path)) ? path : `${path}.tags.yaml`);
    }
  }
  return [...new Set(found)];
}

/**
 * The sidecar-named entries under a folder, a folder at a time (what a recursive readdir lists,
 * in its order, without holding an entry for every file of the corpus at once). A folder or a
 * FIFO named like a sidecar is listed too, so that it is reported, not skipped; links are not followed.
 */
function sidecarsUnder(root: string, notice: (message: string) => void): string[] {
  const found: string[] = [];
  const folders = [normalize(root)];
  for (let i = 0; i < folders.length; i++) {
    const folder = folders[i]!;
    // Synchronous, as the stats of a warm run are (stampsOf, sidecars.ts): nothing else runs meanwhile, and
    // a promise per folder and its thread-pool round trip were a sixth of listing 10,000 articles.
    for (const e of readdirSync(folder, { withFileTypes: true })) {
      const path = childPath(folder, e.name);
      if (e.isSymbolicLink()) {
        if (isSidecarName(e.name)) notice(l10n.t('skipped symlink {0}', path));
        continue;
      }
      if (isSidecarName(e.name)) found.push(path);
      if (e.isDirectory()) folders.push(path);
    }
    folders[i] = ''; // done: only the folders still to read are kept
  }
  return found;
}

/** Both files' stamps (see stampsOf), and a Date.now() taken before they were stat'ed: see ParseCache.put. */
export interface Taken {
  readonly stamps: PairStamps | undefined;
  readonly readAt: number;
}

export interface PairStamps {
  readonly sidecar: FileStamp;
  readonly article: FileStamp;
}

export function takeStamps(sidecarPath: string, articlePath: string): Taken {
  const readAt = Date.now();
  return { stamps: stampsOf(sidecarPath, articlePath), readAt };
}

/**
 * Both files' stamps, or undefined unless both are regular files (anything else takes the full
 * read, which reports it). A synchronous stat: a promise's round trip through the thread pool
 * cost more than the stat itself, and on a warm run the stats are most of the work.
 */
function stampsOf(sidecarPath: string, articlePath: string): PairStamps | undefined {
  const sidecar = stampOf(sidecarPath);
  const article = sidecar && stampOf(articlePath);
  return sidecar && article ? { sidecar, article } : undefined;
}

function stampOf(path: string): FileStamp | undefined {
  const info = statOrUndefined(path);
  return info?.isFile() ? { size: info.size, mtime: info.mtimeMs } : undefined;
}

/**
 * The sidecars of a command's PATH arguments (findSidecars), and, when a cache is in use, both
 * files' stamps of each pair taken as they are listed: whether a stored output still holds
 * (outputCache.ts) is known before anything is read, and the reading goes on with the same stamps
 * rather than stat'ing every file again.
 */
export class CorpusListing {
  /** Per pair, in the listing's order: the sidecar's size and mtime, the article's; NaN for a pair not of two regular files. Numbers, not objects: a warm run's collector had 10,000 of those to copy. */
  private readonly numbers: Float64Array | undefined;
  /** Pair by sidecar path, made when first asked: a stored output reprinted never asks. */
  private index: Map<string, number> | undefined;

  private constructor(readonly sidecars: readonly string[], stamped: boolean, readonly readAt: number) {
    if (!stamped) return;
    const numbers = (this.numbers = new Float64Array(4 * sidecars.length));
    for (let i = 0; i < sidecars.length; i++) {
      const sidecar = sidecars[i]!;
      const stamps = stampsOf(sidecar, articlePathOf(sidecar));
      if (!stamps) numbers[4 * i] = NaN;
      else numbers.set([stamps.sidecar.size, stamps.sidecar.mtime, stamps.article.size, stamps.article.mtime], 4 * i);
    }
  }

  static of(paths: readonly string[], notice: (message: string) => void, stamped: boolean): CorpusListing {
    const readAt = Date.now();
    return new CorpusListing(findSidecars(paths, notice), stamped, readAt);
  }

  /** The pair's stamps as listed, handed out once: a later read of the same pair (after a write) stats it again. */
  take(sidecarPath: string): Taken | undefined {
    if (!this.numbers) return undefined;
    this.index ??= new Map(this.sidecars.map((sidecar, i) => [sidecar, i]));
    const i = this.index.get(sidecarPath);
    if (i === undefined) return undefined;
    this.index.delete(sidecarPath);
    const n = this.numbers;
    const at = 4 * i;
    const stamps = Number.isNaN(n[at]) ? undefined : { sidecar: { size: n[at]!, mtime: n[at + 1]! }, article: { size: n[at + 2]!, mtime: n[at + 3]! } };
    return { stamps, readAt: this.readAt };
  }

  /**
   * Each pair's path and stamps, in the listing's order, into `hash`: its paths as one JSON text
   * (a name may hold a line break), then their sizes and times as numbers (a text of each number
   * was a twentieth of a reprinted `stats`). False when some pair is not two regular files.
   */
  hashInto(hash: Hash): boolean {
    const numbers = this.numbers;
    if (!numbers) return false;
    for (let i = 0; i < numbers.length; i += 4) if (Number.isNaN(numbers[i])) return false;
    hash.update(JSON.stringify(this.sidecars)).update('\n').update(new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength));
    return true;
  }

  /** Whether a file was changed so close to its stat that a change within the same mtime tick could follow unseen (see RACY_MS). */
  racy(): boolean {
    const numbers = this.numbers ?? [];
    for (let i = 0; i < numbers.length; i += 2) if (numbers[i + 1]! >= this.readAt - RACY_MS) return true;
    return false;
  }
}

/**
 * The article beside a sidecar. A warm run asks it of every sidecar, and join and resolve were a
 * twentieth of it: a path that is already what they would make (as the folder scan's are) is taken as it is.
 */
export function articlePathOf(sidecarPath: string): string {
  const name = articleNameFor(sidecarPath);
  return isNormalPath(sidecarPath) && isSidecarName(sidecarPath) && !/(^|\/)\.{0,2}$/.test(name) ? name : join(dirname(sidecarPath), articleNameFor(basename(sidecarPath)));
}

/** Whether join and normalize leave the path as it is: POSIX, no empty, "." or ".." part, no trailing slash. */
export function isNormalPath(path: string): boolean {
  return process.platform !== 'win32' && path !== '' && !/(^|\/)\.{1,2}(\/|$)|\/\/|\/$/.test(path);
}

/** The file's stat, or undefined when there is nothing there or it cannot be stat'ed. */
export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * join(folder, name) for a normalized folder and a name read from it (never "", ".", ".." or
 * with a separator): what join would make, without normalizing again. join was two thirds of
 * listing a 10,000-article corpus.
 */
export function childPath(folder: string, name: string): string {
  if (folder === '.' || folder === `.${sep}`) return name;
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/**
 * The first sidecar under a folder, or undefined (also when there is no such folder): whether
 * it holds tagged articles. Stops at the first one; links are not followed.
 */
export function firstSidecarUnder(root: string): string | undefined {
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue; // not a folder, or not one we can list: nothing of ours to find there
    }
    for (const e of entries) {
      const path = childPath(folder, e.name);
      if (e.isFile() && isSidecarName(e.name)) return path;
      if (e.isDirectory()) folders.push(path);
    }
  }
  return undefined;
}
