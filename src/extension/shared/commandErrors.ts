import * as l10n from '@vscode/l10n';
import { ReadOnlyTagsError } from '../../core/tagStore';

/** Where a command's errors go; shared/commands.ts gives the one for VS Code (warnings, the Newsmark log). */
export interface CommandErrorReporter {
  /** An edit refused because the article's sidecar could not be read: the analyst's to fix, not a fault. */
  readOnly(message: string): void;
  /** Anything else: a fault of Newsmark's, to be logged with its stack and shown. */
  unexpected(commandId: string, error: unknown): void;
}

/**
 * Runs a command's handler and hands what it throws (or rejects with) to the reporter, so that
 * no command ends in VS Code's bare "command failed". What the handler returns is passed on
 * (tests and scripts read it); undefined when it failed.
 */
export async function runCommand<T>(commandId: string, handler: () => T | PromiseLike<T>, reporter: CommandErrorReporter): Promise<T | undefined> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof ReadOnlyTagsError) reporter.readOnly(error.message);
    else reporter.unexpected(commandId, error);
    return undefined;
  }
}

/** The log entry for a failed command: which one, what went wrong, and where (the stack). */
export function failureLogEntry(commandId: string, error: unknown): string {
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `${commandId} failed: ${errorMessage(error)}${stack}`;
}

/**
 * The notification for a failed command: short, pointing to the log for the rest. Through
 * @vscode/l10n (this file runs without VS Code in the unit tests), which the extension hands
 * VS Code's bundle at activation (shared/language.ts).
 */
export function failureNotice(commandId: string, error: unknown): string {
  return l10n.t('Newsmark: {0} failed: {1} The Newsmark log has the details.', commandId, errorMessage(error));
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
