import * as vscode from 'vscode';

/**
 * A panel beside the editor for one of Newsmark's own scripted pages (Compare Outlets, the
 * Agreement Report): scripts on, only `media/` loadable, Newsmark's icon, and every message from
 * the page handed to `receive`, which must treat it as untrusted.
 */
export function createScriptedPanel(viewType: string, title: string, media: vscode.Uri, receive: (message: unknown) => Promise<void>): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [media],
  });
  panel.iconPath = vscode.Uri.joinPath(media, 'newsmark.svg');
  panel.webview.onDidReceiveMessage((m: unknown) => void receive(m));
  return panel;
}
