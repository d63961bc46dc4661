import * as vscode from 'vscode';
import { isTaggable } from '../shared/articles';
import { ContextKey } from '../shared/contextKeys';
import { SampleCorpusCommand } from './sampleCorpus';

/** The walkthrough's id, as VS Code names it: publisher.name#id. */
export const WALKTHROUGH = 'newsmark.newsmark#newsmark.gettingStarted';
/** globalState key: the walkthrough has been opened once. */
const SHOWN = 'newsmark.walkthroughShown';

export interface WelcomeFeature {
  readonly samples: SampleCorpusCommand;
}

/**
 * Getting started: Open Sample Corpus, and the "Get Started with Newsmark" walkthrough opened on
 * the first activation. VS Code opens a new extension's walkthrough itself after an install from
 * the Marketplace, but not for an extension loaded from a folder or a .vsix a script installs (the
 * demo); the same user setting decides, so turning it off keeps it closed everywhere.
 * Opened once per profile (globalState).
 */
export function register(context: vscode.ExtensionContext): WelcomeFeature {
  const samples = new SampleCorpusCommand(context.extensionUri);
  context.subscriptions.push(samples);
  // The walkthrough's first step is done when an article of an open folder is in the editor.
  // (VS Code ticks a step on a context key's change, not on a value it had before the walkthrough loaded.)
  const articleOpen = new ContextKey<boolean>('newsmark.corpusArticleOpen');
  const follow = (editor: vscode.TextEditor | undefined): void => {
    articleOpen.set(editor !== undefined && isTaggable(editor.document) && vscode.workspace.getWorkspaceFolder(editor.document.uri) !== undefined);
  };
  follow(vscode.window.activeTextEditor);
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(follow));
  // A remote extension host may not see the first setting (it reads its default), so an explicit
  // "workbench.startupEditor": "none" — nothing opened at startup — is also honoured.
  const wanted = vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true)
    && vscode.workspace.getConfiguration('workbench').get<string>('startupEditor') !== 'none';
  if (wanted && !context.globalState.get<boolean>(SHOWN)) {
    void context.globalState.update(SHOWN, true);
    void vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
  }
  return { samples };
}
