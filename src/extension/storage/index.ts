import type * as vscode from 'vscode';
import type { TagStore } from '../../core/tagStore';
import { ArticleRenames } from './articleRenames';
import { ConflictAndMissingCommands } from './conflictAndMissingCommands';
import { SidecarStorage } from './sidecarStorage';

/** Sidecars on disk: loading and writing them, following article renames, conflicts and missing articles. */
export function register(context: vscode.ExtensionContext, store: TagStore): SidecarStorage {
  const storage = new SidecarStorage(store);
  context.subscriptions.push(storage, new ArticleRenames(storage), new ConflictAndMissingCommands(store, storage));
  return storage;
}
