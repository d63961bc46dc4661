import type * as vscode from 'vscode';
import type { Services } from '../shared/services';
import { CodebookService } from './codebookService';
import { CreateCodebookCommand } from './createCodebookCommand';

export interface CodebookFeature {
  readonly service: CodebookService;
  readonly create: CreateCodebookCommand;
}

/** The project's codebook: read and watched, with Create Codebook…. */
export function register(context: vscode.ExtensionContext, { storage }: Pick<Services, 'storage'>): CodebookFeature {
  const service = new CodebookService(storage.files);
  const create = new CreateCodebookCommand(service, storage.files);
  context.subscriptions.push(service, create);
  return { service, create };
}
