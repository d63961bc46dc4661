import * as vscode from 'vscode';
import { articleNameFor, isSidecarName, sidecarNameFor } from '../core/sidecar';

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
export function isTaggable(document: vscode.TextDocument): boolean {
  return !document.isUntitled && document.uri.scheme !== 'output' && !isSidecarName(fileName(document.uri));
}

export function openDocument(key: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => articleKey(d.uri) === key);
}
