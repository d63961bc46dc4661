/**
 * `newsmark agree`'s reading of annotation sets: the core reader (src/core/agreement/readSet.ts,
 * the one the editor's Agreement Report uses too) on the Node file system, with the paths as the
 * user typed them and a set that cannot be read turned into bad usage (exit 2), never counted.
 */
import * as l10n from '@vscode/l10n';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pairFolders as pairSets, readAnnotationSet, requireReadable, UnreadableSetError, type PairOptions, type SkippedFile } from '../core/agreement/readSet';
import type { PairedSets, SetArticle } from '../core/agreement/sets';
import { fromNativePath, NodeFileSystem, toNativePath } from '../core/fs/nodeFileSystem';
import { UsageError } from './corpusFiles';

const fs = new NodeFileSystem();

/** Two folders paired by article path, A's text the one compared on. */
export async function pairFolders(rootA: string, rootB: string, notice: (message: string) => void): Promise<PairedSets> {
  const typed = new Map([[portPath(rootA), rootA], [portPath(rootB), rootB]]);
  const { paired, skipped } = await asUsage(typed, () => pairSets(fs, portPath(rootA), portPath(rootB), options(typed)));
  noticeSkipped(skipped, typed, notice);
  return paired;
}

/** Every article with a sidecar under the root; any unreadable one is bad usage. */
export async function loadSet(root: string, notice: (message: string) => void): Promise<SetArticle[]> {
  const typed = new Map([[portPath(root), root]]);
  const set = await asUsage(typed, async () => requireReadable(await readAnnotationSet(fs, portPath(root), { ...options(typed), withoutArticle: 'problem' })));
  noticeSkipped(set.skipped, typed, notice);
  return [...set.articles.values()];
}

export async function mustBeFolder(path: string): Promise<void> {
  const info = await fs.stat(portPath(path)).catch(() => undefined);
  if (!info) throw new UsageError(l10n.t('{0}: no such folder.', path));
  if (info.type !== 'directory') throw new UsageError(l10n.t('{0} is not a folder; an annotation set is a folder of articles with their sidecars.', path));
}

function portPath(path: string): string {
  return fromNativePath(resolve(path));
}

/** Files named under the set's folder as the user typed it, as `newsmark validate` names them. */
function options(typed: ReadonlyMap<string, string>): PairOptions {
  return {
    name: (path, root) => nameOf(path, root, typed),
    // The port lists a link as what it leads to; Node can tell.
    linksIn: async (folder) => new Set((await readdir(toNativePath(folder), { withFileTypes: true })).filter((e) => e.isSymbolicLink()).map((e) => e.name)),
  };
}

function nameOf(path: string, root: string, typed: ReadonlyMap<string, string>): string {
  const shown = typed.get(root);
  if (shown === undefined || path === root) return shown ?? toNativePath(path);
  return join(shown, ...path.slice(root === '/' ? 1 : root.length + 1).split('/'));
}

function noticeSkipped(skipped: readonly SkippedFile[], typed: ReadonlyMap<string, string>, notice: (message: string) => void): void {
  // The longest root first: one set may sit inside the other.
  const roots = [...typed.keys()].sort((x, y) => y.length - x.length);
  for (const s of skipped) notice(l10n.t('skipped symlink {0}', nameOf(s.path, roots.find((root) => s.path.startsWith(`${root}/`)) ?? s.path, typed)));
}

async function asUsage<T>(typed: ReadonlyMap<string, string>, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof UnreadableSetError)) throw error;
    const n = error.problems.length;
    const set = typed.get(error.root) ?? toNativePath(error.root);
    const problems = `\n  ${error.problems.join('\n  ')}`;
    const message = error.what === 'sidecars'
      ? (n === 1 ? l10n.t('cannot compare {0}: a sidecar cannot be read (newsmark validate says more; nothing was compared):', set) : l10n.t('cannot compare {0}: {1} sidecars or tags cannot be read (newsmark validate says more; nothing was compared):', set, n))
      : (n === 1 ? l10n.t('cannot compare {0}: an article cannot be read (nothing was compared):', set) : l10n.t('cannot compare {0}: {1} articles cannot be read (nothing was compared):', set, n));
    throw new UsageError(`${message}${problems}`);
  }
}
