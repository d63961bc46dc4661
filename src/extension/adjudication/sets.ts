import * as vscode from 'vscode';
import type { SetArticle } from '../../core/agreement';
import { decodeArticle } from '../../core/articleFile';
import { articleNameFor, isSidecarName, SidecarFile } from '../../core/sidecar';
import { toLf } from '../../core/textIndex';
import { maxFileBytes } from '../shared/settings';

/** The other annotation set, as read once when the comparison opens. Read only: nothing here ever writes. */
export interface OtherSet {
  readonly root: vscode.Uri;
  /** Articles with a sidecar, by '/'-separated path under the root. */
  readonly articles: Map<string, SetArticle>;
  /** Sidecars whose article is not beside them: not compared, reported. */
  readonly skipped: string[];
}

/** Folders a set never has articles in. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test']);

/**
 * Reads every sidecar under `root` with its article, through VS Code's file system (so a remote
 * or virtual folder works too). A sidecar or tag entry that cannot be read stops the comparison
 * — counted as "no tag" it would pass for a difference the coder never made — and the problems
 * are thrown as one message.
 */
export async function readOtherSet(root: vscode.Uri): Promise<OtherSet> {
  const articles = new Map<string, SetArticle>();
  const skipped: string[] = [];
  const problems: string[] = [];
  for (const path of await sidecarPaths(root)) {
    const sidecarUri = under(root, path);
    const articlePath = path.replace(/[^/]*$/, (name) => articleNameFor(name));
    const sidecarText = await readText(sidecarUri);
    if (typeof sidecarText !== 'string') {
      problems.push(`${path}: ${sidecarText.problem}`);
      continue;
    }
    const parsed = SidecarFile.parse(sidecarText);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => `${path}:${p.line}:${p.column}: ${p.message}`));
      continue;
    }
    if (parsed.sidecar.invalidTags.length > 0) {
      problems.push(...parsed.sidecar.invalidTags.map((p) => `${path}:${p.line}:${p.column}: ${p.message}`));
      continue;
    }
    const text = await readText(under(root, articlePath));
    if (typeof text !== 'string') {
      skipped.push(`${articlePath} (${text.problem})`);
      continue;
    }
    articles.set(articlePath, { path: articlePath, text: toLf(text), sha256: parsed.sidecar.sha256, tags: parsed.sidecar.tags });
  }
  if (problems.length > 0) {
    throw new Error(`Cannot compare with ${root.fsPath || root.toString()}: ${problems.length === 1 ? 'a sidecar there cannot be read' : `${problems.length} sidecars or tag entries there cannot be read`} (nothing was compared; newsmark validate says more): ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`);
  }
  return { root, articles, skipped };
}

/** The article at `path` under `root` as LF text, when it is there and readable (an untagged counterpart). */
export async function readArticleAt(root: vscode.Uri, path: string): Promise<string | undefined> {
  const text = await readText(under(root, path));
  return typeof text === 'string' ? toLf(text) : undefined;
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

async function sidecarPaths(root: vscode.Uri, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await vscode.workspace.fs.readDirectory(prefix === '' ? root : under(root, prefix));
  for (const [name, type] of entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (type & vscode.FileType.Directory) {
      if (!SKIPPED_FOLDERS.has(name) && !(type & vscode.FileType.SymbolicLink)) out.push(...(await sidecarPaths(root, path)));
    } else if (isSidecarName(name)) out.push(path);
  }
  return out;
}

async function readText(uri: vscode.Uri): Promise<string | { problem: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    return { problem: error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? 'missing' : `cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const decoded = decodeArticle(bytes, uri.path.slice(uri.path.lastIndexOf('/') + 1), maxFileBytes());
  return decoded.ok ? decoded.text : { problem: decoded.reason };
}
