import * as vscode from 'vscode';
import type { TextChange } from '../../core/edits';
import { settleEditedTags } from '../../core/anchor/settle';
import { toLf } from '../../core/textIndex';
import type { TagStore } from '../../core/tagStore';
import { articleKey, exists, isTaggable } from '../shared/articles';
import { DocumentOffsets } from '../shared/positions';
import type { SidecarStorage } from '../storage/sidecarStorage';
import { Disposable } from '../shared/disposable';

/** How long typing must pause before tags are re-checked and the dirty state is trusted. */
const SETTLE_MS = 250;

/**
 * Keeps tags on their text while the article is edited: every content change (typing,
 * paste, undo, multi-cursor, revert) shifts the article's tags in the store. When the
 * document becomes clean again, the sidecar must match the disk: after undo/redo the
 * current tags are written; after a revert or reload from disk, the sidecar is re-read.
 */
export class ArticleEditTracker extends Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastReason = new Map<string, vscode.TextDocumentChangeReason | undefined>();
  /** Articles saved since their last edit: clean because saved, not because reverted. */
  private readonly savedSinceEdit = new Set<string>();
  private readonly flushed = new vscode.EventEmitter<void>();

  constructor(
    private readonly store: TagStore,
    private readonly storage: SidecarStorage,
  ) {
    super();
    [
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.savedSinceEdit.add(articleKey(doc.uri))),
      vscode.workspace.onDidOpenTextDocument((doc) => this.index(doc)),
    ].forEach((d) => this.register(d));
    for (const doc of vscode.workspace.textDocuments) this.index(doc);
  }

  /** Shifting a change needs the text before it, so taggable documents are indexed ahead of each change. */
  private index(document: vscode.TextDocument): void {
    if (isTaggable(document)) DocumentOffsets.of(document);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    const key = articleKey(document.uri);
    if (event.contentChanges.length === 0 || !isTaggable(document)) return;
    if (!this.store.get(key)) {
      this.index(document);
      return;
    }
    const before = DocumentOffsets.indexBefore(document, document.version - 1);
    if (before && this.store.tags(key).length > 0) {
      // VS Code lists the changes of one edit from the end of the document backwards, each in
      // the coordinates of the text before the edit, so the old index serves them all.
      for (const change of event.contentChanges) {
        const start = before.toCodePoint(change.rangeOffset);
        const end = before.toCodePoint(change.rangeOffset + change.rangeLength);
        const sidecarChange: TextChange = { start, deleted: end - start, insertedText: toLf(change.text) };
        this.store.shift(key, sidecarChange);
      }
    }
    this.index(document);
    this.lastReason.set(key, event.reason);
    this.savedSinceEdit.delete(key);
    this.scheduleSettle(document);
  }

  /**
   * VS Code reports the dirty state after the content change, so whether an edit brought the
   * article back to what is on disk is decided a moment later.
   */
  private scheduleSettle(document: vscode.TextDocument): void {
    const key = articleKey(document.uri);
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.settle(document);
      if (this.timers.size === 0) this.flushed.fire();
    }, SETTLE_MS));
  }

  private settle(document: vscode.TextDocument): void {
    const key = articleKey(document.uri);
    if (document.isClosed) return;
    // With a conflict pending the tags differ from the file on purpose: that is no revert.
    const backOnDisk = !document.isDirty && this.store.isModified(key) && (this.store.get(key)?.conflicts.length ?? 0) === 0;
    // A revert or a reload from disk (no reason given, no save) means the disk wins, tags included.
    // A save within the settle delay is no revert: the tags are being written (or, with a
    // conflict pending, differ from the file on purpose).
    if (backOnDisk && this.lastReason.get(key) === undefined && !this.savedSinceEdit.has(key)) {
      void this.storage.reload(document.uri);
      return;
    }
    this.recheck(document, key);
    // Undo/redo back to the saved text: the tags as they stand describe the disk.
    if (backOnDisk) void this.storage.saveIfClean(key);
  }

  /** Once typing pauses, tags an edit changed are flagged for review on the span the edits left them. */
  private recheck(document: vscode.TextDocument, key: string): void {
    const entry = this.store.get(key);
    if (!entry || entry.problem !== undefined) return;
    if (entry.touched.size === 0 && !entry.tags.some((t) => t.status === 'orphaned')) return;
    // Collapsed tags stay touched: an undo may still bring their text back.
    const checked = entry.tags.filter((t) => entry.touched.has(t.id) && t.end > t.start).map((t) => t.id);
    this.store.applyReattach(key, settleEditedTags(toLf(document.getText()), entry.tags, entry.touched), checked);
  }

  /** Resolves once no settle check is waiting. */
  async idle(): Promise<void> {
    while (this.timers.size > 0) await new Promise<void>((resolve) => this.flushed.event(() => resolve()));
  }

  private onClose(document: vscode.TextDocument): void {
    // Closed without saving: the unsaved tag changes described text that no longer exists. (A
    // clean article with tags differing from the file has a conflict pending: that stays.)
    // A file renamed or deleted closes its document too: its tags then follow the rename (or stay).
    if (document.isDirty) void exists(document.uri).then((there) => (there ? this.storage.reload(document.uri) : undefined));
  }

  override dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.flushed.dispose();
    super.dispose();
  }
}
