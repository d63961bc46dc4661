import * as vscode from 'vscode';
import { compareBody, comparePageAround } from '../../core/compare/page';
import { newNonce } from '../../core/export/previewPage';
import type { TagStore } from '../../core/tagStore';
import { selectSpan } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import type { CompareModel } from './compareModel';
import { createScriptedPanel } from '../shared/webviewPanel';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import { ContextKeys } from '../shared/contextKeys';

/** What the page's script may ask. Anything else is ignored: the page is not trusted to be well-formed. */
interface RevealMessage {
  readonly type: 'reveal';
  readonly article: string;
  readonly id: string;
}

const isReveal = (m: unknown): m is RevealMessage =>
  typeof m === 'object' && m !== null && (m as RevealMessage).type === 'reveal' && typeof (m as RevealMessage).article === 'string' && typeof (m as RevealMessage).id === 'string';

/**
 * "Newsmark: Compare Outlets": the figure ledger, the quote clusters and the outlet profiles in one
 * panel beside the editor, redrawn from the CompareModel as tags change. Enter on a cell reveals
 * its span in an editor group beside the panel, keeping the keyboard in the panel.
 */
export class ComparePanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private lastBody: string | undefined;
  private lastHtml: string | undefined;
  private readonly media: vscode.Uri;

  constructor(private readonly store: TagStore, private readonly model: CompareModel, extensionUri: vscode.Uri) {
    super();
    this.media = vscode.Uri.joinPath(extensionUri, 'media');
    [
      registerCommand(CommandId.compareOutlets, () => this.show()),
      model.onDidChange(() => this.render()),
    ].forEach((d) => this.register(d));
  }

  /** The HTML the panel was last given (for tests); undefined while no panel is open. */
  get html(): string | undefined {
    return this.lastHtml;
  }

  /** The editor column the panel is in, while it is open. */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel?.viewColumn;
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      const panel = createScriptedPanel('newsmark.compareOutlets', vscode.l10n.t('Compare Outlets'), this.media, (m) => this.receive(m));
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        [this.panel, this.lastBody, this.lastHtml] = [undefined, undefined, undefined];
        this.model.wantFull = false;
      });
      // A hidden webview is thrown away and drawn again when shown.
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.lastBody = undefined;
        this.model.wantFull = panel.visible;
        if (panel.visible) void this.model.refresh();
      });
      this.panel = panel;
    }
    ContextKeys.didCompare.pulse();
    this.model.wantFull = true;
    await this.model.refresh();
  }

  private render(): void {
    const panel = this.panel;
    const comparison = this.model.comparison;
    if (!panel || !comparison) return;
    // Redrawing reloads the page; skip it when nothing shown has changed.
    const body = compareBody(comparison);
    if (body === this.lastBody) return;
    this.lastBody = body;
    const { webview } = panel;
    const uri = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.media, name)).toString();
    this.lastHtml = comparePageAround(body, { cspSource: webview.cspSource, nonce: newNonce(), styleUri: uri('compare.css'), scriptUri: uri('grid.js') });
    webview.html = this.lastHtml;
  }

  /** A message from the page (public for tests, which cannot type into a webview from the extension host). */
  async receive(message: unknown): Promise<void> {
    if (!isReveal(message)) return;
    const tag = this.store.find(message.article, message.id);
    if (!tag) return void vscode.window.showWarningMessage(vscode.l10n.t('Newsmark: that tag is no longer there; the panel will catch up in a moment.'));
    await selectSpan(message.article, tag.start, tag.end, { viewColumn: this.editorColumn(message.article), preserveFocus: true });
  }

  /** Where to show an article: where it is already visible, else the group beside the panel. */
  private editorColumn(key: string): vscode.ViewColumn {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key && e.viewColumn !== undefined);
    if (visible?.viewColumn) return visible.viewColumn;
    const own = this.panel?.viewColumn ?? vscode.ViewColumn.Two;
    return own === vscode.ViewColumn.One ? vscode.ViewColumn.Two : own - 1;
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}
