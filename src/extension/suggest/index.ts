import type * as vscode from 'vscode';
import type { TagsView } from '../review/tagsView';
import type { Services } from '../shared/services';
import { SuggestCommands } from './suggestCommands';

/** Suggested tags: finding them, and accepting or rejecting them. */
export function register(context: vscode.ExtensionContext, { store, storage }: Services, tagsView: TagsView): SuggestCommands {
  const suggestions = new SuggestCommands(store, storage, tagsView);
  context.subscriptions.push(suggestions);
  return suggestions;
}
