import * as vscode from 'vscode';
import { compareArticle, noDecisions, plan, type ArticleComparison, type Decisions, type Difference, type Resolution, type SetArticle } from '../../core/agreement';
import type { Tag } from '../../core/tag';
import type { TagStore } from '../../core/tagStore';
import { toLf } from '../../core/textIndex';
import { articleKey, articleUri, openDocument, readArticleText } from '../shared/articles';
import { readArticleAt, relativePath, under, type OtherSet } from './sets';
import { Disposable } from '../shared/disposable';

/** What opening a comparison found, for the message and the tests. */
export interface ComparisonSummary {
  readonly articles: number;
  readonly differences: number;
  /** Articles with a sidecar on one side only and no article at that path on the other. */
  readonly onlyHere: string[];
  readonly onlyThere: string[];
  /** Articles whose text differs between the sets: their tags were re-attached to ours. */
  readonly reattached: string[];
  /** Their tags that could not be placed on our text, and our articles left out (sidecar unreadable). */
  readonly orphaned: number;
  readonly readOnly: string[];
  readonly skipped: string[];
}

/**
 * One open comparison: our set (the store's tags under `ours`) against the other set as read.
 * The differences are computed from the store on demand and cached until the article's tags or
 * text change; nothing here holds a copy of our tags.
 */
export class Comparison extends Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with the article's key when its differences may have changed (undefined: all). */
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, ArticleComparison>();
  private readonly decisions = new Map<string, Decisions>();
  /** Our articles' text as on disk, for those not open in an editor. */
  private readonly diskText = new Map<string, string>();
  private readonly theirTags = new Map<string, ReadonlyMap<string, Tag>>();

  private constructor(
    private readonly store: TagStore,
    readonly ours: vscode.Uri,
    readonly theirs: OtherSet,
    /** Compared articles: our key → path. */
    private readonly paths: ReadonlyMap<string, string>,
    private readonly theirArticles: ReadonlyMap<string, SetArticle>,
    readonly summary: ComparisonSummary,
  ) {
    super();
    for (const [path, article] of theirArticles) this.theirTags.set(path, new Map(article.tags.map((t) => [t.id, t])));
    const touched = (key: string): void => {
      if (!this.paths.has(key)) return;
      this.cache.delete(key);
      this.changed.fire(key);
    };
    this.registerAll(
      this.changed,
      store.onDidChange((change) => touched(change.key)),
      vscode.workspace.onDidChangeTextDocument((e) => touched(articleKey(e.document.uri))),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.paths.has(articleKey(doc.uri))) this.diskText.set(articleKey(doc.uri), toLf(doc.getText()));
      }),
    );
  }

  /**
   * Pairs our set with theirs by path: our tagged articles (the store's, under `ours` but not
   * under the other set's root when it lies inside ours) and their tagged ones, each with its
   * untagged counterpart on the other side when there is one.
   */
  static async open(store: TagStore, ours: vscode.Uri, theirs: OtherSet): Promise<Comparison> {
    const ourKeys = new Map<string, string>();
    const readOnly: string[] = [];
    for (const key of store.keys()) {
      const uri = articleUri(key);
      const path = relativePath(ours, uri);
      if (path === undefined || relativePath(theirs.root, uri) !== undefined) continue;
      const entry = store.get(key);
      if (entry?.problem !== undefined) readOnly.push(path);
      else if (entry && !entry.missing && (entry.tags.length > 0 || entry.sidecar)) ourKeys.set(path, key);
    }
    const texts = new Map<string, string>();
    const theirArticles = new Map(theirs.articles);
    const onlyHere: string[] = [];
    const onlyThere: string[] = [];
    for (const [path, key] of ourKeys) {
      const text = await readArticleText(key);
      if (text === undefined) continue;
      texts.set(key, text);
      if (!theirArticles.has(path)) {
        const untagged = await readArticleAt(theirs.root, path);
        if (untagged === undefined) onlyHere.push(path);
        else theirArticles.set(path, { path, text: untagged, tags: [] });
      }
    }
    for (const path of theirs.articles.keys()) {
      if (ourKeys.has(path) || readOnly.includes(path)) continue;
      const key = articleKey(under(ours, path));
      const text = await readArticleAt(ours, path);
      if (text === undefined) onlyThere.push(path);
      else {
        ourKeys.set(path, key);
        texts.set(key, text);
      }
    }
    const paths = new Map([...ourKeys].filter(([path, key]) => texts.has(key) && theirArticles.has(path)).map(([path, key]) => [key, path]));
    const summary = { articles: paths.size, differences: 0, onlyHere, onlyThere, reattached: [], orphaned: 0, readOnly, skipped: theirs.skipped };
    const comparison = new Comparison(store, ours, theirs, paths, theirArticles, summary);
    for (const [key, text] of texts) comparison.diskText.set(key, text);
    let differences = 0;
    let orphaned = 0;
    const reattached: string[] = [];
    for (const key of paths.keys()) {
      const c = comparison.of(key)!;
      differences += c.differences.length;
      orphaned += c.orphaned;
      if (c.reattached?.reason === 'text-differs') reattached.push(c.article);
    }
    Object.assign(summary, { differences, orphaned, reattached });
    return comparison;
  }

  /** Compared articles' keys, by path. */
  keys(): string[] {
    return [...this.paths].sort(([, x], [, y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([key]) => key);
  }

  pathOf(key: string): string | undefined {
    return this.paths.get(key);
  }

  /** The article's comparison now, from the store's tags and the article's current text. */
  of(key: string): ArticleComparison | undefined {
    const path = this.paths.get(key);
    if (path === undefined) return undefined;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const text = this.textOf(key);
    const theirs = this.theirArticles.get(path);
    if (text === undefined || !theirs) return undefined;
    const result = compareArticle({ path, text, tags: this.store.tags(key) }, theirs, this.decisionsOf(key));
    this.cache.set(key, result);
    return result;
  }

  differences(key: string): readonly Difference[] {
    return this.of(key)?.differences ?? [];
  }

  find(key: string, id: string): Difference | undefined {
    return this.differences(key).find((d) => d.id === id);
  }

  total(): number {
    return this.keys().reduce((n, key) => n + this.differences(key).length, 0);
  }

  /**
   * Settles a difference through the store (one edit, one sidecar write) and records what the
   * tags cannot say. Throws the store's ReadOnlyTagsError when the article's sidecar is unreadable.
   */
  settle(key: string, id: string, resolution: Resolution, reviewer: string): boolean {
    const difference = this.find(key, id);
    const text = this.textOf(key);
    const path = this.paths.get(key);
    if (!difference || text === undefined || path === undefined) return false;
    const steps = plan(resolution, difference, { text, ourTags: this.store.tags(key), theirTags: this.theirTags.get(path) ?? new Map(), reviewer });
    if (steps.remove.length + steps.add.length + steps.confirm.length > 0) {
      this.store.apply(key, { remove: steps.remove, add: steps.add, update: { ids: steps.confirm, patch: { review: 'confirmed', reviewer } } });
    }
    const decisions = this.decisionsOf(key);
    steps.keep.forEach((tagId) => decisions.kept.add(tagId));
    steps.reject.forEach((tagId) => decisions.rejected.add(tagId));
    this.cache.delete(key);
    this.changed.fire(key);
    return true;
  }

  /** Our tags both coders have identically and that this reviewer has not confirmed yet, per article. */
  unconfirmedAgreements(reviewer: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const key of this.keys()) {
      const tags = new Map(this.store.tags(key).map((t) => [t.id, t]));
      const ids = (this.of(key)?.agreements ?? []).filter((id) => {
        const t = tags.get(id);
        return t !== undefined && !(t.review === 'confirmed' && t.reviewer === reviewer);
      });
      if (ids.length > 0) out.set(key, ids);
    }
    return out;
  }

  private decisionsOf(key: string): Decisions {
    let d = this.decisions.get(key);
    if (!d) this.decisions.set(key, (d = noDecisions()));
    return d;
  }

  private textOf(key: string): string | undefined {
    const open = openDocument(key);
    return open ? toLf(open.getText()) : this.diskText.get(key);
  }
}
