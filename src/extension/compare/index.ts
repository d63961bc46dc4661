import * as vscode from 'vscode';
import { DEFAULT_VOCABULARY } from '../../core/figures/vocabulary';
import type { TagStore } from '../../core/tagStore';
import type { SidecarStorage } from '../sidecarStorage';
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
  const model = new CompareModel(store, storage, () => DEFAULT_VOCABULARY);
  const panel = new ComparePanel(store, model, extensionUri);
  const status = new MismatchStatus(model);
  return { model, panel, status, dispose: () => [panel, status, model].forEach((d) => d.dispose()) };
}
