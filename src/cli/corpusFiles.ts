/**
 * The files a corpus command is given: the sidecars its PATH arguments name or hold, listed a
 * folder at a time, and the stat every later step starts from.
 */
import * as l10n from '@vscode/l10n';
import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, normalize, sep } from 'node:path';
import { isSidecarName } from '../core/sidecar';

export class UsageError extends Error {}

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
