/**
 * Reading an annotation set (a folder of articles with sidecars) through the file-system port,
 * once for every reader: `newsmark agree` on Node, the editor's Agreement Report and Compare With
 * Annotation Set on `vscode.workspace.fs` (so a virtual folder on vscode.dev works too). Anything
 * that would make a comparison wrong — a sidecar or tag entry that cannot be read, counted as "no
 * tag", would pass for a difference the coder never made — is returned as a problem for the caller
 * to stop on, never left out silently.
 */
import * as l10n from '@vscode/l10n';
import { decodeArticle } from '../articleFile';
import { basenamePath, dirnamePath, joinPath } from '../fs/paths';
import { FileSystemError, type FileSystemPort } from '../fs/port';
import { articleNameFor, isSidecarName, SidecarFile } from '../sidecar';
import { toLf } from '../textIndex';
import { pairSets, type PairedSets, type SetArticle } from './sets';

/** Folders a set never has articles in: not entered. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test']);

export interface ReadSetOptions {
  /**
   * A sidecar whose article is missing or cannot be read: a problem (the comparison stops: the
   * agreement figures), or skipped and listed (adjudication goes on with the rest).
   */
  readonly withoutArticle: 'problem' | 'skip';
  /** A folder inside the root holding another set (a colleague's export in my workspace): its sidecars are theirs. */
  readonly except?: string;
  /** decodeArticle's limit, for sidecars and articles alike (the editor's newsmark.maxFileSizeMB). */
  readonly maxBytes?: number;
  /** How a file is named in problems: the path as typed on the command line, the path under the set in the editor. */
  readonly name?: (path: string, root: string) => string;
  /**
   * The names of the symbolic links in a folder, not followed (a link back up would never end).
   * The port lists a link as what it leads to, so the caller, who can tell, says which they are.
   */
  readonly linksIn?: (folder: string) => Promise<ReadonlySet<string>>;
}

/** A file passed over: a symbolic link, or (withoutArticle 'skip') an article that is missing or unreadable. */
export interface SkippedFile {
  readonly path: string;
  readonly why: string;
}

export interface AnnotationSet {
  readonly root: string;
  /** Articles with a readable sidecar, by '/'-separated path under the root. */
  readonly articles: Map<string, SetArticle>;
  readonly skipped: SkippedFile[];
  /** One line each, naming the file (and line and column where there are some). */
  readonly problems: string[];
}

/** A set that cannot be compared as it is; `what` says whether its sidecars or an untagged counterpart article failed. */
export class UnreadableSetError extends Error {
  constructor(readonly root: string, readonly problems: readonly string[], readonly what: 'sidecars' | 'articles' = 'sidecars') {
    super(l10n.t('cannot compare {0}: {1}', root, problems.join('; ')));
    this.name = 'UnreadableSetError';
  }
}

export type ArticleRead = { ok: true; text: string } | { ok: false; missing: boolean; reason: string };

/** Every article with a sidecar under `root`, with what could not be read and what was passed over. */
export async function readAnnotationSet(fs: FileSystemPort, root: string, options: ReadSetOptions): Promise<AnnotationSet> {
  const set: AnnotationSet = { root: withoutTrailingSlash(root), articles: new Map(), skipped: [], problems: [] };
  const name = (path: string): string => (options.name ? options.name(path, set.root) : path);
  for (const sidecarPath of await sidecarsUnder(fs, set, options, name)) {
    try {
      await readPair(fs, set, sidecarPath, options, name);
    } catch (error) {
      set.problems.push(`${name(sidecarPath)}: ${reasonOf(error)}`);
    }
  }
  return set;
}

/** Throws the set's problems, if it has any: for callers that compare only readable sets. */
export function requireReadable(set: AnnotationSet): AnnotationSet {
  if (set.problems.length > 0) throw new UnreadableSetError(set.root, set.problems);
  return set;
}

/** The article at '/'-separated `path` under `root`, as LF text. */
export async function readArticleAt(fs: FileSystemPort, root: string, path: string, maxBytes?: number): Promise<ArticleRead> {
  const read = await readText(fs, joinPath(withoutTrailingSlash(root), path), maxBytes);
  return read.ok ? { ok: true, text: toLf(read.text) } : read;
}

export type PairOptions = Omit<ReadSetOptions, 'withoutArticle' | 'except'>;

/**
 * Two sets paired by article path, A's text the one compared on. Throws UnreadableSetError for
 * the first set that cannot be read: nothing is compared then.
 */
export async function pairFolders(fs: FileSystemPort, rootA: string, rootB: string, options: PairOptions = {}): Promise<{ paired: PairedSets; skipped: SkippedFile[] }> {
  // One set may sit inside the other (a colleague's export folder in my workspace): it is theirs, not mine.
  const setA = requireReadable(await readAnnotationSet(fs, rootA, { ...options, withoutArticle: 'problem', except: withoutTrailingSlash(rootB) }));
  const setB = requireReadable(await readAnnotationSet(fs, rootB, { ...options, withoutArticle: 'problem', except: withoutTrailingSlash(rootA) }));
  // An article tagged on one side only may be there, untagged, on the other: zero tags, still compared.
  for (const [from, to] of [[setA, setB], [setB, setA]] as const) {
    for (const path of [...from.articles.keys()]) {
      if (to.articles.has(path)) continue;
      const read = await readArticleAt(fs, to.root, path, options.maxBytes);
      if (read.ok) to.articles.set(path, { path, text: read.text, tags: [] });
      else if (!read.missing) {
        const file = joinPath(to.root, path);
        throw new UnreadableSetError(to.root, [`${options.name ? options.name(file, to.root) : file}: ${read.reason}`], 'articles');
      }
    }
  }
  return { paired: pairSets([...setA.articles.values()], [...setB.articles.values()], { a: 'A', b: 'B' }), skipped: [...setA.skipped, ...setB.skipped] };
}

/** The sidecar and the article beside it, into the set or its problems. */
async function readPair(fs: FileSystemPort, set: AnnotationSet, sidecarPath: string, options: ReadSetOptions, name: (path: string) => string): Promise<void> {
  const sidecarText = await readText(fs, sidecarPath, options.maxBytes);
  if (!sidecarText.ok) return void set.problems.push(`${name(sidecarPath)}: ${sidecarText.missing ? l10n.t('no such sidecar.') : sidecarText.reason}`);
  const parsed = SidecarFile.parse(sidecarText.text);
  if (!parsed.ok) return void set.problems.push(...parsed.problems.map((p) => `${name(sidecarPath)}:${p.line}:${p.column}: ${p.message}`));
  // A tag entry that cannot be read would count as a tag the coder did not make.
  if (parsed.sidecar.invalidTags.length > 0) return void set.problems.push(...parsed.sidecar.invalidTags.map((p) => `${name(sidecarPath)}:${p.line}:${p.column}: ${p.message}`));
  const articleName = articleNameFor(basenamePath(sidecarPath));
  const articlePath = joinPath(dirnamePath(sidecarPath), articleName);
  const article = await readText(fs, articlePath, options.maxBytes);
  if (!article.ok) {
    if (options.withoutArticle === 'skip') set.skipped.push({ path: articlePath, why: article.reason });
    else set.problems.push(article.missing ? l10n.t('{0}: the article {1} is missing beside it; the sidecar is left as it is.', name(sidecarPath), articleName) : `${name(articlePath)}: ${article.reason}`);
    return;
  }
  const path = relativeTo(set.root, articlePath);
  set.articles.set(path, { path, text: toLf(article.text), sha256: parsed.sidecar.sha256, tags: parsed.sidecar.tags });
}

/**
 * Sidecar paths under the set's root, sorted. Anything named like a sidecar is listed, a folder
 * or a named pipe too, so that it is reported rather than passed over; a folder that cannot be
 * listed is a problem (its sidecars would otherwise count as tags nobody made).
 */
async function sidecarsUnder(fs: FileSystemPort, set: AnnotationSet, options: ReadSetOptions, name: (path: string) => string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    let entries: Array<[string, string]>;
    let links: ReadonlySet<string>;
    try {
      entries = await fs.readDirectory(folder);
      links = options.linksIn ? await options.linksIn(folder) : new Set();
    } catch (error) {
      return void set.problems.push(l10n.t('{0}: cannot be listed: {1}', name(folder), reasonOf(error)));
    }
    for (const [entry, type] of entries) {
      const path = joinPath(folder, entry);
      if (links.has(entry)) {
        if (isSidecarName(entry)) set.skipped.push({ path, why: l10n.t('a symbolic link, not followed') });
      } else if (isSidecarName(entry)) found.push(path);
      else if (type === 'directory' && !SKIPPED_FOLDERS.has(entry) && path !== options.except) await visit(path);
    }
  };
  await visit(set.root);
  return found.sort();
}

async function readText(fs: FileSystemPort, path: string, maxBytes?: number): Promise<{ ok: true; text: string } | { ok: false; missing: boolean; reason: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    if (error instanceof FileSystemError && error.code === 'NotFound') return { ok: false, missing: true, reason: l10n.t('missing') };
    return { ok: false, missing: false, reason: reasonOf(error) };
  }
  const decoded = decodeArticle(bytes, basenamePath(path), maxBytes);
  return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, missing: false, reason: decoded.reason };
}

/** One line for the user, without the path (the caller names the file its own way). */
function reasonOf(error: unknown): string {
  if (error instanceof FileSystemError) {
    if (error.code === 'IsDirectory') return l10n.t('is a folder, not a file');
    const prefix = `${error.path}: `;
    return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function relativeTo(root: string, path: string): string {
  return root === '/' ? path.slice(1) : path.slice(root.length + 1);
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
