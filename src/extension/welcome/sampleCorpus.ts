import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';

/** The folder name the copy gets; a taken name gets " 2", " 3"… — nothing is ever overwritten. */
const FOLDER_NAME = 'newsmark-samples';
/** The article opened first: the tabloid, whose framing and disputed figure show the most. */
const FIRST_ARTICLE = 'daily-clarion.txt';

/**
 * "Open Sample Corpus": copies the extension's fictional sample articles (samples/*.txt and their
 * sidecars: four outlets' reports of one made-up dam failure) into a new folder inside the one the
 * analyst picks, then opens it: the first article beside the current folder when the copy is
 * inside it, else the folder itself.
 */
export class SampleCorpusCommand extends Disposable {
  constructor(private readonly extensionUri: vscode.Uri) {
    super();
    this.register(registerCommand(CommandId.openSampleCorpus, () => this.run()));
  }

  /** The folder the samples were copied into (for tests), or undefined if the analyst cancelled. */
  async run(parent?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const where = parent ?? (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Newsmark: Where Should the Sample Corpus Go?'),
      openLabel: vscode.l10n.t('Copy Samples Here'),
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
    }))?.[0];
    if (!where) return undefined;
    const samples = vscode.Uri.joinPath(this.extensionUri, 'samples');
    const files = (await vscode.workspace.fs.readDirectory(samples))
      .filter(([name, type]) => type === vscode.FileType.File && (name.endsWith('.txt') || name.endsWith('.txt.tags.yaml')))
      .map(([name]) => name)
      .sort();
    const target = await freshFolder(where);
    await vscode.workspace.fs.createDirectory(target);
    for (const name of files) {
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(samples, name), vscode.Uri.joinPath(target, name), { overwrite: false });
    }
    const articles = files.filter((f) => f.endsWith('.txt')).length;
    const inWorkspace = vscode.workspace.getWorkspaceFolder(target) !== undefined;
    if (inWorkspace) {
      const first = files.includes(FIRST_ARTICLE) ? FIRST_ARTICLE : files.find((f) => f.endsWith('.txt'));
      if (first) await vscode.window.showTextDocument(vscode.Uri.joinPath(target, first), { preview: false });
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} fictional sample articles, with their tags, to {1}.', articles, vscode.workspace.asRelativePath(target)));
    } else if (!vscode.workspace.workspaceFolders?.length) {
      await vscode.commands.executeCommand('vscode.openFolder', target);
    } else {
      const open = vscode.l10n.t('Open Folder');
      const beside = vscode.l10n.t('Open in New Window');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} fictional sample articles, with their tags, to {1}.', articles, target.fsPath), open, beside);
      if (choice) await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: choice === beside });
    }
    return target;
  }
}

/** PARENT/newsmark-samples, or the first of "newsmark-samples 2", "… 3" that does not exist yet. */
async function freshFolder(parent: vscode.Uri): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(parent, n === 1 ? FOLDER_NAME : `${FOLDER_NAME} ${n}`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return candidate;
      throw error;
    }
  }
}
