import * as vscode from 'vscode';

/** The folder Export Tags… offers at the root of the articles' workspace folder. */
export const EXPORTS_FOLDER = 'exports';

/**
 * Whether a file lies in a workspace folder's `exports/`: what Newsmark wrote there (a brat
 * export's `.txt` copies, a Markdown summary) is output, not an article to suggest tags on.
 */
export function isInExportsFolder(uri: vscode.Uri): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return false;
  const rest = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
  return rest.startsWith(`${EXPORTS_FOLDER}/`);
}
