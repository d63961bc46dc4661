import * as vscode from 'vscode';
import type { TagStore } from '../../core/tagStore';
import { articleKey, isTaggable } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { ContextKeys } from '../shared/contextKeys';
import { Disposable } from '../shared/disposable';
import type { CodebookService } from './codebookService';

/** The active article's codes in the status bar (when the codebook has codes); a click sets them. */
export class ArticleCodesStatus extends Disposable {
  readonly item = this.register(vscode.window.createStatusBarItem('newsmark.articleCodes', vscode.StatusBarAlignment.Right, 99));

  constructor(private readonly store: TagStore, private readonly codebook: CodebookService) {
    super();
    this.item.name = vscode.l10n.t('Newsmark Article Codes');
    this.item.command = CommandId.setArticleCodes;
    this.registerAll(
      store.onDidChange((change) => {
        if (vscode.window.activeTextEditor && articleKey(vscode.window.activeTextEditor.document.uri) === change.key) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      codebook.onDidChange(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const codes = this.codebook.codebook.codes;
    ContextKeys.hasArticleCodes.set(codes.length > 0);
    if (!editor || !isTaggable(editor.document) || codes.length === 0) {
      this.item.hide();
      return;
    }
    const set = this.store.details(articleKey(editor.document.uri)).codes ?? {};
    const shown = codes.filter((c) => set[c.id] !== undefined).map((c) => [c, set[c.id]!] as const);
    const text = (v: string | readonly string[]): string => (typeof v === 'string' ? v : v.join(', '));
    this.item.text = `$(symbol-enum) ${shown.length === 0 ? vscode.l10n.t('Set codes') : shown.map(([, v]) => text(v)).join(' · ')}`;
    const tooltip = new vscode.MarkdownString(`**${vscode.l10n.t('Article codes')}**\n\n`);
    const valueOf = (c: (typeof codes)[number]): string => (set[c.id] !== undefined ? text(set[c.id]!) : vscode.l10n.t('not set'));
    for (const code of codes) tooltip.appendText(`${code.name}: ${valueOf(code)}`).appendMarkdown('\n\n');
    tooltip.appendMarkdown(vscode.l10n.t('Click to set them.'));
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Article codes: {0}. Activate to set them.', codes.map((c) => `${c.name} ${valueOf(c)}`).join(', ')) };
    this.item.show();
  }
}
