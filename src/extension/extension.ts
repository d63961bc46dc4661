import * as vscode from 'vscode';
import { TagStore } from '../core/tagStore';
import { ArticleEditTracker } from './editTracker';
import { TagDecorations } from './decorations';
import { TagHoverProvider } from './hover';
import { SidecarStorage } from './sidecarStorage';
import { ExportCommands } from './exportCommands';
import { ReviewCommands } from './reviewCommands';
import { TagCommands } from './tagCommands';
import { TagStatusBar } from './tagStatusBar';
import { TagsView } from './tagsView';

/** What activate() returns: enough for the integration tests to look inside. */
export interface NewsmarkApi {
  readonly store: TagStore;
  readonly decorations: TagDecorations;
  readonly tagsView: TagsView;
  readonly commands: TagCommands;
  readonly statusBar: TagStatusBar;
  /** Resolves when every pending sidecar read and write has finished. */
  idle(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): NewsmarkApi {
  const store = new TagStore();
  const storage = new SidecarStorage(store);
  const decorations = new TagDecorations(store);
  const tagsView = new TagsView(store, storage);
  const commands = new TagCommands(store, storage);
  const tracker = new ArticleEditTracker(store, storage);
  const statusBar = new TagStatusBar(store);
  context.subscriptions.push(
    store,
    storage,
    tracker,
    decorations,
    tagsView,
    commands,
    statusBar,
    new ReviewCommands(store),
    new ExportCommands(store, storage),
    vscode.languages.registerHoverProvider({ pattern: '**/*' }, new TagHoverProvider(store)),
  );
  return {
    store,
    decorations,
    tagsView,
    commands,
    statusBar,
    idle: async () => {
      await storage.ready;
      await tracker.idle();
      await storage.idle();
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
