import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/atomicWrite';
import { SidecarFile } from '../../core/sidecar';
import type { TagStore } from '../../core/tagStore';
import { articleKey, articleUriFor, fileName, sidecarUriFor } from '../shared/articles';
import type { SidecarStorage } from './sidecarStorage';

/**
 * Renaming or moving an article in VS Code takes its sidecar along (in the same workspace edit)
 * and updates the sidecar's `article:` field; renaming a folder moves its sidecars with it and
 * the store follows.
 */
export class ArticleRenames implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly store: TagStore, private readonly storage: SidecarStorage) {
    this.disposables = [
      vscode.workspace.onWillRenameFiles((e) => {
        for (const { oldUri } of e.files) this.storage.renaming.add(articleKey(oldUri));
        e.waitUntil(this.sidecarMoves(e.files));
      }),
      vscode.workspace.onDidRenameFiles((e) => void this.storage.track(this.afterRename(e.files))),
    ];
  }

  /** The sidecar renames to add to the user's rename, for articles that have one. */
  private async sidecarMoves(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<vscode.WorkspaceEdit> {
    const edit = new vscode.WorkspaceEdit();
    for (const { oldUri, newUri } of files) {
      if (articleUriFor(oldUri)) continue; // a sidecar renamed by hand: leave it to the user
      const from = sidecarUriFor(oldUri);
      const exists = await vscode.workspace.fs.stat(from).then((s) => s.type === vscode.FileType.File, () => false);
      if (exists) edit.renameFile(from, sidecarUriFor(newUri), { overwrite: false, ignoreIfExists: true });
    }
    return edit;
  }

  private async afterRename(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    try {
      await this.moveTags(files);
    } finally {
      for (const { oldUri } of files) this.storage.renaming.delete(articleKey(oldUri));
    }
    await this.storage.rescan();
  }

  private async moveTags(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    for (const { oldUri, newUri } of files) {
      if (articleUriFor(oldUri)) continue;
      const oldPrefix = `${articleKey(oldUri)}/`;
      const moved = this.store.keys().filter((key) => key === articleKey(oldUri) || key.startsWith(oldPrefix));
      // Their tags go along, unsaved changes included (a dirty article keeps its text when renamed).
      for (const key of moved) this.store.move(key, articleKey(newUri) + key.slice(articleKey(oldUri).length));
      if (moved.length === 0) continue;
      const isFile = moved.length === 1 && moved[0] === articleKey(oldUri);
      if (isFile) await renameArticleField(newUri);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The sidecar now beside a renamed or located article says the article's new name. */
export async function renameArticleField(article: vscode.Uri): Promise<void> {
  const sidecar = sidecarUriFor(article);
  if (sidecar.scheme !== 'file') return;
  const text = await vscode.workspace.fs.readFile(sidecar).then((b) => new TextDecoder().decode(b), () => undefined);
  const parsed = text === undefined ? undefined : SidecarFile.parse(text);
  if (!parsed?.ok || parsed.sidecar.article === fileName(article) || parsed.sidecar.writeProblems().length > 0) return; // never rewritten
  await writeFileAtomic(sidecar.fsPath, parsed.sidecar.serialize(parsed.sidecar.tags, parsed.sidecar.sha256, fileName(article)));
}
