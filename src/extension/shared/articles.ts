import * as vscode from 'vscode';
import { decodeArticle } from '../../core/articleFile';
import { articleNameFor, isSidecarName, sidecarNameFor } from '../../core/sidecar';
import type { TagStore } from '../../core/tagStore';
import { toLf } from '../../core/textIndex';
import { DocumentOffsets } from './positions';
import { maxFileBytes } from './settings';

/** Article identity in the store: its URI as a string. */
export function articleKey(uri: vscode.Uri): string {
  return uri.toString();
}

export function articleUri(key: string): vscode.Uri {
  return vscode.Uri.parse(key, true);
}

export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function sidecarUriFor(article: vscode.Uri): vscode.Uri {
  return article.with({ path: article.path.replace(/[^/]*$/, (name) => sidecarNameFor(name)) });
}

export function articleUriFor(sidecar: vscode.Uri): vscode.Uri | undefined {
  const name = fileName(sidecar);
  if (!isSidecarName(name)) return undefined;
  return sidecar.with({ path: sidecar.path.replace(/[^/]*$/, articleNameFor(name)) });
}

/** Documents Newsmark can tag: saved text files that are not themselves sidecars. */
/** A tag's note opened as a document (tagging/noteDocuments.ts): no article. */
export const NOTE_SCHEME = 'newsmark-note';

export function isTaggable(document: vscode.TextDocument): boolean {
  return !document.isUntitled && document.uri.scheme !== 'output' && document.uri.scheme !== NOTE_SCHEME && !isSidecarName(fileName(document.uri));
}

/** Whether a file or folder is there. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

export function openDocument(key: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => articleKey(d.uri) === key);
}

/**
 * The article's text with CRLF → LF, as tags count it: the open document's (unsaved edits
 * included), else the file's — undefined when it is missing, too large or not UTF-8.
 */
export async function readArticleText(key: string): Promise<string | undefined> {
  const open = openDocument(key);
  if (open) return toLf(open.getText());
  const uri = articleUri(key);
  try {
    const decoded = decodeArticle(await vscode.workspace.fs.readFile(uri), fileName(uri), maxFileBytes());
    return decoded.ok ? toLf(decoded.text) : undefined;
  } catch {
    return undefined;
  }
}

/** Opens the article and selects [start, end) (sidecar offsets), scrolled into view. */
export async function selectSpan(key: string, start: number, end: number, where: Pick<vscode.TextDocumentShowOptions, 'viewColumn' | 'preserveFocus'> = {}): Promise<void> {
  const document = openDocument(key) ?? (await vscode.workspace.openTextDocument(articleUri(key)));
  const editor = await vscode.window.showTextDocument(document, { preview: true, ...where });
  const range = DocumentOffsets.of(document).range(start, end);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The article a command acts on: a Tags view article row, an Explorer file, else the active article, else a pick among tagged articles. */
export async function articleTarget(store: TagStore, target: unknown, question: string, none: string): Promise<string | undefined> {
  if (target instanceof vscode.Uri) return articleKey(target);
  if (typeof target === 'object' && target !== null && typeof (target as { key?: unknown }).key === 'string') return (target as { key: string }).key;
  const editor = vscode.window.activeTextEditor;
  if (editor && isTaggable(editor.document)) return articleKey(editor.document.uri);
  const keys = store.keys();
  if (keys.length === 0) {
    void vscode.window.showInformationMessage(none);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(keys.map((k) => ({ label: vscode.workspace.asRelativePath(articleUri(k)), key: k })), { title: question });
  return picked?.key;
}
