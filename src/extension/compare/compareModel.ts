import * as vscode from 'vscode';
import { compareOutlets, namedByOutlet, type CompareArticle, type OutletComparison } from '../../core/compare/comparison';
import type { Tag } from '../../core/tag';
import { buildLedger, countMismatches } from '../../core/figures/ledger';
import type { FigureVocabulary } from '../../core/figures/vocabulary';
import { outletOf } from '../../core/outlet';
import { countWords } from '../../core/review/stats';
import type { TagStore } from '../../core/tagStore';
import { articleKey, articleUri, fileName, openDocument, readArticleText } from '../shared/articles';
import type { SidecarStorage } from '../storage/sidecarStorage';
import { Disposable } from '../shared/disposable';

/** Long enough that a burst of tag edits or typing gives one computation. */
const DEBOUNCE_MS = 400;

interface CachedText {
  readonly mtime: number;
  readonly size: number;
  readonly text: string | undefined;
}

/**
 * The comparison across outlets, derived from the store (which stays the only holder of tags):
 * recomputed after tags or tagged text change. The figure mismatches are always kept current for
 * the status bar; quotes and profiles only while the panel is showing (`wantFull`).
 */
export class CompareModel extends Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after each computation. */
  readonly onDidChange = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private running: Promise<void> = Promise.resolve();
  private latest: OutletComparison | undefined;
  private mismatchCount = 0;
  private readonly texts = new Map<string, CachedText>();
  /** Set by the panel: compute quotes and profiles too. */
  wantFull = false;

  constructor(
    private readonly store: TagStore,
    private readonly storage: SidecarStorage,
    private readonly vocabulary: () => FigureVocabulary,
  ) {
    super();
    [
      this.changed,
      store.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        if (contentChanges.length > 0 && this.store.tags(articleKey(document.uri)).length > 0) this.schedule();
      }),
    ].forEach((d) => this.register(d));
    void storage.ready.then(() => this.schedule());
  }

  /** Figure mismatches across every tagged article of the workspace. */
  get mismatches(): number {
    return this.mismatchCount;
  }

  /** The last full comparison, if one was asked for. */
  get comparison(): OutletComparison | undefined {
    return this.latest;
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  /** Computes now (after any computation in flight) and resolves when done. */
  refresh(): Promise<void> {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    this.running = this.running.then(() => (generation === this.generation ? this.compute() : undefined)).catch((error: unknown) => {
      void vscode.window.showErrorMessage(vscode.l10n.t('Newsmark: comparing outlets failed: {0}', error instanceof Error ? error.message : String(error)));
    });
    return this.running;
  }

  private async compute(): Promise<void> {
    await this.storage.ready;
    const vocabulary = this.vocabulary();
    if (this.wantFull) {
      this.latest = compareOutlets(await this.articles(() => true), vocabulary);
      this.mismatchCount = this.latest.mismatches;
    } else {
      // The status bar needs the figures only: the other articles are not read at all.
      const figures = await this.articles((tags) => tags.some((t) => t.category === 'figure'));
      this.mismatchCount = countMismatches(buildLedger(namedByOutlet(figures), vocabulary));
      this.latest = undefined;
    }
    this.changed.fire();
  }

  /** The tagged articles whose tags `wanted` accepts, with their texts. */
  private async articles(wanted: (tags: readonly Tag[]) => boolean): Promise<CompareArticle[]> {
    const tagged = this.store.keys().filter((k) => this.store.tags(k).length > 0);
    const keep = new Set(tagged);
    for (const gone of [...this.texts.keys()].filter((k) => !keep.has(k))) this.texts.delete(gone);
    const keys = tagged.filter((k) => wanted(this.store.tags(k)));
    const texts = await Promise.all(keys.map((k) => this.textOf(k)));
    return keys.flatMap((key, i): CompareArticle[] => {
      const text = texts[i];
      if (text === undefined) return [];
      const uri = articleUri(key);
      return [{ article: key, label: vscode.workspace.asRelativePath(uri), outlet: outletOf(this.store.details(key), text, fileName(uri)), text, tags: this.store.tags(key), words: countWords(text) }];
    });
  }

  /** An open article's live text; a closed one's file, read again only when it changed on disk. */
  private async textOf(key: string): Promise<string | undefined> {
    if (openDocument(key)) return readArticleText(key);
    const stat = await Promise.resolve(vscode.workspace.fs.stat(articleUri(key))).catch(() => undefined);
    if (!stat) return undefined;
    const cached = this.texts.get(key);
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return cached.text;
    const text = await readArticleText(key);
    this.texts.set(key, { mtime: stat.mtime, size: stat.size, text });
    return text;
  }

  override dispose(): void {
    clearTimeout(this.timer);
    super.dispose();
  }
}
