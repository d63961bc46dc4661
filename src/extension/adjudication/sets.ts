import * as vscode from 'vscode';
import type { SetArticle } from '../../core/agreement';
import { readAnnotationSet, readArticleAt as readArticle, UnreadableSetError, type PairOptions } from '../../core/agreement/readSet';
import { maxFileBytes } from '../shared/settings';
import { VscodeFileSystem } from '../storage/vscodeFileSystem';

/** The other annotation set, as read once when the comparison opens. Read only: nothing here ever writes. */
export interface OtherSet {
  readonly root: vscode.Uri;
  /** Articles with a sidecar, by '/'-separated path under the root. */
  readonly articles: Map<string, SetArticle>;
  /** Sidecars whose article is not beside them (or cannot be read), and symbolic links: not compared, reported. */
  readonly skipped: string[];
}

/**
 * An annotation set's folder as the core reader sees it: the port on the folder's own file system
 * (so a remote or virtual folder works too), files named by their path under the set, VS Code's
 * size limit, and the symbolic links VS Code reports, which the port lists as what they lead to.
 */
export function setOn(root: vscode.Uri): { fs: VscodeFileSystem; root: string; options: PairOptions } {
  const fs = new VscodeFileSystem(root);
  const options: PairOptions = {
    maxBytes: maxFileBytes(),
    name: (path, set) => {
      const base = set === '/' ? '/' : `${set}/`;
      return path.startsWith(base) ? path.slice(base.length) : path;
    },
    linksIn: async (folder) => new Set((await vscode.workspace.fs.readDirectory(fs.uriOf(folder))).filter(([, type]) => type & vscode.FileType.SymbolicLink).map(([name]) => name)),
  };
  return { fs, root: root.path, options };
}

/** A folder as the user knows it: a path on this machine, else the URI (a virtual workspace). */
export function shown(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}

/** One notification line for a set that cannot be compared: the first problems, the rest counted. */
export function cannotCompare(error: UnreadableSetError, root: vscode.Uri): string {
  const n = error.problems.length;
  const where = shown(root);
  const problems = `${error.problems.slice(0, 5).join('; ')}${n > 5 ? '; …' : ''}`;
  if (error.what === 'articles') {
    return n === 1
      ? vscode.l10n.t('Cannot compare with {0}: an article there cannot be read (nothing was compared): {1}', where, problems)
      : vscode.l10n.t('Cannot compare with {0}: {1} articles there cannot be read (nothing was compared): {2}', where, n, problems);
  }
  return n === 1
    ? vscode.l10n.t('Cannot compare with {0}: a sidecar there cannot be read (nothing was compared; newsmark validate says more): {1}', where, problems)
    : vscode.l10n.t('Cannot compare with {0}: {1} sidecars or tag entries there cannot be read (nothing was compared; newsmark validate says more): {2}', where, n, problems);
}

/**
 * Reads every sidecar under `root` with its article. A sidecar or tag entry that cannot be read
 * stops the comparison (an Error with one message); a sidecar whose article is not there is
 * passed over and listed.
 */
export async function readOtherSet(root: vscode.Uri): Promise<OtherSet> {
  const at = setOn(root);
  const set = await readAnnotationSet(at.fs, at.root, { ...at.options, withoutArticle: 'skip' });
  if (set.problems.length > 0) throw new Error(cannotCompare(new UnreadableSetError(set.root, set.problems), root));
  return { root, articles: set.articles, skipped: set.skipped.map((s) => `${at.options.name!(s.path, set.root)} (${s.why})`) };
}

/** The article at `path` under `root` as LF text, when it is there and readable (an untagged counterpart). */
export async function readArticleAt(root: vscode.Uri, path: string): Promise<string | undefined> {
  const at = setOn(root);
  const read = await readArticle(at.fs, at.root, path, at.options.maxBytes);
  return read.ok ? read.text : undefined;
}

export function under(root: vscode.Uri, path: string): vscode.Uri {
  return vscode.Uri.joinPath(root, ...path.split('/'));
}

/** `uri`'s path under `root`, '/'-separated; undefined when it is not under it. */
export function relativePath(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return undefined;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
}

/** Whether `inner` is `outer` or inside it. */
export function contains(outer: vscode.Uri, inner: vscode.Uri): boolean {
  return (outer.scheme === inner.scheme && outer.authority === inner.authority && outer.path.replace(/\/$/, '') === inner.path.replace(/\/$/, '')) || relativePath(outer, inner) !== undefined;
}
