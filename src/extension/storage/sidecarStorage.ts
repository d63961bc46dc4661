import * as vscode from 'vscode';
import type { SidecarProblem } from '../../core/sidecar';
import type { LineProblem, StorageReport } from '../../core/storage/reports';
import { WORKSPACE_CACHE_NAME, WorkspaceCache } from '../../core/cache/workspaceCache';
import { joinPath } from '../../core/fs/paths';
import { SidecarRepository } from '../../core/storage/sidecarRepository';
import type { TagStore } from '../../core/tagStore';
import { articleKey, articleUri, fileName, openDocument } from '../shared/articles';
import { reportUnexpected } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import { maxFileBytes } from '../shared/settings';
import { VscodeFileSystem } from './vscodeFileSystem';

/**
 * The editor's side of the sidecar repository: VS Code's file events and documents go in, the
 * repository's reports come out as diagnostics and notifications. All sidecar reading, writing,
 * moving and deleting is the repository's (src/core/storage).
 */
export class SidecarStorage extends Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('newsmark');
  /** The workspace's file system: its first folder's scheme and authority (a corpus lives on one). */
  readonly files: VscodeFileSystem;
  readonly repository: SidecarRepository;
  /** Resolves when every sidecar has been read (the first scan). */
  readonly ready: Promise<void>;
  /** Resolves when every article is listed in the Tags view, from the cache or from its sidecar (the first scan). */
  readonly listed: Promise<void>;
  private readonly cacheOpened: Promise<void>;

  /** `storageUri`: the extension's storage for this workspace, where the Tags view's cache lives (none: no cache). */
  constructor(store: TagStore, storageUri?: vscode.Uri, version = '') {
    super();
    const files = new VscodeFileSystem(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'));
    this.files = files;
    this.repository = new SidecarRepository({
      fs: files,
      store,
      paths: { pathOf: (key) => files.pathOf(articleUri(key)), keyOf: (path) => articleKey(files.uriOf(path)) },
      openArticle: (key) => {
        const document = openDocument(key);
        return document && { text: document.getText(), dirty: document.isDirty };
      },
      maxBytes: maxFileBytes,
    });
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const forward = (kind: 'created' | 'changed' | 'deleted') => (uri: vscode.Uri): void => {
      const path = files.pathOf(uri);
      if (path !== undefined) this.repository.fileChanged({ kind, path });
    };
    this.registerAll(
      this.diagnostics,
      this.repository,
      this.repository.onDidReport((report) => this.show(report)),
      watcher,
      watcher.onDidCreate(forward('created')),
      watcher.onDidChange(forward('changed')),
      watcher.onDidDelete(forward('deleted')),
      vscode.workspace.onDidOpenTextDocument((doc) => void this.ensureLoaded(doc.uri)),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.repository.articleSaved(articleKey(doc.uri), doc.getText())),
    );
    this.cacheOpened = storageUri ? this.openCache(storageUri, version) : Promise.resolve();
    let listed = (): void => undefined;
    this.listed = new Promise((resolve) => (listed = resolve));
    this.ready = this.rescan(listed);
    void this.ready.then(listed, listed); // a failed scan lists what it could (the failure is reported by track)
  }

  /** Through the port, so the cache works wherever storageUri is (a `vscode-userdata:` folder on the web). */
  private async openCache(storageUri: vscode.Uri, version: string): Promise<void> {
    const storage = new VscodeFileSystem(storageUri);
    this.repository.useCache(await WorkspaceCache.open(storage, joinPath(storageUri.path, WORKSPACE_CACHE_NAME), version));
  }

  /** Resolves when every read and write started so far has finished. */
  idle(): Promise<void> {
    return this.repository.idle();
  }

  /** Loads an article's sidecar if the store does not know the article yet. */
  ensureLoaded(article: vscode.Uri): Promise<void> {
    return this.repository.ensureLoaded(articleKey(article));
  }

  /** Re-reads an article's sidecar from disk, dropping unsaved tag changes (the article was reverted). */
  reload(article: vscode.Uri): Promise<void> {
    return this.repository.reload(articleKey(article));
  }

  /** Reads every sidecar in the workspace again (articles with unsaved tag changes keep theirs). */
  rescan(listed?: () => void): Promise<void> {
    return this.track((async () => {
      await this.cacheOpened;
      const roots = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => this.files.pathOf(folder.uri) ?? []);
      await this.repository.loadAll(roots, listed);
      await Promise.all(vscode.workspace.textDocuments.map((doc) => this.ensureLoaded(doc.uri)));
    })());
  }

  /** Writes the tags now if the article on disk is what they describe; otherwise at its next save. */
  saveIfClean(key: string): Promise<void> {
    return this.repository.saveIfClean(key);
  }

  /** Counts work in idle() and reports its failure. */
  track<T>(work: Promise<T>): Promise<T> {
    return this.repository.track(work);
  }

  private show(report: StorageReport): void {
    switch (report.kind) {
      case 'unreadable': {
        const sidecar = this.files.uriOf(report.sidecar);
        this.setDiagnostics(sidecar, report.problems.map((p) => ({ ...p, severity: 'error' as const })));
        const first = report.problems[0];
        void vscode.window.showErrorMessage(
          `Newsmark cannot read ${vscode.workspace.asRelativePath(sidecar)} (line ${first?.line ?? 1}, column ${first?.column ?? 1}): ${first?.message ?? ''}. Its tags are read-only and the file will not be changed until it is fixed.`,
        );
        return;
      }
      case 'lineProblems': {
        const sidecar = this.files.uriOf(report.sidecar);
        this.setDiagnostics(sidecar, report.problems);
        const unread = report.unreadEntries;
        if (unread.length > 0 && report.notify) {
          void vscode.window.showWarningMessage(
            `${vscode.workspace.asRelativePath(sidecar)}: ${unread.length === 1 ? '1 tag entry' : `${unread.length} tag entries`} could not be read (first on line ${unread[0]!.line}); the other ${report.loadedTags} tags are loaded. See the Problems view.`,
          );
        }
        return;
      }
      case 'clear':
        this.diagnostics.delete(this.files.uriOf(report.sidecar));
        return;
      case 'mergedFromDisk': {
        const name = fileName(this.files.uriOf(report.sidecar));
        const { conflicts } = report;
        void vscode.window.showWarningMessage(conflicts > 0
          ? `${name} changed on disk while you had unsaved tag changes: merged, but ${conflicts === 1 ? '1 tag was' : `${conflicts} tags were`} changed on both sides. Choose Keep Mine or Keep Theirs under Conflicts in the Newsmark Tags view.`
          : `${name} changed on disk while you had unsaved tag changes: both sets of changes were merged.`);
        return;
      }
      case 'reattachedWithDoubt':
        void vscode.window.showWarningMessage(
          `${fileName(this.files.uriOf(report.article))} changed since its tags were saved: ${describeDoubt(report.fuzzy, report.orphaned)}. They are listed in the Newsmark Tags view.`,
        );
        return;
      case 'failed':
        reportUnexpected('reading or writing a sidecar', report.error);
        return;
    }
  }

  private setDiagnostics(sidecar: vscode.Uri, problems: readonly (SidecarProblem & Partial<Pick<LineProblem, 'severity'>>)[]): void {
    this.diagnostics.set(sidecar, problems.map((p) => {
      const position = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
      const severity = p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), p.message, severity);
      diagnostic.source = 'Newsmark';
      return diagnostic;
    }));
  }
}

function describeDoubt(fuzzy: number, orphaned: number): string {
  const parts: string[] = [];
  if (fuzzy > 0) parts.push(`${fuzzy} ${fuzzy === 1 ? 'tag was' : 'tags were'} placed on changed text (needs review)`);
  if (orphaned > 0) parts.push(`${orphaned} could not be found (orphaned)`);
  return parts.join(', ');
}
