import * as vscode from 'vscode';
import { suggestTags } from '../../core/suggest';
import type { Lexicons, Suggestion } from '../../core/suggest/types';
import { isProjectDocument } from '../../core/articleFile';
import { SIDECAR_SUFFIX } from '../../core/sidecar';
import { ArticleText, newTagId, type Tag } from '../../core/tag';
import { SUGGESTED_BY, type TagStore } from '../../core/tagStore';
import { toLf } from '../../core/textIndex';
import type { TreeNode } from '../../core/review/tagTree';
import { articleKey, articleUri, articleUriFor, fileName, isTaggable, openDocument, readArticleText, selectSpan } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { isInExportsFolder } from '../shared/exportsFolder';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import { author } from '../shared/settings';
import type { SidecarStorage } from '../storage/sidecarStorage';
import type { TagsView } from '../review/tagsView';
import { ContextKeys } from '../shared/contextKeys';

type SuggestionNode = Extract<TreeNode, { kind: 'suggestion' }>;
type GroupNode = Extract<TreeNode, { kind: 'suggestions' }>;

/** Rule-based suggestions: offer them, and turn each into a tag or a remembered rejection. */
export class SuggestCommands extends Disposable {
  constructor(private readonly store: TagStore, private readonly storage: SidecarStorage, private readonly view: TagsView) {
    super();
    store.author = author();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('newsmark.author')) store.author = author();
    }));
    this.register(registerCommand(CommandId.suggestTags, (scope?: unknown) => this.suggest(scope)));
    this.register(registerCommand(CommandId.acceptSuggestion, (node?: unknown, nodes?: unknown) => this.accept(node, nodes)));
    this.register(registerCommand(CommandId.rejectSuggestion, (node?: unknown, nodes?: unknown) => this.reject(node, nodes)));
    this.register(registerCommand(CommandId.revealSuggestion, (node?: SuggestionNode) => this.reveal(node)));
  }

  /**
   * Suggests for the active article ('active'), an article given by its URI (the editor's context
   * menu passes it), or every article in the workspace ('workspace': tagged or not); with no
   * scope, asks. An article with no sidecar yet is suggested on all the same: its first accepted
   * suggestion creates the sidecar, and only that. Returns the count.
   */
  async suggest(scope?: unknown): Promise<number> {
    const keys = await this.articlesFor(scope);
    if (keys === undefined) return 0; // the question was dismissed
    let count = 0;
    let articles = 0;
    for (const key of keys) {
      await this.storage.ensureLoaded(articleUri(key));
      const text = await readArticleText(key);
      if (text === undefined) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Newsmark could not read {0} as UTF-8 text within newsmark.maxFileSizeMB.', fileName(articleUri(key))));
        continue;
      }
      const entry = this.store.get(key);
      const suggestions = suggestTags(text, { lexicons: lexicons(), existing: entry?.tags ?? [], rejected: entry?.rejected ?? [] });
      this.store.suggest(key, suggestions);
      count += suggestions.length;
      if (suggestions.length > 0) articles++;
    }
    if (count > 0) await vscode.commands.executeCommand(CommandId.showTagsView);
    void vscode.window.showInformationMessage(suggestedMessage(count, articles, keys.length));
    ContextKeys.didSuggest.pulse();
    return count;
  }

  /** Makes the chosen suggestions tags (by newsmark-suggest), placed on the open document's text when there is one. */
  private accept(node: unknown, nodes: unknown): void {
    for (const [key, suggestions] of this.chosen(node, nodes)) {
      const open = openDocument(key);
      this.store.accept(key, suggestions, this.toTags(key, suggestions, open && toLf(open.getText())));
    }
  }

  /** Drops the chosen suggestions and remembers them in the sidecar, so they are not suggested again. */
  private reject(node: unknown, nodes: unknown): void {
    for (const [key, suggestions] of this.chosen(node, nodes)) this.store.reject(key, suggestions);
  }

  /** What a click means, by article: a suggestion row, the selected rows, a category group, or (no row) every suggestion offered. */
  private chosen(node: unknown, nodes: unknown): Map<string, Suggestion[]> {
    const targets = (Array.isArray(nodes) && nodes.length > 0 ? nodes : [node]) as (SuggestionNode | GroupNode | undefined)[];
    const chosen = new Map<string, Suggestion[]>();
    const add = (key: string, s: Suggestion): void => void chosen.set(key, [...(chosen.get(key) ?? []), s]);
    for (const target of targets) {
      if (target?.kind === 'suggestion') {
        const s = this.view.provider.model.suggestionOf(target);
        if (s) add(target.key, s);
      } else {
        const group = target?.kind === 'suggestions' ? target.category : undefined;
        for (const { key, suggestion } of this.view.provider.model.offered(group)) add(key, suggestion);
      }
    }
    return chosen;
  }

  private toTags(key: string, suggestions: readonly Suggestion[], text: string | undefined): Tag[] {
    const article = text === undefined ? undefined : new ArticleText(text);
    const taken = new Set(this.store.tags(key).map((t) => t.id));
    const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    return suggestions.map((s) => {
      const id = newTagId(taken);
      taken.add(id);
      const context = article?.contextOf(s.start, s.end) ?? { prefix: '', suffix: '' };
      return { id, category: s.category, start: s.start, end: s.end, text: s.text, ...context, author: SUGGESTED_BY, created };
    });
  }

  private async reveal(node: SuggestionNode | undefined): Promise<void> {
    if (node) await selectSpan(node.key, node.start, node.end);
  }

  /** The articles a scope means (see suggest); with none given and an article open, asks: undefined when the question is dismissed. */
  private async articlesFor(scope: unknown): Promise<string[] | undefined> {
    if (scope instanceof vscode.Uri) return [articleKey(articleUriFor(scope) ?? scope)];
    const active = vscode.window.activeTextEditor?.document;
    const chosen = scope === 'active' || scope === 'workspace' ? scope : active && isTaggable(active) ? await this.askScope() : 'workspace';
    if (chosen === undefined) return undefined;
    if (chosen === 'workspace') return this.workspaceArticles();
    return active ? [articleKey(active.uri)] : [];
  }

  private async askScope(): Promise<'active' | 'workspace' | undefined> {
    const picked = await vscode.window.showQuickPick([
      { label: vscode.l10n.t('This article'), scope: 'active' as const },
      { label: vscode.l10n.t('Every article in the folder'), detail: vscode.l10n.t('Tagged or not: every .txt and .md file, and every article with a sidecar. A sidecar is only created when you accept a suggestion.'), scope: 'workspace' as const },
    ], { title: vscode.l10n.t('Suggest Tags') });
    return picked?.scope;
  }

  /**
   * Every article in the workspace, as `newsmark suggest FOLDER` takes them: each .txt and .md
   * file (not in dot folders or node_modules, not what files.exclude hides, not a README or
   * another project document (isProjectDocument), not
   * Newsmark's own output in the workspace folder's exports/), each
   * article with a sidecar whatever its name, and each article Newsmark already has open or loaded.
   */
  private async workspaceArticles(): Promise<string[]> {
    const hidden = (uri: vscode.Uri): boolean => uri.path.split('/').some((part) => part.startsWith('.') || part === 'node_modules') || isInExportsFolder(uri);
    const [articles, sidecars] = await Promise.all([vscode.workspace.findFiles('**/*.{txt,md}'), vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`)]);
    const found = [
      ...articles.filter((uri) => !isProjectDocument(fileName(uri))),
      ...sidecars.map((uri) => articleUriFor(uri)).filter((uri): uri is vscode.Uri => uri !== undefined),
    ].filter((uri) => !hidden(uri)).map(articleKey);
    return [...new Set([...this.store.keys(), ...found])].sort();
  }
}

/** What a run of Suggest Tags found: `count` suggestions in `articles` of the `of` articles looked at. */
function suggestedMessage(count: number, articles: number, of: number): string {
  if (count === 0) return vscode.l10n.t('Newsmark found nothing new to suggest.');
  if (of > 1) {
    return count === 1
      ? vscode.l10n.t('Newsmark suggests 1 tag in {0} of {1} articles: accept or reject them in the Tags view.', articles, of)
      : vscode.l10n.t('Newsmark suggests {0} tags in {1} of {2} articles: accept or reject them in the Tags view.', count, articles, of);
  }
  return count === 1
    ? vscode.l10n.t('Newsmark suggests 1 tag: accept or reject them in the Tags view.')
    : vscode.l10n.t('Newsmark suggests {0} tags: accept or reject them in the Tags view.', count);
}

/** The user's additions to the word lists (setting newsmark.suggest.lexicons). */
function lexicons(): Partial<Lexicons> {
  return vscode.workspace.getConfiguration('newsmark').get<Partial<Lexicons>>('suggest.lexicons', {});
}
