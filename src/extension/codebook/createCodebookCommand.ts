import * as vscode from 'vscode';
import { CODEBOOK_PRESETS, createCodebook } from '../../core/codebook/index';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import type { VscodeFileSystem } from '../storage/vscodeFileSystem';
import type { CodebookService } from './codebookService';

/** "Newsmark: Create Codebook…": a preset written to the workspace root and opened; an existing codebook is opened, never replaced. */
export class CreateCodebookCommand extends Disposable {
  constructor(private readonly service: CodebookService, private readonly files: VscodeFileSystem) {
    super();
    this.register(registerCommand(CommandId.createCodebook, () => this.run()));
  }

  async run(presetId?: string): Promise<void> {
    const path = this.service.path;
    const uri = this.service.uri;
    if (path === undefined || uri === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the codebook lives at the root of the corpus folder.'));
      return;
    }
    const preset = presetId !== undefined
      ? CODEBOOK_PRESETS.find((p) => p.id === presetId)
      : (await vscode.window.showQuickPick(CODEBOOK_PRESETS.map((p) => ({ label: p.name, detail: p.detail, preset: p })), {
          title: vscode.l10n.t('Create Codebook'),
          placeHolder: vscode.l10n.t('Start from a data set\'s labels, or from an empty skeleton'),
          matchOnDetail: true,
        }))?.preset;
    if (!preset) return;
    const result = await createCodebook(this.files, path, preset.codebook);
    await this.service.reload();
    await vscode.window.showTextDocument(uri);
    if (result === 'exists') void vscode.window.showInformationMessage(vscode.l10n.t('This folder already has a codebook (newsmark.codebook.yaml): it is open, unchanged.'));
  }
}
