import type * as vscode from 'vscode';
import type { Services } from '../shared/services';
import { ExportCommands } from './exportCommands';

/** Tags out of and into the workspace: Export Tags… and Import Tags…. */
export function register(context: vscode.ExtensionContext, { store, storage, lens, codebook }: Services): void {
  context.subscriptions.push(new ExportCommands(store, storage, context.workspaceState, lens, codebook));
}
