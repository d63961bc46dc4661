/**
 * Where the command line keeps its parse cache, and the one cache a command run uses. The cache
 * is a folder `.newsmark-cache/` at the corpus root (the first PATH: a folder, or a file's
 * folder), marked so that git ignores it (.gitignore: *) and backup tools may skip it
 * (CACHEDIR.TAG); NEWSMARK_CACHE_DIR puts it elsewhere; --no-cache bypasses it. Deleting it is
 * always safe: the next run reads the sidecars again.
 */
import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ParseCache } from '../core/cache/parseCache';
import { fromNativePath, NodeFileSystem } from '../core/fs/nodeFileSystem';
import type { FileSystemPort } from '../core/fs/port';
import { sha256Hex } from '../core/sha256';
import { isSidecarName } from '../core/sidecar';

declare const NEWSMARK_VERSION: string | undefined;

export const CACHE_FOLDER = '.newsmark-cache';
const CACHEDIR_TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by Newsmark (newsmark CLI parse cache).\n# For information about cache directory tags, see https://bford.info/cachedir/\n';

let current: ParseCache | undefined;

/**
 * Runs a reading command with the corpus's cache (none with --no-cache), and saves what it
 * learned afterwards. A cache that cannot be read or written only makes the run slower.
 */
export async function withParseCache<T>(paths: readonly string[], enabled: boolean, body: (cache: ParseCache | undefined) => Promise<T>): Promise<T> {
  const cache = enabled && paths.length > 0 ? await openCache(paths[0]!) : undefined;
  current = cache;
  try {
    return await body(cache);
  } finally {
    current = undefined;
    if (cache) await cache.save((fs) => prepareFolder(fs, cache.file.slice(0, cache.file.lastIndexOf('/'))));
  }
}

/** For Newsmark's own writes: the entry of a sidecar just written is dropped, not trusted. */
export function forgetCached(sidecarKey: string): void {
  current?.forget(sidecarKey);
}

async function openCache(firstPath: string): Promise<ParseCache> {
  const root = resolve(await isFolder(firstPath) ? firstPath : dirname(firstPath));
  const folder = process.env['NEWSMARK_CACHE_DIR'] ? resolve(process.env['NEWSMARK_CACHE_DIR']) : join(root, CACHE_FOLDER);
  // One file per corpus root, so one NEWSMARK_CACHE_DIR serves several corpora.
  const file = join(folder, `parse-${sha256Hex(fromNativePath(root)).slice(0, 16)}.jsonl`);
  return ParseCache.open(new NodeFileSystem(), fromNativePath(file), cacheVersion());
}

/**
 * The version an entry was made by: Newsmark's, and the size and mtime of the running code, so
 * that a rebuilt CLI (a development build, or an upgrade that kept the version number) whose
 * parser may read a sidecar differently never trusts entries made by another build.
 */
function cacheVersion(): string {
  const version = typeof NEWSMARK_VERSION === 'string' ? NEWSMARK_VERSION : 'dev';
  const code = statSync(__filename, { throwIfNoEntry: false });
  return code ? `${version}+${code.size}.${Math.round(code.mtimeMs)}` : version;
}

async function isFolder(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && info.isDirectory() && !isSidecarName(basename(path));
}

/** The folder, made if missing, with its two markers when it is the default one (a folder the user named is theirs). */
async function prepareFolder(fs: FileSystemPort, folder: string): Promise<void> {
  await fs.createDirectory(folder);
  if (!folder.endsWith(`/${CACHE_FOLDER}`)) return;
  for (const [name, text] of [['.gitignore', '*\n'], ['CACHEDIR.TAG', CACHEDIR_TAG]] as const) {
    const path = `${folder}/${name}`;
    if ((await fs.stat(path)) === undefined) await fs.writeFileAtomic(path, new TextEncoder().encode(text), { expect: 'absent' }).catch(() => undefined);
  }
}
