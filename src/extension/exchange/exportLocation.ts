import * as vscode from 'vscode';
import type { Exporter } from '../../core/export/types';
import { EXPORTS_FOLDER as EXPORTS } from '../shared/exportsFolder';

const LAST_FOLDER = 'newsmark.lastExportFolder';

/**
 * Where Export Tags… offers to write: the folder used last in this workspace, or else a new
 * `exports/` folder beside the articles — never the articles' own folder, where a brat export's
 * `.txt` copies or a stray `tags.csv` would sit among the corpus. A format of several files is
 * offered a folder of its own in there (`exports/brat`).
 */
export class ExportLocation {
  constructor(private readonly state: vscode.Memento) {}

  /** Asks for the file (single-file formats) or folder to write; undefined when the user cancels. */
  async ask(exporter: Exporter, articles: readonly vscode.Uri[]): Promise<vscode.Uri | undefined> {
    const base = (await this.remembered()) ?? defaultFolder(articles);
    if (!base) return this.dialog(exporter, undefined);
    // The dialogs start in a folder only if it exists: it is made now, and removed again if the
    // user cancels or goes elsewhere and it is still empty.
    const offered = exporter.singleFile ? base : vscode.Uri.joinPath(base, exporter.id);
    const made = await makeFolders(offered);
    const target = await this.dialog(exporter, offered);
    for (const folder of made.reverse()) if (!target || !isWithin(target, folder)) await removeIfEmpty(folder);
    return target;
  }

  /** The folder of a written export, offered next time. */
  async remember(target: vscode.Uri, exporter: Exporter, oneFile: boolean): Promise<void> {
    // A format of several files written into a folder named after it (as offered): its parent.
    const folder = oneFile ? parentOf(target) : basename(target) === exporter.id ? parentOf(target) : target;
    await this.state.update(LAST_FOLDER, folder.toString());
  }

  private dialog(exporter: Exporter, folder: vscode.Uri | undefined): Thenable<vscode.Uri | undefined> {
    if (exporter.singleFile) {
      const name = exporter.defaultFileName ?? 'export';
      return vscode.window.showSaveDialog({ title: vscode.l10n.t('Export {0}', exporter.label), ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}) });
    }
    return vscode.window
      .showOpenDialog({ title: vscode.l10n.t('Export {0} into folder', exporter.label), canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Export Here'), ...(folder ? { defaultUri: folder } : {}) })
      .then((chosen) => chosen?.[0]);
  }

  /** The last folder used, while it is still there. */
  private async remembered(): Promise<vscode.Uri | undefined> {
    const saved = this.state.get<string>(LAST_FOLDER);
    if (!saved) return undefined;
    const uri = vscode.Uri.parse(saved);
    return (await isFolder(uri)) ? uri : undefined;
  }
}

/** `exports/` in the workspace folder holding the first article; without one, beside the article's folder. */
function defaultFolder(articles: readonly vscode.Uri[]): vscode.Uri | undefined {
  const first = articles[0];
  if (!first) return undefined;
  const root = vscode.workspace.getWorkspaceFolder(first)?.uri ?? parentOf(parentOf(first));
  return vscode.Uri.joinPath(root, EXPORTS);
}

/** Creates the folder and any missing parents; returns those it made, outermost first. */
async function makeFolders(folder: vscode.Uri): Promise<vscode.Uri[]> {
  const missing: vscode.Uri[] = [];
  for (let at = folder; !(await isFolder(at)); at = parentOf(at)) {
    missing.unshift(at);
    if (parentOf(at).path === at.path) break;
  }
  try {
    if (missing.length > 0) await vscode.workspace.fs.createDirectory(folder);
    return missing;
  } catch {
    return []; // a read-only place: the dialog opens wherever it can
  }
}

async function removeIfEmpty(folder: vscode.Uri): Promise<void> {
  try {
    if ((await vscode.workspace.fs.readDirectory(folder)).length === 0) await vscode.workspace.fs.delete(folder, { recursive: false, useTrash: false });
  } catch {
    // gone already, or not ours to remove
  }
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

function isWithin(uri: vscode.Uri, folder: vscode.Uri): boolean {
  return uri.scheme === folder.scheme && uri.authority === folder.authority && (uri.path === folder.path || uri.path.startsWith(`${folder.path.replace(/\/$/, '')}/`));
}

function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

function basename(uri: vscode.Uri): string {
  return uri.path.replace(/\/$/, '').split('/').pop() ?? '';
}
