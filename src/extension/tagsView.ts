import * as vscode from 'vscode';
import type { TagStore } from '../core/tagStore';
import { CommandId } from './commandIds';
import type { SidecarStorage } from './sidecarStorage';
import { TAGS_VIEW_ID, TagsTreeProvider, type TagsNode } from './tagsTree';

/** The "Tags" view in the Newsmark sidebar, and its title-bar commands. */
export class TagsView implements vscode.Disposable {
  readonly provider: TagsTreeProvider;
  readonly view: vscode.TreeView<TagsNode>;
  private readonly disposables: vscode.Disposable[];

  constructor(store: TagStore, storage: SidecarStorage) {
    this.provider = new TagsTreeProvider(store);
    this.view = vscode.window.createTreeView(TAGS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true, canSelectMany: false });
    this.disposables = [
      this.provider,
      this.view,
      vscode.commands.registerCommand(CommandId.refreshTags, () =>
        vscode.window.withProgress({ location: { viewId: TAGS_VIEW_ID } }, () => storage.rescan()),
      ),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
