import * as vscode from 'vscode';
import type { TagStore } from '../../core/tagStore';
import { figureVocabulary } from '../shared/settings';
import type { SidecarStorage } from '../storage/sidecarStorage';
import { CompareModel } from './compareModel';
import { ComparePanel } from './comparePanel';
import { MismatchStatus } from './mismatchStatus';

export interface CompareFeature extends vscode.Disposable {
  readonly model: CompareModel;
  readonly panel: ComparePanel;
  readonly status: MismatchStatus;
}

/** Compare Outlets: the panel, the status bar's mismatch count, and the model both follow. */
export function register(store: TagStore, storage: SidecarStorage, extensionUri: vscode.Uri): CompareFeature {
  let reported = '';
  const vocabulary = (): ReturnType<typeof figureVocabulary> => figureVocabulary((problems) => {
    const message = `Newsmark: the setting newsmark.figures.synonyms is left out: ${problems.join(' ')}`;
    if (message !== reported) {
      void vscode.window.showWarningMessage(message, 'Open Settings').then(async (open) => {
        if (open) await vscode.commands.executeCommand('workbench.action.openSettings', 'newsmark.figures.synonyms');
      });
    }
    reported = message;
  });
  const model = new CompareModel(store, storage, vocabulary);
  const panel = new ComparePanel(store, model, extensionUri);
  const status = new MismatchStatus(model);
  const settings = vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('newsmark.figures.synonyms') && model.schedule());
  const parts: vscode.Disposable[] = [settings, panel, status, model];
  return { model, panel, status, dispose: () => parts.forEach((d) => void d.dispose()) };
}
