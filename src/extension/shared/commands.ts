import * as vscode from 'vscode';
import { failureLogEntry, failureNotice, runCommand, type CommandErrorReporter } from './commandErrors';
import type { CommandId } from './commandIds';

let log: vscode.LogOutputChannel | undefined;

/** Newsmark's one output channel, "Newsmark" in the Output panel; made when first written to. Its lines carry the time. */
export function newsmarkLog(): vscode.LogOutputChannel {
  log ??= vscode.window.createOutputChannel('Newsmark', { log: true });
  return log;
}

/** Closes the Newsmark output channel (at deactivation). */
export const newsmarkLogOwner: vscode.Disposable = {
  dispose: () => {
    log?.dispose();
    log = undefined;
  },
};

/** Something that should not happen (a bug, a failing file system): logged with its stack, shown with a button to the log. */
export function reportUnexpected(what: string, error: unknown): void {
  const channel = newsmarkLog();
  channel.error(failureLogEntry(what, error));
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(failureNotice(what, error), showLog).then((choice) => choice === showLog && channel.show(true));
}

const reporter: CommandErrorReporter = {
  readOnly: (message) => void vscode.window.showWarningMessage(message),
  unexpected: reportUnexpected,
};

/**
 * Registers a Newsmark command (the only place that calls vscode.commands.registerCommand; a lint
 * rule keeps it so). A read-only sidecar's refusal becomes a warning; anything else unexpected is
 * written to the Newsmark log and shown with a button to open it.
 */
export function registerCommand(id: CommandId, handler: (...args: never[]) => unknown): vscode.Disposable {
  const run = handler as (...args: unknown[]) => unknown;
  return vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(id, () => run(...args), reporter));
}
