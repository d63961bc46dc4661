import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { NewsmarkApi } from '../../src/extension/extension';

export async function newsmark(): Promise<NewsmarkApi> {
  const extension = vscode.extensions.getExtension<NewsmarkApi>('newsmark.newsmark');
  assert.ok(extension, 'the Newsmark extension is installed in the test host');
  const api = await extension.activate();
  await api.idle();
  return api;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the samples copy open as a folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function readText(uri: vscode.Uri): string {
  return readFileSync(uri.fsPath, 'utf8');
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Polls until `check` stops throwing (or returns true), like a person waiting for the screen. */
export async function eventually(check: () => unknown, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
    }
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Selects the n-th occurrence (0-based) of `text` in the editor. */
export function select(editor: vscode.TextEditor, text: string, occurrence = 0): vscode.Selection {
  const all = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = all.indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" occurs ${occurrence + 1} times`);
  }
  return new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + text.length));
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A tree item's label as text. */
export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/** A copy of a sample under a new name, so other suites keep theirs. */
export function copySample(name: string, sample = 'varnia-wire.txt'): { article: vscode.Uri; sidecar: vscode.Uri; key: string } {
  const article = workspaceFile(name);
  const sidecar = workspaceFile(`${name}.tags.yaml`);
  copyFileSync(workspaceFile(sample).fsPath, article.fsPath);
  copyFileSync(workspaceFile(`${sample}.tags.yaml`).fsPath, sidecar.fsPath);
  return { article, sidecar, key: article.toString() };
}
