import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import type { CompareModel } from './compareModel';
import { Disposable } from '../shared/disposable';

/** "2 figure mismatches" in the status bar while the tagged articles have any; a click opens Compare Outlets. */
export class MismatchStatus extends Disposable {
  readonly item = this.register(vscode.window.createStatusBarItem('newsmark.figureMismatches', vscode.StatusBarAlignment.Right, 99));

  constructor(private readonly model: CompareModel) {
    super();
    this.item.name = 'Newsmark Figure Mismatches';
    this.item.command = CommandId.compareOutlets;
    this.register(model.onDidChange(() => this.update()));
    this.update();
  }

  update(): void {
    const n = this.model.mismatches;
    if (n === 0) return this.item.hide();
    const words = `${n} figure ${n === 1 ? 'mismatch' : 'mismatches'}`;
    this.item.text = `$(warning) ${words}`;
    this.item.tooltip = `Newsmark: ${words} across outlets (the same figure printed with different values). Click to compare outlets.`;
    this.item.accessibilityInformation = { label: `Newsmark: ${words}. Open Compare Outlets.` };
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
  }
}
