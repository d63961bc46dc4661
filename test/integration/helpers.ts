import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Tag } from '../../src/core/tag';
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

// Files are reached through vscode.workspace.fs, not Node's fs, so the same tests run in the web
// worker extension host (npm run test:web), which has no Node.

// ignoreBOM keeps a byte-order mark in the text, as Node's readFileSync(…, 'utf8') did.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export async function readTextFile(uri: vscode.Uri): Promise<string> {
  return utf8.decode(await vscode.workspace.fs.readFile(uri));
}

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}

export async function writeTextFile(uri: vscode.Uri, content: string | Uint8Array): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
}

/** Copies a file over whatever is at `to`, as Node's copyFileSync does. */
export async function copyFile(from: vscode.Uri, to: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.copy(from, to, { overwrite: true });
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}

/** Deletes a file or a folder with everything in it; nothing there is fine (rmSync's force). */
export async function remove(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return;
    throw error;
  }
}

/** Creates a folder and its parents; one already there is fine (mkdirSync's recursive). */
export async function makeFolder(uri: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.createDirectory(uri);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Gives COMMAND (a quick-input command: accept, close) to the input that RUNNING opens, and
 * returns what RUNNING answers. The input shows a moment after the command asks for it, how long
 * depends on the machine (a fixed 700 ms was too short under CI's load), and before it shows the
 * command does nothing; so the command is given again every 250 ms until RUNNING settles.
 */
export async function onceItShows<T>(running: Thenable<T>, command: string, timeoutMs = 15_000): Promise<T> {
  let settled = false;
  const result = Promise.resolve(running).finally(() => { settled = true; });
  const deadline = Date.now() + timeoutMs;
  while (!settled && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (!settled) await vscode.commands.executeCommand(command);
  }
  return result;
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
export async function makeSampleCopy(name: string, sample = 'varnia-wire.txt'): Promise<{ article: vscode.Uri; sidecar: vscode.Uri; key: string }> {
  const article = workspaceFile(name);
  const sidecar = workspaceFile(`${name}.tags.yaml`);
  await copyFile(workspaceFile(sample), article);
  await copyFile(workspaceFile(`${sample}.tags.yaml`), sidecar);
  return { article, sidecar, key: article.toString() };
}

// The fault suite (faults.test.ts, run by test:faults in the Node host only) still reads and copies
// synchronously. Node's fs is looked up when called rather than imported, so that this file also
// bundles for the web worker host, which has no Node.
function nodeFs(): typeof import('node:fs') {
  const fs = (globalThis as { process?: NodeJS.Process }).process?.getBuiltinModule?.('node:fs');
  if (!fs) throw new Error('Node\'s fs is not available in this extension host; use readTextFile / makeSampleCopy');
  return fs;
}

/** Node host only (the fault suite); elsewhere readTextFile. */
export function readText(uri: vscode.Uri): string {
  return nodeFs().readFileSync(uri.fsPath, 'utf8');
}

/** Node host only (the fault suite); elsewhere makeSampleCopy. */
export function copySample(name: string, sample = 'varnia-wire.txt'): { article: vscode.Uri; sidecar: vscode.Uri; key: string } {
  const fs = nodeFs();
  const article = workspaceFile(name);
  const sidecar = workspaceFile(`${name}.tags.yaml`);
  fs.copyFileSync(workspaceFile(sample).fsPath, article.fsPath);
  fs.copyFileSync(workspaceFile(`${sample}.tags.yaml`).fsPath, sidecar.fsPath);
  return { article, sidecar, key: article.toString() };
}

/**
 * The article's tag WANTED picks, once its sidecar is (re)loaded: opening an article reads it in the
 * background, and a test before may just have put the file back.
 */
export async function loadedTag(api: NewsmarkApi, key: string, wanted: (tag: Tag) => boolean, what: string): Promise<Tag> {
  await api.idle();
  let tag: Tag | undefined;
  await eventually(() => {
    tag = api.store.tags(key).find(wanted);
    assert.ok(tag, `${what} is loaded`);
  });
  return tag!;
}
