import * as vscode from 'vscode';
import { articleHash, decodeArticle } from '../core/articleFile';
import { writeFileAtomic } from '../core/atomicWrite';
import { reattach } from '../core/anchor/reattach';
import { countWords } from '../core/review/stats';
import { SidecarFile, type SidecarProblem } from '../core/sidecar';
import type { Tag } from '../core/tag';
import type { TagStore } from '../core/tagStore';
import { articleKey, articleUri, articleUriFor, fileName, openDocument, readArticleText, sidecarUriFor } from './articles';
import { maxFileBytes } from './settings';

/**
 * Keeps sidecars on disk in step with the store: loads them (workspace scan, opened
 * articles, file watcher), writes them when the article on disk matches the tags, and
 * reports sidecars it cannot read — which it then never writes.
 */
export class SidecarStorage implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('newsmark');
  /** The text we last wrote per sidecar, so the watcher can tell our writes from others'. */
  private readonly written = new Map<string, string>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly queues = new Map<string, Promise<void>>();
  readonly ready: Promise<void>;

  constructor(private readonly store: TagStore) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.tags.yaml');
    const articleWatcher = vscode.workspace.createFileSystemWatcher('**/*', false, false, true);
    this.disposables.push(
      this.diagnostics,
      watcher,
      watcher.onDidCreate((uri) => void this.track(this.onSidecarChangedOnDisk(uri))),
      watcher.onDidChange((uri) => void this.track(this.onSidecarChangedOnDisk(uri))),
      watcher.onDidDelete((uri) => this.onSidecarDeleted(uri)),
      vscode.workspace.onDidOpenTextDocument((doc) => void this.track(this.ensureLoaded(doc.uri))),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.track(this.onArticleSaved(doc))),
      store.onDidChange((change) => {
        if (change.kind === 'edited' || change.kind === 'reattached') void this.saveIfClean(change.key);
      }),
      articleWatcher,
      articleWatcher.onDidChange((uri) => this.onArticleChangedOnDisk(uri)),
      articleWatcher.onDidCreate((uri) => this.onArticleChangedOnDisk(uri)),
    );
    this.ready = this.track(this.loadWorkspace());
  }

  /** Resolves when every read and write started so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Loads an article's sidecar if the store does not know the article yet. */
  async ensureLoaded(article: vscode.Uri): Promise<void> {
    if (articleUriFor(article) !== undefined || this.store.get(articleKey(article))) return;
    await this.load(article, sidecarUriFor(article));
  }

  /** Re-reads an article's sidecar from disk, dropping unsaved tag changes (the article was reverted). */
  async reload(article: vscode.Uri): Promise<void> {
    await this.track(this.load(article, sidecarUriFor(article)));
  }

  /** Reads every sidecar in the workspace again (articles with unsaved tag changes keep theirs). */
  async rescan(): Promise<void> {
    await this.track(this.loadWorkspace());
  }

  /** Writes the tags now if the article on disk is what they describe; otherwise at its next save. */
  async saveIfClean(key: string): Promise<void> {
    const document = openDocument(key);
    if (document?.isDirty) return;
    await this.track(this.write(key, document?.getText()));
  }

  private async loadWorkspace(): Promise<void> {
    const sidecars = await vscode.workspace.findFiles('**/*.tags.yaml', '**/node_modules/**');
    await Promise.all(sidecars.map(async (sidecar) => {
      const article = articleUriFor(sidecar);
      if (article && !this.store.isModified(articleKey(article))) await this.load(article, sidecar);
    }));
    await Promise.all(vscode.workspace.textDocuments.map((doc) => this.ensureLoaded(doc.uri)));
  }

  private async load(article: vscode.Uri, sidecar: vscode.Uri): Promise<void> {
    const key = articleKey(article);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(sidecar);
    } catch {
      this.diagnostics.delete(sidecar);
      if (this.store.get(key)) this.store.load(key, {});
      return; // no sidecar yet: nothing tagged
    }
    const decoded = decodeArticle(bytes, fileName(sidecar), maxFileBytes());
    const parsed = decoded.ok ? SidecarFile.parse(decoded.text) : { ok: false as const, problems: [{ message: decoded.reason, line: 1, column: 1 }] };
    if (parsed.ok) {
      this.diagnostics.delete(sidecar);
      const text = await readArticleText(key);
      this.store.load(key, { sidecar: parsed.sidecar, ...(text !== undefined ? { words: countWords(text) } : {}) });
      if (text !== undefined) this.reattachToArticle(key, article, text, parsed.sidecar);
    } else {
      this.report(sidecar, parsed.problems);
      this.store.load(key, { problem: `${fileName(sidecar)}:${parsed.problems[0]?.line ?? 1}:${parsed.problems[0]?.column ?? 1}: ${parsed.problems[0]?.message ?? 'unreadable'}` });
    }
  }

  /**
   * A sidecar whose article changed since it was written (another editor, git, a re-download)
   * has its tags found again; the result is written back like any edit, so the sidecar
   * describes the article on disk again. Nothing is dropped: what cannot be placed is orphaned.
   */
  private reattachToArticle(key: string, article: vscode.Uri, lfText: string, sidecar: SidecarFile): void {
    const result = reattach(lfText, sidecar.sha256, sidecar.tags);
    if (!result.changed) return;
    this.store.reattached(key, result.tags);
    const { fuzzy, orphaned } = result.counts;
    if (fuzzy + orphaned > 0) {
      void vscode.window.showWarningMessage(
        `${fileName(article)} changed since its tags were saved: ${describeDoubt(fuzzy, orphaned)}. They are listed in the Newsmark Tags view.`,
      );
    }
  }

  private report(sidecar: vscode.Uri, problems: readonly SidecarProblem[]): void {
    this.diagnostics.set(sidecar, problems.map((p) => {
      const position = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), p.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Newsmark';
      return diagnostic;
    }));
    const first = problems[0];
    void vscode.window.showErrorMessage(
      `Newsmark cannot read ${vscode.workspace.asRelativePath(sidecar)} (line ${first?.line ?? 1}, column ${first?.column ?? 1}): ${first?.message ?? ''}. Its tags are read-only and the file will not be changed until it is fixed.`,
    );
  }

  private async onSidecarChangedOnDisk(sidecar: vscode.Uri): Promise<void> {
    const article = articleUriFor(sidecar);
    if (!article) return;
    const key = articleKey(article);
    const text = await vscode.workspace.fs.readFile(sidecar).then((b) => new TextDecoder().decode(b), () => undefined);
    if (text !== undefined && text === this.written.get(sidecar.toString())) return; // our own write
    if (this.store.isModified(key)) {
      // Unsaved tag changes stay; they are written with the article. Merging lands with the concurrency work.
      void vscode.window.showWarningMessage(`${fileName(sidecar)} changed on disk while you have unsaved tag changes for ${fileName(article)}; saving the article will write yours.`);
      return;
    }
    await this.load(article, sidecar);
  }

  /** An article changed on disk while closed (an open one is reloaded by VS Code and followed by the edit tracker). */
  private onArticleChangedOnDisk(article: vscode.Uri): void {
    const key = articleKey(article);
    if (!this.store.get(key) || openDocument(key) || articleUriFor(article)) return;
    void this.reload(article);
  }

  private onSidecarDeleted(sidecar: vscode.Uri): void {
    const article = articleUriFor(sidecar);
    if (!article) return;
    const key = articleKey(article);
    this.written.delete(sidecar.toString());
    this.diagnostics.delete(sidecar);
    if (!this.store.isModified(key)) this.store.delete(key);
  }

  private async onArticleSaved(document: vscode.TextDocument): Promise<void> {
    const key = articleKey(document.uri);
    if (this.store.isModified(key)) await this.write(key, document.getText());
  }

  /** Writes one sidecar at a time per article, so a slow write never lands after a newer one. */
  private write(key: string, articleText: string | undefined): Promise<void> {
    const next = (this.queues.get(key) ?? Promise.resolve()).then(() => this.writeNow(key, articleText));
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private async writeNow(key: string, articleText: string | undefined): Promise<void> {
    const entry = this.store.get(key);
    if (!entry || entry.problem !== undefined) return; // never overwrite a sidecar we could not read
    const article = articleUri(key);
    const sidecarUri = sidecarUriFor(article);
    const text = articleText ?? (await readArticleText(key));
    if (text === undefined) return;
    const { tags, rejected } = entry;
    if (!this.store.isModified(key) && entry.sidecar) return;
    const sidecar = entry.sidecar ?? SidecarFile.create(fileName(article), '');
    const yaml = sidecar.serialize(tags.map(orphanIfCollapsed), articleHash(text), fileName(article), rejected);
    this.written.set(sidecarUri.toString(), yaml);
    if (sidecarUri.scheme === 'file') await writeFileAtomic(sidecarUri.fsPath, yaml);
    else await vscode.workspace.fs.writeFile(sidecarUri, new TextEncoder().encode(yaml));
    const reread = SidecarFile.parse(yaml);
    if (reread.ok) this.store.markSaved(key, reread.sidecar, tags, rejected);
  }

  /** Counts work in idle() and reports its failure. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`Newsmark: ${error instanceof Error ? error.message : String(error)}`);
    });
    return work;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A tag whose whole text was deleted is saved as orphaned, with its last known text. */
function orphanIfCollapsed(tag: Tag): Tag {
  return tag.start === tag.end && tag.status !== 'orphaned' ? { ...tag, status: 'orphaned' } : tag;
}

function describeDoubt(fuzzy: number, orphaned: number): string {
  const parts: string[] = [];
  if (fuzzy > 0) parts.push(`${fuzzy} ${fuzzy === 1 ? 'tag was' : 'tags were'} placed on changed text (needs review)`);
  if (orphaned > 0) parts.push(`${orphaned} could not be found (orphaned)`);
  return parts.join(', ');
}
