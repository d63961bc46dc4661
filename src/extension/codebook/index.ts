import type * as vscode from 'vscode';
import type { Services } from '../shared/services';
import { ArticleCodesCommand } from './articleCodesCommand';
import { ArticleCodesStatus } from './articleCodesStatus';
import { CodebookService } from './codebookService';
import { CodebookValueWarnings } from './codebookWarnings';
import { CreateCodebookCommand } from './createCodebookCommand';
import { SubLabelCommands } from './subLabelCommands';

export interface CodebookFeature {
  readonly service: CodebookService;
  readonly create: CreateCodebookCommand;
}

/** The project's codebook: read and watched, Create Codebook…, Change Sub-label, article codes (command and status bar). */
export function register(context: vscode.ExtensionContext, { store, storage, lens }: Omit<Services, 'codebook'>): CodebookFeature {
  const service = new CodebookService(storage.files);
  const create = new CreateCodebookCommand(service, storage.files);
  context.subscriptions.push(service, create, new SubLabelCommands(store, service, lens), new ArticleCodesCommand(store, storage, service), new ArticleCodesStatus(store, service), new CodebookValueWarnings(store, service));
  return { service, create };
}
