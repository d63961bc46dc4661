import * as vscode from 'vscode';
import { newNonce, previewPage } from '../../core/export/previewPage';
import type { ExportArticle } from '../../core/export/types';
import type { TagStore } from '../../core/tagStore';
import { articleKey, articleUri, readArticleText } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import type { CodebookService } from '../codebook/codebookService';
import type { SidecarStorage } from '../storage/sidecarStorage';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';

/** Long enough that typing or a burst of tag edits gives one render, short enough to feel live. */
const DEBOUNCE_MS = 200;

/** One article, or every tagged article in the store (looked up again at each render). */
type Scope = { readonly key: string } | 'workspace';

/**
 * "Preview Report": the HTML export in a panel beside the editor, following the store. The page
 * comes from previewPage (strict CSP, no scripts), because article text and notes are untrusted.
 */
export class ReportPreview extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private scope: Scope = 'workspace';
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts renders, so a slow one that finishes after a newer one does not overwrite it. */
  private generation = 0;
  /** A change arrived while the panel was hidden: render when it shows again. */
  private stale = false;
  private lastHtml: string | undefined;
  private readonly media: vscode.Uri;

  constructor(private readonly store: TagStore, private readonly storage: SidecarStorage, extensionUri: vscode.Uri, private readonly lens: TagLens = ALL_TAGS, private readonly codebook?: CodebookService) {
    super();
    this.media = vscode.Uri.joinPath(extensionUri, 'media');
    [
      registerCommand(CommandId.previewReport, (target?: unknown) => this.show(target)),
      store.onDidChange(({ key }) => this.changed(key, false)),
      lens.onDidChange(() => this.panel && this.schedule()),
      // Edits outside every tag move no tag and fire no store change, yet change the text shown.
      vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => contentChanges.length > 0 && this.changed(articleKey(document.uri), true)),
    ].forEach((d) => this.register(d));
  }

  /** The HTML the panel was last given (for tests); undefined while no panel is open. */
  get html(): string | undefined {
    return this.lastHtml;
  }

  /** The open panel's options, as VS Code reports them back (for tests). */
  get panelOptions(): (vscode.WebviewPanelOptions & vscode.WebviewOptions) | undefined {
    return this.panel && { ...this.panel.options, ...this.panel.webview.options };
  }

  private async show(target: unknown): Promise<void> {
    this.scope = await this.scopeFor(target);
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel('newsmark.reportPreview', this.title(), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: false,
        enableFindWidget: true,
        localResourceRoots: [this.media],
      });
      panel.iconPath = vscode.Uri.joinPath(this.media, 'newsmark.svg');
      panel.onDidDispose(() => {
        if (this.panel === panel) [this.panel, this.lastHtml] = [undefined, undefined];
      });
      panel.onDidChangeViewState(() => panel.visible && this.stale && this.schedule());
      this.panel = panel;
    }
    await this.render();
  }

  /**
   * A URI (editor title, Explorer) names the article. From the Tags view's title bar VS Code passes
   * the view's focused element, or null: that asks for the workspace. From the palette or a key
   * binding nothing is passed: the active article if it has tags, else the workspace.
   */
  private async scopeFor(target: unknown): Promise<Scope> {
    if (target instanceof vscode.Uri) {
      await this.storage.ensureLoaded(target);
      return { key: articleKey(target) };
    }
    const editor = vscode.window.activeTextEditor;
    const active = target === undefined && editor ? articleKey(editor.document.uri) : undefined;
    return active !== undefined && this.store.tags(active).length > 0 ? { key: active } : 'workspace';
  }

  private title(): string {
    return this.scope === 'workspace' ? vscode.l10n.t('Report: Workspace') : vscode.l10n.t('Report: {0}', vscode.workspace.asRelativePath(articleUri(this.scope.key)));
  }

  /** A text edit counts only in an article on show (output channels and settings change all the time). */
  private changed(key: string, textEdit: boolean): void {
    if (!this.panel) return;
    const shown = this.scope === 'workspace' ? !textEdit || this.store.tags(key).length > 0 : this.scope.key === key;
    if (shown) this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.render().catch((error: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t('Newsmark: the report preview failed: {0}', String(error))));
    }, DEBOUNCE_MS);
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    // A hidden webview keeps its last HTML; reading every article again for it would be wasted.
    this.stale = !panel.visible;
    if (this.stale) return;
    const generation = ++this.generation;
    await this.storage.ready;
    const articles = await this.articles();
    if (generation !== this.generation || panel !== this.panel) return;
    const { webview } = panel;
    const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'preview.css')).toString();
    this.lastHtml = previewPage(articles, { cspSource: webview.cspSource, nonce: newNonce(), styleUri }, this.codebook?.codebook);
    panel.title = this.title();
    webview.html = this.lastHtml;
  }

  private async articles(): Promise<ExportArticle[]> {
    const keys = this.scope === 'workspace' ? this.store.keys().filter((k) => this.lens.shown(this.store.tags(k)).length > 0) : [this.scope.key];
    const texts = await Promise.all(keys.map((key) => readArticleText(key)));
    // Missing, oversized or non-UTF-8 articles are left out, as the export leaves them out.
    const articles = keys.flatMap((key, i): ExportArticle[] => {
      const text = texts[i];
      return text === undefined ? [] : [{ name: vscode.workspace.asRelativePath(articleUri(key)), uri: key, text, tags: this.lens.shown(this.store.tags(key)) }];
    });
    return articles.sort((a, b) => a.name.localeCompare(b.name));
  }

  override dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    super.dispose();
  }
}
