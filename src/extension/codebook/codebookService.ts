import * as vscode from 'vscode';
import { codebookPath, EMPTY_CODEBOOK, loadCodebook, type Codebook, type CodebookProblem } from '../../core/codebook/index';
import { Disposable } from '../shared/disposable';
import type { VscodeFileSystem } from '../storage/vscodeFileSystem';

/**
 * The workspace's codebook (`newsmark.codebook.yaml` at the first folder's root), read again
 * whenever the file changes; its problems show in the Problems panel on their lines. Every
 * feature asks this one service, so a change to the file reaches the pickers, hovers and views at once.
 */
export class CodebookService extends Disposable {
  private current: Codebook = EMPTY_CODEBOOK;
  private readonly changed = this.register(new vscode.EventEmitter<Codebook>());
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('newsmark-codebook'));
  private reading: Promise<void> = Promise.resolve();
  readonly path: string | undefined;

  constructor(private readonly files: VscodeFileSystem) {
    super();
    const folder = vscode.workspace.workspaceFolders?.[0];
    const root = folder && files.pathOf(folder.uri);
    this.path = root === undefined ? undefined : codebookPath(root);
    if (this.path === undefined) return;
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder!.uri, 'newsmark.codebook.yaml')));
    const reload = (): void => void this.reload();
    this.registerAll(watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
    void this.reload();
  }

  get codebook(): Codebook {
    return this.current;
  }

  get uri(): vscode.Uri | undefined {
    return this.path === undefined ? undefined : this.files.uriOf(this.path);
  }

  /** Resolves once the file as it is now has been read (for commands that just wrote it, and tests). */
  reload(): Promise<void> {
    this.reading = this.reading.then(async () => {
      if (this.path === undefined) return;
      const { codebook, problems } = await loadCodebook(this.files, this.path);
      this.diagnostics.set(this.files.uriOf(this.path), problems.map(toDiagnostic));
      this.current = codebook;
      this.changed.fire(codebook);
    });
    return this.reading;
  }
}

function toDiagnostic(problem: CodebookProblem): vscode.Diagnostic {
  const position = new vscode.Position(Math.max(0, problem.line - 1), Math.max(0, problem.column - 1));
  const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), problem.message,
    problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'Newsmark codebook';
  return diagnostic;
}
