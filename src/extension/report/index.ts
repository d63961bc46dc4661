import type * as vscode from 'vscode';
import type { Services } from '../shared/services';
import { ReportPreview } from './reportPreview';

/** The report preview beside the article. */
export function register(context: vscode.ExtensionContext, { store, storage, lens, codebook }: Services): ReportPreview {
  const preview = new ReportPreview(store, storage, context.extensionUri, lens, codebook);
  context.subscriptions.push(preview);
  return preview;
}
