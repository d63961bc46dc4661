import type * as vscode from 'vscode';
import type { Services } from '../shared/services';
import { NewArticleFromWebPage } from './newArticleCommand';

/** Articles from the web: New Article from Web Page…. */
export function register(context: vscode.ExtensionContext, { storage }: Services): NewArticleFromWebPage {
  const command = new NewArticleFromWebPage(storage.files);
  context.subscriptions.push(command);
  return command;
}
