import * as vscode from 'vscode';
import type { ArticleMove } from '../../core/storage/sidecarRepository';
import { articleKey } from '../shared/articles';
import type { SidecarStorage } from './sidecarStorage';
import { Disposable } from '../shared/disposable';

/**
 * Renaming or moving an article in VS Code takes its sidecar along (in the same workspace edit,
 * as the repository decides) and the repository then updates the store and the sidecar's
 * `article:` field; renaming a folder moves its sidecars with it and the store follows.
 */
export class ArticleRenames extends Disposable {

  constructor(private readonly storage: SidecarStorage) {
    super();
    this.registerAll(
      vscode.workspace.onWillRenameFiles((e) => e.waitUntil(this.sidecarMoves(moves(e.files)))),
      vscode.workspace.onDidRenameFiles((e) => void this.storage.track(this.afterRename(moves(e.files)))),
    );
  }

  /** The sidecar renames to add to the user's rename, for articles that have one. */
  private async sidecarMoves(files: readonly ArticleMove[]): Promise<vscode.WorkspaceEdit> {
    const edit = new vscode.WorkspaceEdit();
    for (const { from, to } of await this.storage.repository.willRename(files)) {
      edit.renameFile(this.storage.files.uriOf(from), this.storage.files.uriOf(to), { overwrite: false, ignoreIfExists: true });
    }
    return edit;
  }

  private async afterRename(files: readonly ArticleMove[]): Promise<void> {
    await this.storage.repository.didRename(files);
    await this.storage.rescan();
  }
}

function moves(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): ArticleMove[] {
  return files.map(({ oldUri, newUri }) => ({ from: articleKey(oldUri), to: articleKey(newUri) }));
}
