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
      void vscode.window.showInformationMessage(vscode.l10n.t('There are no tag conflicts.'));
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title: side === 'mine' ? vscode.l10n.t('Keep my version of which tag?') : vscode.l10n.t('Keep the version on disk of which tag?') }))?.ref;
  }

  /** The analyst's explicit choice: the sidecar of a missing article goes to the trash (where there is one). */
  private async deleteTags(node: unknown): Promise<void> {
    const key = await this.missingArticle(node);
    if (key === undefined) return;
    const article = articleUri(key);
    const sidecar = sidecarUriFor(article);
    const count = this.store.tags(key).length;
    const deleteTags = vscode.l10n.t('Delete Tags');
    const choice = await vscode.window.showWarningMessage(
      count === 1
        ? vscode.l10n.t('Delete {0} with its 1 tag? The article {1} is already gone.', fileName(sidecar), fileName(article))
        : vscode.l10n.t('Delete {0} with its {1} tags? The article {2} is already gone.', fileName(sidecar), count, fileName(article)),
      { modal: true, detail: vscode.l10n.t('The sidecar goes to the trash where the file system has one.') },
      deleteTags,
    );
    if (choice !== deleteTags || (await this.isBack(key))) return;
    await this.storage.repository.deleteSidecar(key);
  }

  /** The article was moved or renamed outside VS Code: its sidecar joins it and the tags are found again there. */
  private async locate(node: unknown): Promise<void> {
    const key = await this.missingArticle(node);
    if (key === undefined) return;
    const oldArticle = articleUri(key);
    const [chosen] = await vscode.window.showOpenDialog({
      defaultUri: vscode.Uri.joinPath(oldArticle, '..'), canSelectMany: false, openLabel: vscode.l10n.t('Use This Article'), title: vscode.l10n.t('Where is {0} now?', fileName(oldArticle)),
    }) ?? [];
    if (!chosen) return;
    if (!vscode.workspace.getWorkspaceFolder(chosen)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} is outside the workspace; pick an article inside it.', chosen.fsPath));
      return;
    }
    if (await this.isBack(key)) return;
    const located = await this.storage.repository.locate(key, articleKey(chosen));
    if (!located.ok) {
      void vscode.window.showErrorMessage(located.reason === 'hasTags'
        ? vscode.l10n.t('{0} already has tags ({1}); Newsmark will not mix two sidecars. Move one of them aside first.', fileName(chosen), fileName(sidecarUriFor(chosen)))
        : vscode.l10n.t('{0} is not on the workspace\'s file system; pick an article inside it.', chosen.fsPath));
      return;
    }
    await this.storage.rescan();
    void vscode.window.showInformationMessage(vscode.l10n.t('The tags of {0} now belong to {1}.', fileName(oldArticle), vscode.workspace.asRelativePath(chosen)));
  }

  /** The flag may be stale (a checkout restored the article): look again before acting on it. */
  private async isBack(key: string): Promise<boolean> {
    if (!(await this.storage.repository.articleIsBack(key))) return false;
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is back where its sidecar expects it; nothing was changed.', fileName(articleUri(key))));
    return true;
  }

  private async missingArticle(node: unknown): Promise<string | undefined> {
    const key = typeof node === 'object' && node !== null && typeof (node as { key?: unknown }).key === 'string' ? (node as { key: string }).key : undefined;
    if (key !== undefined) return key;
    const missing = this.store.keys().filter((k) => this.store.get(k)?.missing);
    if (missing.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every tagged article is where its sidecar expects it.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(missing.map((k) => ({ label: vscode.workspace.asRelativePath(articleUri(k)), key: k })), { title: vscode.l10n.t('Which missing article?') });
    return picked?.key;
  }

}
