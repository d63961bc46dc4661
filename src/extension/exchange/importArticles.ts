import * as vscode from 'vscode';
import { ArticleMatcher, placeableSpans, type ArticleMatch } from '../../core/export/articleMatch';
import type { ImportedSpan, Importer } from '../../core/export/types';
import { basenamePath } from '../../core/fs/paths';
import { articleKey, readArticleText } from '../shared/articles';

/**
 * The workspace's articles an import's records mean (core/export/articleMatch.ts): every article
 * of each name the records give, found in the workspace, so that two articles of one name are
 * told apart by the folder the export recorded — or refused, never one taken for the other.
 */
export class WorkspaceImportArticles {
  private readonly texts = new Map<string, string>();
  /** What placeable names an article by (its path in the workspace, for the messages) → its key (URI) and text. */
  private readonly byShownPath = new Map<string, { key: string; text: string }>();

  private constructor(private readonly matcher: ArticleMatcher, private readonly uris: ReadonlyMap<string, vscode.Uri>) {}

  static async find(importer: Importer, inputs: ReadonlyMap<string, string>): Promise<WorkspaceImportArticles> {
    // Importers ask for articles by name as they read: a first pass collects the names, which
    // are then searched for in the workspace (an asynchronous search).
    const names = new Set<string>();
    const recorded = importer.recordedPaths?.(inputs) ?? [];
    for (const path of recorded) names.add(basenamePath(path));
    importer.read(inputs, (reference) => (names.add(basenamePath(reference)), undefined));
    const byName = new Map<string, string[]>();
    const uris = new Map<string, vscode.Uri>();
    for (const name of names) {
      const found = await vscode.workspace.findFiles(`**/${name.replace(/[[\]{}*?]/g, '?')}`, '**/node_modules/**');
      const same = found.filter((uri) => basenamePath(uri.path) === name);
      for (const uri of same) uris.set(uri.path, uri);
      byName.set(name, same.map((uri) => uri.path).sort());
    }
    const articles = new WorkspaceImportArticles(new ArticleMatcher(recorded, (name) => byName.get(name) ?? []), uris);
    for (const [path, uri] of uris) {
      const text = await readArticleText(articleKey(uri));
      if (text === undefined) continue;
      articles.texts.set(path, text);
      articles.byShownPath.set(shownPath(uri), { key: articleKey(uri), text });
    }
    return articles;
  }

  /** The LF text of the one readable article a reference means. */
  text(reference: string): string | undefined {
    const match = this.matcher.match(reference);
    return match.kind === 'one' ? this.texts.get(match.path) : undefined;
  }

  /** A reference to every readable article for records matched by their text (its own path: always that article). */
  references(): string[] {
    return [...this.texts.keys()];
  }

  /** The spans with their article as its path in the workspace (see keyOf); the others, one problem line per reference. */
  placeable(spans: readonly ImportedSpan[], problems: string[]): ImportedSpan[] {
    const { kept, left } = placeableSpans(spans, this.matcher, (path) => (this.texts.has(path) ? shownPath(this.uris.get(path)!) : undefined));
    for (const [reference, count] of left) problems.push(leftOut(reference, this.matcher.match(reference), count));
    return kept;
  }

  /** The LF text of an article as placeable names it. */
  textOf(shown: string): string | undefined {
    return this.byShownPath.get(shown)?.text;
  }

  /** The store's key of an article as placeable names it. */
  keyOf(shown: string): string | undefined {
    return this.byShownPath.get(shown)?.key;
  }
}

function shownPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri);
}

function leftOut(reference: string, match: ArticleMatch, count: number): string {
  const paths = (candidates: readonly string[]): string => candidates.map((p) => vscode.workspace.asRelativePath(p)).join(', ');
  if (match.kind === 'several') return vscode.l10n.t('{0}: {1} articles in the workspace have this name ({2}); {3} spans were not imported', reference, match.candidates.length, paths(match.candidates), count);
  if (match.kind === 'elsewhere') return vscode.l10n.t('{0}: no article at this path in the workspace (only {1}); {2} spans were not imported', reference, paths(match.candidates), count);
  return vscode.l10n.t('{0}: the article could not be read as UTF-8 text within newsmark.maxFileSizeMB; {1} spans were not imported', reference, count);
}
