import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * Messages written by src/core (webview pages, sidecar errors, suggestion reasons) go through
 * @vscode/l10n, which knows nothing of VS Code: hand it the bundle VS Code loaded for the display
 * language, so core and extension speak the same language. Both read l10n/bundle.l10n.<lang>.json.
 */
export function shareLanguageWithCore(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle !== undefined) l10n.config({ contents: bundle });
}
