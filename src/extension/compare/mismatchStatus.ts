import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import type { CompareModel } from './compareModel';
import { Disposable } from '../shared/disposable';

/** "2 figure mismatches" in the status bar while the tagged articles have any; a click opens Compare Outlets. */
export class MismatchStatus extends Disposable {
  readonly item = this.register(vscode.window.createStatusBarItem('newsmark.figureMismatches', vscode.StatusBarAlignment.Right, 99));

  constructor(private readonly model: CompareModel) {
    super();
    this.item.name = vscode.l10n.t('Newsmark Figure Mismatches');
    this.item.command = CommandId.compareOutlets;
    this.register(model.onDidChange(() => this.update()));
    this.update();
  }

  update(): void {
    const n = this.model.mismatches;
    if (n === 0) return this.item.hide();
    const words = n === 1 ? vscode.l10n.t('1 figure mismatch') : vscode.l10n.t('{0} figure mismatches', n);
    this.item.text = `$(warning) ${words}`;
    this.item.tooltip = vscode.l10n.t('Newsmark: {0} across outlets (the same figure printed with different values). Click to compare outlets.', words);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Newsmark: {0}. Open Compare Outlets.', words) };
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
  }
}
