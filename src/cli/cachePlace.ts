// Where the command line's caches are (see ./cache.ts), apart from the cache itself so that the
// command line's start (./startEarly.ts) can look for the file before the rest is loaded.
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fromNativePath } from '../core/fs/nodeFileSystem';
import { sha256Hex } from '../core/sha256';
import { isSidecarName } from '../core/sidecarName';
import { languageBundle } from './language';

export const CACHE_FOLDER = '.newsmark-cache';

/** The parse cache file of the corpus whose first PATH is `firstPath` (which may not exist yet). */
export function cacheFileOf(firstPath: string): string {
  const place = cachePlace(firstPath);
  return join(place.folder, `parse-${place.corpus}${place.language}.jsonl`);
}

/**
 * Where a corpus's cache files go: the folder, the corpus's part of their names (its root, hashed)
 * and the language's (".de", or "" for English). One file per corpus root, so one
 * NEWSMARK_CACHE_DIR serves several corpora; and per language of the messages, which the files
 * keep (a sidecar's problems, a command's output) as the run that made them said them.
 */
export function cachePlace(firstPath: string): { folder: string; corpus: string; language: string } {
  const root = resolve(isFolder(firstPath) ? firstPath : dirname(firstPath));
  const folder = process.env['NEWSMARK_CACHE_DIR'] ? resolve(process.env['NEWSMARK_CACHE_DIR']) : join(root, CACHE_FOLDER);
  const bundle = languageBundle();
  const language = bundle === undefined ? '' : `.${basename(bundle).replace(/^bundle\.l10n\.|\.json$/g, '')}`;
  return { folder, corpus: sha256Hex(fromNativePath(root)).slice(0, 16), language };
}

function isFolder(path: string): boolean {
  let info;
  try {
    info = statSync(path, { throwIfNoEntry: false });
  } catch {
    return false;
  }
  return info !== undefined && info.isDirectory() && !isSidecarName(basename(path));
}
