import * as vscode from 'vscode';
import { dirnamePath } from '../../core/fs/paths';
import { DEFAULT_NAME_PATTERN, extractArticle, writeIngestedArticle, type WrittenArticle } from '../../core/ingest/index';
import { fileName } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import { maxFileBytes } from '../shared/settings';
import type { VscodeFileSystem } from '../storage/vscodeFileSystem';

/** What one run did, page by page (for the notification, and for tests). */
export interface IngestOutcome {
  readonly written: { page: string; article: vscode.Uri; outlet?: string }[];
  readonly refused: { page: string; message: string }[];
}

/**
 * "Newsmark: New Article from Web Page…": saved pages (the Explorer's selection, or picked in a
 * dialog) become clean articles with a sidecar holding the page's details, written beside the
 * page or in `newsmark.ingest.folder`, never over an existing file. The first article opens;
 * Suggest Tags is offered.
 */
export class NewArticleFromWebPage extends Disposable {
  constructor(private readonly files: VscodeFileSystem) {
    super();
    this.register(registerCommand(CommandId.newArticleFromWebPage, (clicked?: unknown, selected?: unknown) => this.run(pagesFrom(clicked, selected))));
  }

  async run(given?: readonly vscode.Uri[]): Promise<IngestOutcome> {
    const pages = given && given.length > 0 ? given : await vscode.window.showOpenDialog({
      title: vscode.l10n.t('New Article from Web Page'),
      openLabel: vscode.l10n.t('Make Articles'),
      canSelectMany: true,
      filters: { [vscode.l10n.t('Saved web pages')]: ['html', 'htm'] },
      ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
    });
    const outcome: IngestOutcome = { written: [], refused: [] };
    if (!pages || pages.length === 0) return outcome;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Making articles from web pages'), cancellable: true }, async (progress, token) => {
      for (const [i, page] of pages.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: vscode.l10n.t('{0} ({1} of {2})', fileName(page), i + 1, pages.length), increment: 100 / pages.length });
        await this.one(page, outcome);
      }
    });
    await this.tell(outcome);
    return outcome;
  }

  private async one(page: vscode.Uri, outcome: IngestOutcome): Promise<void> {
    const name = fileName(page);
    const path = this.files.pathOf(page);
    if (path === undefined) {
      outcome.refused.push({ page: name, message: vscode.l10n.t('it is not on the workspace\'s file system') });
      return;
    }
    try {
      const info = await this.files.stat(path);
      const limit = maxFileBytes();
      if (info && info.size > limit) {
        outcome.refused.push({ page: name, message: vscode.l10n.t('it is {0} MB, over newsmark.maxFileSizeMB', (info.size / 1024 / 1024).toFixed(1)) });
        return;
      }
      const result = extractArticle(await this.files.readFile(path), { maxBytes: limit, sourceName: name });
      if (!result.ok) {
        outcome.refused.push({ page: name, message: result.message });
        return;
      }
      const folder = await this.folderFor(path);
      const written: WrittenArticle = await writeIngestedArticle(this.files, folder, { text: result.text, meta: result.meta }, name, namePattern());
      outcome.written.push({ page: name, article: this.files.uriOf(written.articlePath), ...(result.meta.outlet ? { outlet: result.meta.outlet } : {}) });
    } catch (error) {
      outcome.refused.push({ page: name, message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** `newsmark.ingest.folder` (relative to the workspace folder, made if missing), else the page's own folder. */
  private async folderFor(pagePath: string): Promise<string> {
    const setting = vscode.workspace.getConfiguration('newsmark').get<string>('ingest.folder', '').trim();
    const root = vscode.workspace.workspaceFolders?.[0];
    const rootPath = root && this.files.pathOf(root.uri);
    if (setting === '' || rootPath === undefined) return dirnamePath(pagePath);
    const folder = `${rootPath.replace(/\/$/, '')}/${setting.replace(/^\/+|\/+$/g, '')}`;
    let made = '';
    for (const part of folder.split('/').filter(Boolean)) {
      made += `/${part}`;
      if ((await this.files.stat(made)) === undefined) await this.files.createDirectory(made);
    }
    return folder;
  }

  private async tell(outcome: IngestOutcome): Promise<void> {
    for (const r of outcome.refused) void vscode.window.showWarningMessage(vscode.l10n.t('{0} was not made into an article: {1}', r.page, r.message));
    const [first] = outcome.written;
    if (!first) return;
    await vscode.window.showTextDocument(first.article);
    const made = outcome.written.length > 1
      ? vscode.l10n.t('Made {0} articles from the saved pages, with their outlet, date and address in the sidecar.', outcome.written.length)
      : first.outlet
        ? vscode.l10n.t('Made {0} ({1}) from the saved page, with its outlet, date and address in the sidecar.', fileName(first.article), first.outlet)
        : vscode.l10n.t('Made {0} from the saved page, with its outlet, date and address in the sidecar.', fileName(first.article));
    const suggest = vscode.l10n.t('Suggest Tags');
    void vscode.window.showInformationMessage(made, suggest).then(async (choice) => {
      if (choice !== suggest) return;
      for (const w of outcome.written) await vscode.commands.executeCommand(CommandId.suggestTags, w.article);
    });
  }
}

function namePattern(): string {
  const pattern = vscode.workspace.getConfiguration('newsmark').get<string>('ingest.namePattern', DEFAULT_NAME_PATTERN).trim();
  return pattern === '' ? DEFAULT_NAME_PATTERN : pattern;
}

/** The Explorer passes the clicked file and every selected one; the palette passes nothing. */
function pagesFrom(clicked: unknown, selected: unknown): vscode.Uri[] | undefined {
  if (Array.isArray(selected) && selected.every((s) => s instanceof vscode.Uri) && selected.length > 0) return selected;
  if (clicked instanceof vscode.Uri) return [clicked];
  return undefined;
}
