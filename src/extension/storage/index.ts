import type * as vscode from 'vscode';
import type { TagStore } from '../../core/tagStore';
import { ArticleRenames } from './articleRenames';
import { ConflictAndMissingCommands } from './conflictAndMissingCommands';
import { SidecarStorage } from './sidecarStorage';

/**
 * Sidecars on disk: loading and writing them, following article renames, conflicts and missing
 * articles. The extension's `storageUri` (per workspace; none without a folder open) holds the
 * Tags view's cache.
 */
export function register(context: vscode.ExtensionContext, store: TagStore): SidecarStorage {
  const { version } = context.extension.packageJSON as { version?: unknown };
  const storage = new SidecarStorage(store, context.storageUri, typeof version === 'string' ? version : '');
  context.subscriptions.push(storage, new ArticleRenames(storage), new ConflictAndMissingCommands(store, storage));
  return storage;
}
