import * as vscode from 'vscode';
import { figureVocabulary } from '../shared/settings';
import type { Services } from '../shared/services';
import { CompareModel } from './compareModel';
import { ComparePanel } from './comparePanel';
import { MismatchStatus } from './mismatchStatus';

export interface CompareFeature extends vscode.Disposable {
  readonly model: CompareModel;
  readonly panel: ComparePanel;
  readonly status: MismatchStatus;
}

/** Compare Outlets: the panel, the status bar's mismatch count, and the model both follow. */
export function register(context: vscode.ExtensionContext, { store, storage }: Services): CompareFeature {
  let reported = '';
  const vocabulary = (): ReturnType<typeof figureVocabulary> => figureVocabulary((problems) => {
    const message = vscode.l10n.t('Newsmark: the setting newsmark.figures.synonyms is left out: {0}', problems.join(' '));
    if (message !== reported) {
      void vscode.window.showWarningMessage(message, vscode.l10n.t('Open Settings')).then(async (open) => {
        if (open) await vscode.commands.executeCommand('workbench.action.openSettings', 'newsmark.figures.synonyms');
      });
    }
    reported = message;
  });
  const model = new CompareModel(store, storage, vocabulary);
  const panel = new ComparePanel(store, model, context.extensionUri);
  const status = new MismatchStatus(model);
  const settings = vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('newsmark.figures.synonyms') && model.schedule());
  const parts: vscode.Disposable[] = [settings, panel, status, model];
  const feature: CompareFeature = { model, panel, status, dispose: () => parts.forEach((d) => void d.dispose()) };
  context.subscriptions.push(feature);
  return feature;
}
