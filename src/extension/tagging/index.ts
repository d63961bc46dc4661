import * as vscode from 'vscode';
import type { Services } from '../shared/services';
import { ArticleLanguage } from './articleLanguage';
import { AuthorPrompt } from './authorPrompt';
import { CaretContext } from './caretContext';
import { TagDecorations } from './decorations';
import { ArticleDetailsCommand } from './detailsCommand';
import { ArticleEditTracker } from './editTracker';
import { TagHoverProvider } from './hover';
import { NoteDocuments } from './noteDocuments';
import { TagCommands } from './tagCommands';
import { TagStatusBar } from './tagStatusBar';

export interface TaggingFeature {
  readonly tracker: ArticleEditTracker;
  readonly decorations: TagDecorations;
  readonly commands: TagCommands;
  readonly statusBar: TagStatusBar;
  readonly caret: CaretContext;
}

/** Tagging in the editor: the Tag as… commands, highlights, hover, status bar, edits that move tags, article details. */
export function register(context: vscode.ExtensionContext, { store, storage, lens, codebook }: Services): TaggingFeature {
  const feature = {
    tracker: new ArticleEditTracker(store, storage),
    decorations: new TagDecorations(store, lens),
    commands: new TagCommands(store, storage, lens, codebook, new AuthorPrompt(context.globalState)),
    statusBar: new TagStatusBar(store, lens),
    caret: new CaretContext(store, lens),
  };
  context.subscriptions.push(
    feature.tracker, feature.decorations, feature.commands, feature.statusBar, feature.caret,
    new ArticleDetailsCommand(store, storage),
    new ArticleLanguage(store),
    new NoteDocuments(store),
    vscode.languages.registerHoverProvider({ pattern: '**/*' }, new TagHoverProvider(store, lens, () => codebook.codebook)),
  );
  return feature;
}
