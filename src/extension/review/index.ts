import type * as vscode from 'vscode';
import type { Services } from '../shared/services';
import { ReviewCommands } from './reviewCommands';
import { TagsView } from './tagsView';

/** Reviewing tags: the Tags view (tree, filters, following the editor) and the review commands. */
export function register(context: vscode.ExtensionContext, { store, storage, lens, codebook }: Services): { tagsView: TagsView; commands: ReviewCommands } {
  const tagsView = new TagsView(store, storage, lens, codebook);
  const commands = new ReviewCommands(store, lens, () => codebook.codebook);
  context.subscriptions.push(tagsView, commands);
  return { tagsView, commands };
}
