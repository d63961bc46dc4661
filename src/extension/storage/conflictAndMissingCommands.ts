import * as vscode from 'vscode';
import type { TagStore } from '../../core/tagStore';
import { articleKey, articleUri, fileName, sidecarUriFor } from '../shared/articles';
import { CommandId, type TagRef } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import { ContextKeys } from '../shared/contextKeys';
import type { SidecarStorage } from './sidecarStorage';
import { isTagRef } from '../shared/tagTargets';

/**
 * What the analyst decides when files changed around the tags: which side of a conflict to
 * keep, and what becomes of the tags of an article that is gone. Newsmark never decides either.
 */
export class ConflictAndMissingCommands extends Disposable {
  constructor(private readonly store: TagStore, private readonly storage: SidecarStorage) {
    super();
    this.register(registerCommand(CommandId.keepMine, (ref?: unknown) => this.keep(ref, 'mine')));
    this.register(registerCommand(CommandId.keepTheirs, (ref?: unknown) => this.keep(ref, 'theirs')));
    this.register(registerCommand(CommandId.deleteTagsToo, (node?: unknown) => this.deleteTags(node)));
    this.register(registerCommand(CommandId.locateArticle, (node?: unknown) => this.locate(node)));
    this.register(store.onDidChange(({ kind }) => {
      if (kind === 'shifted' || kind === 'suggested') return; // typing changes neither (and runs often)
      const entries = store.keys().map((key) => store.get(key));
      ContextKeys.hasConflicts.set(entries.some((e) => (e?.conflicts.length ?? 0) > 0));
      ContextKeys.hasMissingArticles.set(entries.some((e) => e?.missing === true));
    }));
  }

  private async keep(ref: unknown, side: 'mine' | 'theirs'): Promise<void> {
    const target = isTagRef(ref) ? ref : await this.pickConflict(side);
    if (!target) return;
    this.store.resolveConflict(target.key, target.id, side); // read-only: the command wrapper warns
    await this.storage.saveIfClean(target.key);
  }

  private async pickConflict(side: 'mine' | 'theirs'): Promise<TagRef | undefined> {
    const items = this.store.keys().flatMap((key) => (this.store.get(key)?.conflicts ?? []).map((c) => ({
      label: (c.mine ?? c.theirs)?.text.slice(0, 80) ?? c.id,
      description: fileName(articleUri(key)),
      ref: { key, id: c.id },
    })));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('There are no tag conflicts.');
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title: side === 'mine' ? 'Keep my version of which tag?' : 'Keep the version on disk of which tag?' }))?.ref;
  }

  /** The analyst's explicit choice: the sidecar of a missing article goes to the trash (where there is one). */
  private async deleteTags(node: unknown): Promise<void> {
    const key = await this.missingArticle(node);
    if (key === undefined) return;
    const article = articleUri(key);
    const sidecar = sidecarUriFor(article);
    const count = this.store.tags(key).length;
    const choice = await vscode.window.showWarningMessage(
      `Delete ${fileName(sidecar)} with its ${count} ${count === 1 ? 'tag' : 'tags'}? The article ${fileName(article)} is already gone.`,
      { modal: true, detail: 'The sidecar goes to the trash where the file system has one.' },
      'Delete Tags',
    );
    if (choice !== 'Delete Tags' || (await this.isBack(key))) return;
    await this.storage.repository.deleteSidecar(key);
  }

  /** The article was moved or renamed outside VS Code: its sidecar joins it and the tags are found again there. */
  private async locate(node: unknown): Promise<void> {
    const key = await this.missingArticle(node);
    if (key === undefined) return;
    const oldArticle = articleUri(key);
    const [chosen] = await vscode.window.showOpenDialog({
      defaultUri: vscode.Uri.joinPath(oldArticle, '..'), canSelectMany: false, openLabel: 'Use This Article', title: `Where is ${fileName(oldArticle)} now?`,
    }) ?? [];
    if (!chosen) return;
    if (!vscode.workspace.getWorkspaceFolder(chosen)) {
      void vscode.window.showErrorMessage(`${chosen.fsPath} is outside the workspace; pick an article inside it.`);
      return;
    }
    if (await this.isBack(key)) return;
    const located = await this.storage.repository.locate(key, articleKey(chosen));
    if (!located.ok) {
      void vscode.window.showErrorMessage(located.reason === 'hasTags'
        ? `${fileName(chosen)} already has tags (${fileName(sidecarUriFor(chosen))}); Newsmark will not mix two sidecars. Move one of them aside first.`
        : `${chosen.fsPath} is not on the workspace's file system; pick an article inside it.`);
      return;
    }
    await this.storage.rescan();
    void vscode.window.showInformationMessage(`The tags of ${fileName(oldArticle)} now belong to ${vscode.workspace.asRelativePath(chosen)}.`);
  }

  /** The flag may be stale (a checkout restored the article): look again before acting on it. */
  private async isBack(key: string): Promise<boolean> {
    if (!(await this.storage.repository.articleIsBack(key))) return false;
    void vscode.window.showInformationMessage(`${fileName(articleUri(key))} is back where its sidecar expects it; nothing was changed.`);
    return true;
  }

  private async missingArticle(node: unknown): Promise<string | undefined> {
    const key = typeof node === 'object' && node !== null && typeof (node as { key?: unknown }).key === 'string' ? (node as { key: string }).key : undefined;
    if (key !== undefined) return key;
    const missing = this.store.keys().filter((k) => this.store.get(k)?.missing);
    if (missing.length === 0) {
      void vscode.window.showInformationMessage('Every tagged article is where its sidecar expects it.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(missing.map((k) => ({ label: vscode.workspace.asRelativePath(articleUri(k)), key: k })), { title: 'Which missing article?' });
    return picked?.key;
  }

}
