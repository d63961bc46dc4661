import * as vscode from 'vscode';
import { TagStore } from '../core/tagStore';
import * as adjudication from './adjudication';
import { ArticleLanguage } from './tagging/articleLanguage';
import { ArticleRenames } from './storage/articleRenames';
import * as agreement from './agreement';
import * as compare from './compare';
import { ArticleDetailsCommand } from './tagging/detailsCommand';
import { TagDecorations } from './tagging/decorations';
import { ArticleEditTracker } from './tagging/editTracker';
import { ExportCommands } from './exchange/exportCommands';
import { TagHoverProvider } from './tagging/hover';
import { ReportPreview } from './report/reportPreview';
import { ReviewCommands } from './review/reviewCommands';
import { SidecarCommands } from './storage/sidecarCommands';
import { SidecarStorage } from './storage/sidecarStorage';
import { SuggestCommands } from './suggest/suggestCommands';
import { TagCommands } from './tagging/tagCommands';
import { TagStatusBar } from './tagging/tagStatusBar';
import { TagsView } from './review/tagsView';

/** What activate() returns: enough for the integration tests to look inside. */
export interface NewsmarkApi {
  readonly store: TagStore;
  readonly decorations: TagDecorations;
  readonly tagsView: TagsView;
  readonly commands: TagCommands;
  readonly statusBar: TagStatusBar;
  readonly suggestions: SuggestCommands;
  readonly preview: ReportPreview;
  readonly compare: compare.CompareFeature;
  readonly agreement: agreement.AgreementFeature;
  readonly adjudication: adjudication.AdjudicationFeature;
  /** Resolves when every pending sidecar read and write has finished. */
  idle(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): NewsmarkApi {
  const store = new TagStore();
  const storage = new SidecarStorage(store);
  const tracker = new ArticleEditTracker(store, storage);
  // Show Only My Tags: every view reads the store through this one lens.
  const shared = agreement.register(store, storage, context.extensionUri);
  const lens = shared.blind;
  const tagsView = new TagsView(store, storage, lens);
  const api = {
    store,
    decorations: new TagDecorations(store, lens),
    tagsView,
    commands: new TagCommands(store, storage, lens),
    statusBar: new TagStatusBar(store, lens),
    suggestions: new SuggestCommands(store, storage, tagsView),
    preview: new ReportPreview(store, storage, context.extensionUri, lens),
    compare: compare.register(store, storage, context.extensionUri),
    agreement: shared,
    adjudication: adjudication.register(store, storage, tagsView),
    idle: (): Promise<void> => storage.ready.then(() => tracker.idle()).then(() => storage.idle()),
  };
  context.subscriptions.push(
    store, storage, tracker, tagsView,
    api.decorations, api.commands, api.statusBar, api.suggestions, api.preview, api.compare, api.agreement, api.adjudication,
    new ReviewCommands(store, lens),
    new SidecarCommands(store, storage),
    new ArticleDetailsCommand(store, storage),
    new ExportCommands(store, storage, lens),
    new ArticleLanguage(store),
    new ArticleRenames(store, storage),
    vscode.languages.registerHoverProvider({ pattern: '**/*' }, new TagHoverProvider(store, lens)),
  );
  return api;
}
