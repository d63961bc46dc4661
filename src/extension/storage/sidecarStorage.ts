import * as vscode from 'vscode';
import { decodeArticle } from '../../core/articleFile';
import { writeFileAtomic } from '../../core/atomicWrite';
import { reattach } from '../../core/anchor/reattach';
import { countWords } from '../../core/review/stats';
import { SidecarFile, type SidecarParse, type SidecarProblem } from '../../core/sidecar';
import { mergeFromDisk, sidecarWrite } from '../../core/sidecarSync';
import { lfCodePointLength, toLf } from '../../core/textIndex';
import type { TagStore } from '../../core/tagStore';
import { articleKey, articleUri, articleUriFor, exists, fileName, openDocument, readArticleText, sidecarUriFor } from '../shared/articles';
import { maxFileBytes } from '../shared/settings';

/**
 * Keeps sidecars on disk in step with the store: loads them (workspace scan, opened
 * articles, file watcher), writes them when the article on disk matches the tags, and
 * reports sidecars it cannot read — which it then never writes.
 */
export class SidecarStorage implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('newsmark');
  /**
   * The text we last read or wrote per sidecar: the watcher tells our own writes from others' by
   * it, and a write first checks the file still holds it, so a stale copy never lands on disk.
   */
  private readonly onDisk = new Map<string, string>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly queues = new Map<string, Promise<void>>();
  readonly ready: Promise<void>;

  constructor(private readonly store: TagStore) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.tags.yaml');
    const articleWatcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      this.diagnostics,
      watcher,
      watcher.onDidCreate((uri) => void this.track(this.onSidecarChangedOnDisk(uri))),
      watcher.onDidChange((uri) => void this.track(this.onSidecarChangedOnDisk(uri))),
      watcher.onDidDelete((uri) => this.onSidecarDeleted(uri)),
      vscode.workspace.onDidOpenTextDocument((doc) => void this.track(this.ensureLoaded(doc.uri))),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.track(this.onArticleSaved(doc))),
      store.onDidChange((change) => {
        if (change.kind === 'edited' || change.kind === 'reattached' || change.kind === 'merged') void this.saveIfClean(change.key);
      }),
      articleWatcher,
      articleWatcher.onDidChange((uri) => this.onArticleChangedOnDisk(uri)),
      articleWatcher.onDidCreate((uri) => {
        this.store.setMissing(articleKey(uri), false);
        this.onArticleChangedOnDisk(uri);
      }),
      articleWatcher.onDidDelete((uri) => void this.track(this.onArticleDeleted(uri))),
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
    const key = articleKey(article);
    // A rename closes the old document: its tags are moving, not being reverted.
    if ([...this.renaming].some((old) => key === old || key.startsWith(`${old}/`))) return;
    await this.track(this.load(article, sidecarUriFor(article), false));
  }

  /** Articles (or folders) being renamed: no reload drops their tags until the store has moved them. */
  readonly renaming = new Set<string>();

  /** Reads every sidecar in the workspace again (articles with unsaved tag changes keep theirs). */
  async rescan(): Promise<void> {
    await this.track(this.loadWorkspace());
  }

  /** Writes the tags now if the article on disk is what they describe; otherwise at its next save. */
  async saveIfClean(key: string): Promise<void> {
    const document = openDocument(key);
    if (document?.isDirty) return;
    await this.track(this.write(key, document?.getText())).catch(() => undefined); // track reported it
  }

  private async loadWorkspace(): Promise<void> {
    const sidecars = await vscode.workspace.findFiles('**/*.tags.yaml', '**/node_modules/**');
    await Promise.all(sidecars.map(async (sidecar) => {
      const article = articleUriFor(sidecar);
      if (article && !this.store.isModified(articleKey(article))) await this.load(article, sidecar);
    }));
    await Promise.all(vscode.workspace.textDocuments.map((doc) => this.ensureLoaded(doc.uri)));
  }

  /** Reads go in the article's queue too: a read never lands between our write's start and its rename. */
  private load(article: vscode.Uri, sidecar: vscode.Uri, keepUnsaved = true): Promise<void> {
    return this.queued(articleKey(article), () => this.loadNow(article, sidecar, keepUnsaved));
  }

  /** keepUnsaved: tag changes made while the file was being read are merged with it, not replaced (all but a revert). */
  private async loadNow(article: vscode.Uri, sidecar: vscode.Uri, keepUnsaved = true): Promise<void> {
    const key = articleKey(article);
    const read = await this.readSidecar(sidecar);
    if (read === undefined) {
      this.diagnostics.delete(sidecar);
      // No sidecar yet: nothing tagged — unless tags were made while we looked (they get written).
      if (this.store.get(key) && !(keepUnsaved && this.store.isModified(key))) this.store.load(key, {});
      return;
    }
    if (!read.parsed.ok) {
      this.refuse(key, sidecar, read.parsed.problems);
      return;
    }
    const text = await readArticleText(key);
    if (keepUnsaved && this.store.isModified(key)) {
      mergeFromDisk(this.store, key, read.parsed.sidecar, text);
      this.reportEntries(sidecar, read.parsed.sidecar, text);
      return;
    }
    const missing = text === undefined && !(await exists(article));
    this.store.load(key, { sidecar: read.parsed.sidecar, missing, ...(text !== undefined ? { words: countWords(text) } : {}) });
    this.reportEntries(sidecar, read.parsed.sidecar, text);
    if (text !== undefined) this.reattachToArticle(key, article, text, read.parsed.sidecar);
  }

  /**
   * Reads and parses a sidecar, remembering what is on disk; undefined when there is none. A file
   * that is there but cannot be read (permissions, a lock) is a problem, never "no sidecar":
   * otherwise the next write would replace it.
   */
  private async readSidecar(sidecar: vscode.Uri, already?: Uint8Array | 'missing' | Error): Promise<{ text: string; parsed: SidecarParse } | undefined> {
    const read = already ?? (await readBytes(sidecar));
    if (read === 'missing') {
      this.onDisk.delete(sidecar.toString());
      return undefined;
    }
    if (read instanceof Error) {
      this.onDisk.set(sidecar.toString(), `\u0000unreadable:${read.message}`);
      return { text: '', parsed: { ok: false, problems: [{ message: `The file cannot be read: ${read.message}`, line: 1, column: 1 }] } };
    }
    const bytes = read;
    const decoded = decodeArticle(bytes, fileName(sidecar), maxFileBytes());
    const text = decoded.ok ? decoded.text : new TextDecoder().decode(bytes.subarray(0, 1024));
    this.onDisk.set(sidecar.toString(), decoded.ok ? decoded.text : `\u0000unreadable:${bytes.length}:${text}`);
    return { text, parsed: decoded.ok ? SidecarFile.parse(decoded.text) : { ok: false, problems: [{ message: decoded.reason, line: 1, column: 1 }] } };
  }

  /** A sidecar that cannot be read: reported, its tags read-only (unsaved ones kept in memory), the file never written. */
  private refuse(key: string, sidecar: vscode.Uri, problems: readonly SidecarProblem[]): void {
    this.report(sidecar, problems, true);
    const first = problems[0];
    this.store.load(key, { problem: `${fileName(sidecar)}:${first?.line ?? 1}:${first?.column ?? 1}: ${first?.message ?? 'unreadable'}` });
  }

  /**
   * A sidecar whose article changed since it was written (another editor, git, a re-download)
   * has its tags found again; the result is written back like any edit, so the sidecar
   * describes the article on disk again. Nothing is dropped: what cannot be placed is orphaned.
   */
  private reattachToArticle(key: string, article: vscode.Uri, lfText: string, sidecar: SidecarFile): void {
    const result = reattach(lfText, sidecar.sha256, sidecar.tags);
    if (!result.changed) return;
    this.store.applyReattach(key, result.tags);
    const { fuzzy, orphaned } = result.counts;
    if (fuzzy + orphaned > 0) {
      void vscode.window.showWarningMessage(
        `${fileName(article)} changed since its tags were saved: ${describeDoubt(fuzzy, orphaned)}. They are listed in the Newsmark Tags view.`,
      );
    }
  }

  /**
   * Tag entries that could not be read (left out, kept in the file) and tags whose offsets lie
   * past the article's end (found again by their text) get a diagnostic on their line.
   */
  private reportEntries(sidecar: vscode.Uri, file: SidecarFile, articleLf: string | undefined, notify = true): void {
    const length = articleLf === undefined ? Infinity : lfCodePointLength(articleLf);
    const beyond = file.tags.filter((t) => t.end > length).map((t) => ({
      ...file.positionOf(t.id),
      message: `Tag ${t.id}: its offsets (${t.start}–${t.end}) lie past the end of the article (${length} characters); Newsmark looks for it by its text instead.`,
      severity: vscode.DiagnosticSeverity.Warning,
    }));
    const unread = file.invalidTags.map((p) => ({ ...p, message: `${p.message} This entry is left out and kept in the file as written until it is fixed.` }));
    const details = file.detailProblems.map((p) => ({ ...p, severity: vscode.DiagnosticSeverity.Warning }));
    if (unread.length + beyond.length + details.length === 0) {
      this.diagnostics.delete(sidecar);
      return;
    }
    this.report(sidecar, [...details, ...unread, ...beyond], false);
    if (unread.length > 0 && notify) {
      void vscode.window.showWarningMessage(
        `${vscode.workspace.asRelativePath(sidecar)}: ${unread.length === 1 ? '1 tag entry' : `${unread.length} tag entries`} could not be read (first on line ${unread[0]!.line}); the other ${file.tags.length} tags are loaded. See the Problems view.`,
      );
    }
  }

  private report(sidecar: vscode.Uri, problems: readonly (SidecarProblem & { severity?: vscode.DiagnosticSeverity })[], unreadable: boolean): void {
    this.diagnostics.set(sidecar, problems.map((p) => {
      const position = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), p.message, p.severity ?? vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Newsmark';
      return diagnostic;
    }));
    if (!unreadable) return;
    const first = problems[0];
    void vscode.window.showErrorMessage(
      `Newsmark cannot read ${vscode.workspace.asRelativePath(sidecar)} (line ${first?.line ?? 1}, column ${first?.column ?? 1}): ${first?.message ?? ''}. Its tags are read-only and the file will not be changed until it is fixed.`,
    );
  }

  private async onSidecarChangedOnDisk(sidecar: vscode.Uri): Promise<void> {
    const article = articleUriFor(sidecar);
    if (!article) return;
    const key = articleKey(article);
    await this.queued(key, async () => {
      const text = await settledText(sidecar);
      if (text !== undefined && text === this.onDisk.get(sidecar.toString())) return; // our own write, or already read
      if (this.store.isModified(key)) await this.mergeIfChanged(key, article, sidecar);
      else await this.loadNow(article, sidecar);
    });
  }

  /**
   * Before we write, and when the watcher says so: if the file no longer holds what we last
   * read or wrote, merge it into our unsaved tags. False when the file cannot be read (then it
   * is reported and left alone).
   */
  private async mergeIfChanged(key: string, article: vscode.Uri, sidecar: vscode.Uri): Promise<boolean> {
    const bytes = await readBytes(sidecar);
    if (bytes === 'missing') return true; // deleted: ours are written anew
    if (this.holdsKnown(sidecar, bytes)) return true; // unchanged
    const read = await this.readSidecar(sidecar, bytes);
    if (!read) return true;
    if (!read.parsed.ok) {
      this.refuse(key, sidecar, read.parsed.problems);
      return false;
    }
    const articleLf = await readArticleText(key);
    mergeFromDisk(this.store, key, read.parsed.sidecar, articleLf);
    this.reportEntries(sidecar, read.parsed.sidecar, articleLf);
    const conflicts = this.store.get(key)?.conflicts.length ?? 0;
    void vscode.window.showWarningMessage(conflicts > 0
      ? `${fileName(sidecar)} changed on disk while you had unsaved tag changes: merged, but ${conflicts === 1 ? '1 tag was' : `${conflicts} tags were`} changed on both sides. Choose Keep Mine or Keep Theirs under Conflicts in the Newsmark Tags view.`
      : `${fileName(sidecar)} changed on disk while you had unsaved tag changes: both sets of changes were merged.`);
    return true;
  }

  /** Whether these bytes are the text we last read or wrote for the sidecar ('missing' when we knew of none). */
  private holdsKnown(sidecar: vscode.Uri, bytes: Uint8Array | 'missing' | Error): boolean {
    const known = this.onDisk.get(sidecar.toString());
    if (bytes === 'missing') return known === undefined;
    return !(bytes instanceof Error) && new TextDecoder().decode(bytes) === known;
  }

  private async onArticleDeleted(uri: vscode.Uri): Promise<void> {
    // A deleted folder arrives as one event: every article under it is missing now.
    const prefix = `${articleKey(uri)}/`;
    for (const key of this.store.keys().filter((k) => k === articleKey(uri) || k.startsWith(prefix))) {
      if (!(await exists(articleUri(key)))) this.store.setMissing(key, true);
    }
  }

  /** An article changed on disk while closed (an open one is reloaded by VS Code and followed by the edit tracker). */
  private onArticleChangedOnDisk(article: vscode.Uri): void {
    const key = articleKey(article);
    if (!this.store.get(key) || openDocument(key) || articleUriFor(article)) return;
    // Not a reload: by the time it runs the article may be open with tag changes, which are kept.
    void this.track(this.load(article, sidecarUriFor(article)));
  }

  private onSidecarDeleted(sidecar: vscode.Uri): void {
    const article = articleUriFor(sidecar);
    if (!article) return;
    const key = articleKey(article);
    this.onDisk.delete(sidecar.toString());
    this.diagnostics.delete(sidecar);
    if (!this.store.isModified(key)) this.store.delete(key);
  }

  private async onArticleSaved(document: vscode.TextDocument): Promise<void> {
    const key = articleKey(document.uri);
    if (this.store.isModified(key)) await this.write(key, document.getText());
  }

  /** Writes one sidecar at a time per article, so a slow write never lands after a newer one. */
  private write(key: string, articleText: string | undefined): Promise<void> {
    return this.queued(key, () => this.writeNow(key, articleText));
  }

  /** Runs reads-then-writes of one article's sidecar one after another. */
  private queued<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(key) ?? Promise.resolve()).then(work);
    const settled = next.then(() => undefined, () => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private async writeNow(key: string, articleText: string | undefined): Promise<void> {
    const entry = this.store.get(key);
    if (!entry || entry.problem !== undefined) return; // never overwrite a sidecar we could not read
    if (!this.store.isModified(key) && entry.sidecar) return;
    const article = articleUri(key);
    const sidecarUri = sidecarUriFor(article);
    const text = articleText === undefined ? await readArticleText(key) : toLf(articleText);
    if (text === undefined) return; // the article is missing or unreadable: its sidecar stays as it is
    // A colleague's write can land between our check and our rename: then merge it and try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!(await this.mergeIfChanged(key, article, sidecarUri))) return;
      const write = sidecarWrite(this.store, key, fileName(article), text);
      if (!write) return;
      if ('problems' in write) {
        this.refuse(key, sidecarUri, write.problems);
        return;
      }
      const stillCurrent = async (): Promise<boolean> => this.holdsKnown(sidecarUri, await readBytes(sidecarUri));
      // No sidecar when we looked: a file that appears meanwhile is merged next round, never replaced.
      const create = !this.onDisk.has(sidecarUri.toString());
      if (sidecarUri.scheme === 'file') {
        if (!(await writeFileAtomic(sidecarUri.fsPath, write.text, { stillCurrent, create }))) continue;
      } else await vscode.workspace.fs.writeFile(sidecarUri, new TextEncoder().encode(write.text));
      this.onDisk.set(sidecarUri.toString(), write.text);
      this.store.markSaved(key, write.sidecar, write.tags, write.rejected, write.details);
      this.reportEntries(sidecarUri, write.sidecar, text, false);
      return;
    }
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

/** A file's bytes; 'missing' only when it is not there, an Error when it is there but unreadable. */
async function readBytes(uri: vscode.Uri): Promise<Uint8Array | 'missing' | Error> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return 'missing';
    return (await exists(uri)) ? (error instanceof Error ? error : new Error(String(error))) : 'missing';
  }
}

/**
 * The file's text once it stops changing: other programs (git, sync tools, editors) often write
 * in place, and a watcher event can arrive before they finish.
 */
async function settledText(uri: vscode.Uri): Promise<string | undefined> {
  const read = async (): Promise<string | undefined> => {
    const bytes = await readBytes(uri);
    return bytes === 'missing' || bytes instanceof Error ? undefined : new TextDecoder().decode(bytes);
  };
  let text = await read();
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 40));
    const again = await read();
    if (again === text) return text;
    text = again;
  }
  return text;
}

function describeDoubt(fuzzy: number, orphaned: number): string {
  const parts: string[] = [];
  if (fuzzy > 0) parts.push(`${fuzzy} ${fuzzy === 1 ? 'tag was' : 'tags were'} placed on changed text (needs review)`);
  if (orphaned > 0) parts.push(`${orphaned} could not be found (orphaned)`);
  return parts.join(', ');
}
