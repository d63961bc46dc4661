import * as vscode from 'vscode';

/** Typed access to Newsmark's settings (declared in package.json). */
export function maxFileBytes(): number {
  const mb = vscode.workspace.getConfiguration('newsmark').get<number>('maxFileSizeMB', 10);
  return Math.max(0, mb) * 1024 * 1024;
}

export function author(): string | undefined {
  const value = vscode.workspace.getConfiguration('newsmark').get<string>('author', '').trim();
  return value === '' ? undefined : value;
}
