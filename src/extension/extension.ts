import type * as vscode from 'vscode';
import { TagStore } from '../core/tagStore';
import * as adjudication from './adjudication';
import * as agreement from './agreement';
import * as codebook from './codebook';
import * as compare from './compare';
import * as exchange from './exchange';
import * as ingest from './ingest';
import type { NewArticleFromWebPage } from './ingest/newArticleCommand';
import * as report from './report';
import type { ReportPreview } from './report/reportPreview';
import * as review from './review';
import type { ReviewCommands } from './review/reviewCommands';
import type { TagsView } from './review/tagsView';
import { newsmarkLogOwner } from './shared/commands';
import { shareLanguageWithCore } from './shared/language';
import type { Services } from './shared/services';
import * as storage from './storage';
import * as suggest from './suggest';
import type { SuggestCommands } from './suggest/suggestCommands';
import * as tagging from './tagging';
import * as welcome from './welcome';
import type { TagDecorations } from './tagging/decorations';
import type { CaretContext } from './tagging/caretContext';
import type { TagCommands } from './tagging/tagCommands';
import type { TagStatusBar } from './tagging/tagStatusBar';

/** What activate() returns: enough for the integration tests to look inside. */
export interface NewsmarkApi {
  readonly store: TagStore;
  readonly decorations: TagDecorations;
  readonly tagsView: TagsView;
  readonly commands: TagCommands;
  readonly review: ReviewCommands;
  readonly statusBar: TagStatusBar;
  readonly caret: CaretContext;
  readonly suggestions: SuggestCommands;
  readonly preview: ReportPreview;
  readonly compare: compare.CompareFeature;
  readonly agreement: agreement.AgreementFeature;
  readonly adjudication: adjudication.AdjudicationFeature;
  readonly codebook: codebook.CodebookFeature;
  readonly ingest: NewArticleFromWebPage;
  readonly welcome: welcome.WelcomeFeature;
  /** Resolves when every pending sidecar read and write has finished. */
  idle(): Promise<void>;
}

/** Wires the feature folders together; each one's register() adds its disposables to the context. */
export function activate(context: vscode.ExtensionContext): NewsmarkApi {
  shareLanguageWithCore();
  const store = new TagStore();
  context.subscriptions.push(newsmarkLogOwner, store);
  const sidecars = storage.register(context, store);
  // Show Only My Tags (blind coding): every view reads the store through this one lens.
  const agreed = agreement.register(context, store, sidecars);
  const codebooks = codebook.register(context, { store, storage: sidecars, lens: agreed.blind });
  const services: Services = { store, storage: sidecars, lens: agreed.blind, codebook: codebooks.service };
  const tags = tagging.register(context, services);
  const { tagsView, commands: reviewCommands } = review.register(context, services);
  const suggestions = suggest.register(context, services, tagsView);
  const preview = report.register(context, services);
  const compared = compare.register(context, services);
  const adjudicated = adjudication.register(context, services, tagsView);
  exchange.register(context, services);
  const ingested = ingest.register(context, services);
  const welcomed = welcome.register(context);
  return {
    store, tagsView, suggestions, preview,
    decorations: tags.decorations, commands: tags.commands, review: reviewCommands, statusBar: tags.statusBar, caret: tags.caret,
    compare: compared, agreement: agreed, adjudication: adjudicated, codebook: codebooks, ingest: ingested, welcome: welcomed,
    idle: (): Promise<void> => sidecars.ready.then(() => tags.tracker.idle()).then(() => sidecars.idle()),
  };
}
