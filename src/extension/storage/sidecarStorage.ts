import * as vscode from 'vscode';
import type { SidecarProblem } from '../../core/sidecar';
import type { LineProblem, StorageReport } from '../../core/storage/reports';
import { WORKSPACE_CACHE_NAME } from '../../core/cache/workspaceCache';
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
    await this.repository.openCache(storage, joinPath(storageUri.path, WORKSPACE_CACHE_NAME), version);
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
          vscode.l10n.t('Newsmark cannot read {0} (line {1}, column {2}): {3}. Its tags are read-only and the file will not be changed until it is fixed.', vscode.workspace.asRelativePath(sidecar), first?.line ?? 1, first?.column ?? 1, first?.message ?? ''),
        );
        return;
      }
      case 'lineProblems': {
        const sidecar = this.files.uriOf(report.sidecar);
        this.setDiagnostics(sidecar, report.problems);
        const unread = report.unreadEntries;
        if (unread.length > 0 && report.notify) {
          const path = vscode.workspace.asRelativePath(sidecar);
          void vscode.window.showWarningMessage(unread.length === 1
            ? vscode.l10n.t('{0}: 1 tag entry could not be read (first on line {1}); the other {2} tags are loaded. See the Problems view.', path, unread[0]!.line, report.loadedTags)
            : vscode.l10n.t('{0}: {1} tag entries could not be read (first on line {2}); the other {3} tags are loaded. See the Problems view.', path, unread.length, unread[0]!.line, report.loadedTags));
        }
        return;
      }
      case 'clear':
        this.diagnostics.delete(this.files.uriOf(report.sidecar));
        return;
      case 'mergedFromDisk': {
        const name = fileName(this.files.uriOf(report.sidecar));
        const { conflicts } = report;
        void vscode.window.showWarningMessage(conflicts === 1
          ? vscode.l10n.t('{0} changed on disk while you had unsaved tag changes: merged, but 1 tag was changed on both sides. Choose Keep Mine or Keep Theirs under Conflicts in the Newsmark Tags view.', name)
          : conflicts > 0
            ? vscode.l10n.t('{0} changed on disk while you had unsaved tag changes: merged, but {1} tags were changed on both sides. Choose Keep Mine or Keep Theirs under Conflicts in the Newsmark Tags view.', name, conflicts)
            : vscode.l10n.t('{0} changed on disk while you had unsaved tag changes: both sets of changes were merged.', name));
        return;
      }
      case 'reattachedWithDoubt':
        void vscode.window.showWarningMessage(
          vscode.l10n.t('{0} changed since its tags were saved: {1}. They are listed in the Newsmark Tags view.', fileName(this.files.uriOf(report.article)), describeDoubt(report.fuzzy, report.orphaned)),
        );
        return;
      case 'failed':
        reportUnexpected(vscode.l10n.t('reading or writing a sidecar'), report.error);
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
  if (fuzzy > 0) parts.push(fuzzy === 1 ? vscode.l10n.t('1 tag was placed on changed text (needs review)') : vscode.l10n.t('{0} tags were placed on changed text (needs review)', fuzzy));
  if (orphaned > 0) parts.push(vscode.l10n.t('{0} could not be found (orphaned)', orphaned));
  return parts.join(', ');
}
