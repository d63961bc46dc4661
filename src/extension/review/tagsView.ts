import * as vscode from 'vscode';
import { CATEGORIES } from '../../core/codebook';
import { describeFilter, isFiltering, needsReview, REVIEW_STATE_LABELS, type ReviewState, type TagFilter } from '../../core/review/filter';
import type { Grouping } from '../../core/review/tagTree';
import { isOrphan, tagsAt } from '../../core/tag';
import type { TagStore } from '../../core/tagStore';
import { articleKey } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { ContextKeys } from '../shared/contextKeys';
import { Disposable } from '../shared/disposable';
import { DocumentOffsets } from '../shared/positions';
import type { SidecarStorage } from '../storage/sidecarStorage';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import type { CodebookService } from '../codebook/codebookService';
import { nodeId, TAGS_VIEW_ID, TagsTreeProvider, type TagsNode } from './tagsTree';

/** How long a reveal may take, and its selection to reach the extension host, before it is tried again. */
const REVEAL_WAIT_MS = 1500;

/** Resolves true with `promise`, false if it has not settled after `ms` (a reveal left hanging must not hold up the ones after it). */
function withTimeout(promise: Thenable<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    Promise.resolve(promise).then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** Whether the view's selection holds the row of `node`. */
function holds(selection: readonly TagsNode[], node: TagsNode): boolean {
  const id = nodeId(node);
  return selection.some((n) => nodeId(n) === id);
}

/** The "Tags" view in the Newsmark sidebar: grouping, filtering, badge, message, and following the cursor. */
export class TagsView extends Disposable {
  readonly provider: TagsTreeProvider;
  readonly view: vscode.TreeView<TagsNode>;

  constructor(private readonly store: TagStore, storage: SidecarStorage, private readonly lens: TagLens = ALL_TAGS, private readonly codebook?: CodebookService) {
    super();
    const rows = storage.repository.cachedRows;
    this.provider = this.register(new TagsTreeProvider(store, lens, {
      keys: () => rows.keys(), has: (key) => rows.has(key), get: (key) => rows.get(key),
      loadListed: (key) => storage.repository.loadListed(key),
      onDidChange: (listener) => rows.onDidChange(listener),
    }, codebook));
    this.view = this.register(vscode.window.createTreeView(TAGS_VIEW_ID, { treeDataProvider: this.provider.viewProvider(), showCollapseAll: true, canSelectMany: true }));
    [
      registerCommand(CommandId.refreshTags, () => vscode.window.withProgress({ location: { viewId: TAGS_VIEW_ID } }, () => storage.rescan())),
      registerCommand(CommandId.groupByArticle, () => this.group('article')),
      registerCommand(CommandId.groupByCategory, () => this.group('category')),
      registerCommand(CommandId.filterTags, () => this.pickFilter()),
      registerCommand(CommandId.filterByText, () => this.askQuery()),
      registerCommand(CommandId.clearFilter, () => {
        this.provider.clearFilter();
        this.describe();
      }),
      registerCommand(CommandId.showTagsView, () => vscode.commands.executeCommand(`${TAGS_VIEW_ID}.focus`)),
      this.provider.onDidChangeTreeData(() => {
        this.describe();
        this.followSoon(); // a refresh drops the view's selection: find the tag under the cursor again
      }),
      { dispose: () => clearTimeout(this.followTimer) },
      vscode.window.onDidChangeTextEditorSelection((e) => this.follow(e.textEditor)),
      // Opening the view shows the tag under the cursor straight away, not at the next cursor move.
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && vscode.window.activeTextEditor) void this.follow(vscode.window.activeTextEditor);
      }),
    ].forEach((d) => this.register(d));
    ContextKeys.grouping.set('article');
    ContextKeys.filtering.set(false);
    void vscode.window.withProgress({ location: { viewId: TAGS_VIEW_ID } }, () => storage.ready);
    this.describe();
  }

  group(grouping: Grouping): void {
    this.provider.arrange(grouping);
    ContextKeys.grouping.set(grouping);
    this.describe();
  }

  /** The rows, the view's message and the context keys follow at once. */
  filter(filter: TagFilter): void {
    this.provider.arrange(this.provider.model.grouping, filter);
    this.describe();
  }

  private followTimer: ReturnType<typeof setTimeout> | undefined;

  private followSoon(): void {
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      // Rows the analyst picked for a bulk action are theirs: leave that selection alone.
      if (this.view.selection.length > 1) return;
      if (vscode.window.activeTextEditor) void this.follow(vscode.window.activeTextEditor);
    }, 150);
  }

  /** Reveals run one at a time, and only the row asked for last is revealed. */
  private revealing: Promise<void> = Promise.resolve();
  private wanted: string | undefined;

  /** Reveals the row of the tag under the cursor, when the view is open. */
  follow(editor: vscode.TextEditor): Promise<void> {
    const target = this.tagAtCursor(editor);
    this.wanted = target && nodeId(target.node);
    if (!target) return this.revealing;
    // Queued behind any reveal in flight; one for a row already shown (the cursor moved within the tag) ends at once.
    this.revealing = this.revealing.then(() => this.reveal(target.key, target.id, target.node));
    return this.revealing;
  }

  private tagAtCursor(editor: vscode.TextEditor): { key: string; id: string; node: TagsNode } | undefined {
    if (!this.view.visible || editor.document.isClosed) return undefined;
    const key = articleKey(editor.document.uri);
    const tags = this.lens.shown(this.store.tags(key));
    if (tags.length === 0) return undefined;
    // The tag the selection is exactly on (as Next Tag leaves it), else the innermost one at the cursor.
    const offsets = DocumentOffsets.of(editor.document);
    const span = offsets.span(editor.selection);
    const tag = tags.find((t) => t.start === span.start && t.end === span.end && !isOrphan(t))
      ?? tagsAt(tags, offsets.codePoint(editor.selection.active)).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    return tag && { key, id: tag.id, node: this.provider.node(this.provider.model.nodeFor(key, tag)) };
  }

  private async reveal(key: string, id: string, node: TagsNode): Promise<void> {
    const shown = (): boolean => holds(this.view.selection, node);
    // Revealing while VS Code is still fetching the rows of a redraw races it: wait for the tree
    // to settle first, and try again while the row has not come out selected. A reveal can fail
    // ("Cannot resolve tree item", microsoft/vscode#192055), and it can also succeed without doing
    // anything: the workbench skips a row it has not fetched yet (MainThreadTreeViews' reveal,
    // VS Code 1.100). So an attempt counts only once the view's selection says so. Only a last
    // attempt that fails is worth a line in the log.
    const ATTEMPTS = 3;
    for (let attempt = 1; attempt <= ATTEMPTS && !shown(); attempt++) {
      await this.provider.settled();
      // Another row was asked for since, or the tag went (removed, its article closed): not this one.
      if (this.wanted !== nodeId(node) || this.store.find(key, id) === undefined) return;
      // A row the tree does not draw (filtered out, orphaned meanwhile) cannot be revealed.
      if (!this.provider.model.isShown(node)) return;
      const selected = this.selectionReaches(node, REVEAL_WAIT_MS);
      const outcome = await withTimeout(this.provider.revealing(() => this.view.reveal(node, { select: true, focus: false, expand: true })), REVEAL_WAIT_MS)
        .then((done) => (done ? undefined : 'no answer from the workbench'), (error: unknown) => String(error));
      if (outcome === undefined && await selected) return;
      if (attempt === ATTEMPTS) console.warn(`newsmark: reveal ${nodeId(node)}: ${outcome ?? 'the row did not come out selected'}`);
    }
  }

  /** Resolves true once the view's selection holds `node` (the workbench sends it after a reveal), false after `ms`. */
  private selectionReaches(node: TagsNode, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (reached: boolean): void => {
        clearTimeout(timer);
        listener.dispose();
        resolve(reached);
      };
      const listener = this.view.onDidChangeSelection((e) => {
        if (holds(e.selection, node)) done(true);
      });
      const timer = setTimeout(() => done(holds(this.view.selection, node)), ms);
    });
  }

  private describe(): void {
    const model = this.provider.model;
    const filtering = isFiltering(model.filter);
    ContextKeys.filtering.set(filtering);
    const total = this.store.keys().reduce((n, key) => n + this.lens.shown(this.store.tags(key)).length, 0);
    this.view.message = filtering ? vscode.l10n.t('Filter: {0} — {1} of {2} tags. Clear it with the Clear Filter button above.', describeFilter(model.filter), model.visibleTags().length, total) : undefined;
    const pending = this.store.keys().reduce((n, key) => n + this.lens.shown(this.store.tags(key)).filter(needsReview).length, 0);
    this.view.badge = pending > 0 ? { value: pending, tooltip: pending === 1 ? vscode.l10n.t('1 tag needs review (re-attached to changed text)') : vscode.l10n.t('{0} tags need review (re-attached to changed text)', pending) } : undefined;
  }

  private async pickFilter(): Promise<void> {
    const current = this.provider.model.filter;
    type Item = vscode.QuickPickItem & { apply?: (f: { categories: Set<string>; states: Set<string>; authors: Set<string>; labels: Set<string> }) => void };
    const shown = this.store.keys().flatMap((k) => this.lens.shown(this.store.tags(k)));
    const authors = [...new Set(shown.map((t) => t.author ?? ''))].sort();
    const labels = this.labelChoices(shown.map((t) => t.label ?? ''));
    const items: Item[] = [
      { label: vscode.l10n.t('Categories'), kind: vscode.QuickPickItemKind.Separator },
      ...CATEGORIES.map((c) => ({ label: `$(${c.icon}) ${c.label}`, picked: current.categories.has(c.id), apply: (f: { categories: Set<string> }) => f.categories.add(c.id) })),
      { label: vscode.l10n.t('Review status'), kind: vscode.QuickPickItemKind.Separator },
      ...(Object.keys(REVIEW_STATE_LABELS) as ReviewState[]).map((s) => ({ label: REVIEW_STATE_LABELS[s], picked: current.states.has(s), apply: (f: { states: Set<string> }) => f.states.add(s) })),
      { label: vscode.l10n.t('Author'), kind: vscode.QuickPickItemKind.Separator },
      ...authors.map((a) => ({ label: a === '' ? vscode.l10n.t('(no author)') : a, picked: current.authors.has(a), apply: (f: { authors: Set<string> }) => f.authors.add(a) })),
      ...(labels.length > 0 ? [{ label: vscode.l10n.t('Sub-label'), kind: vscode.QuickPickItemKind.Separator }] : []),
      ...labels.map(({ id, name, description }) => ({ label: name, description, picked: current.labels?.has(id) ?? false, apply: (f: { labels: Set<string> }) => f.labels.add(id) })),
    ];
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Filter Tags'), placeHolder: vscode.l10n.t('Show tags that match every checked group (any item within a group)') });
    if (!picked) return;
    const next = { categories: new Set<string>(), states: new Set<string>(), authors: new Set<string>(), labels: new Set<string>() };
    for (const item of picked) item.apply?.(next);
    this.filter({ ...current, ...next } as TagFilter);
  }

  /** The codebook's sub-labels and any other the tags carry, then "(no sub-label)"; none when no tag has one and the codebook lists none. */
  private labelChoices(used: readonly string[]): { id: string; name: string; description: string }[] {
    const book = this.codebook?.codebook;
    const listed = book ? CATEGORIES.flatMap((c) => book.categories[c.id].labels.map((l) => ({ id: l.id, name: l.name, description: `${c.label}${l.name !== l.id ? ` · ${l.id}` : ''}` }))) : [];
    const unique = listed.filter((l, i) => listed.findIndex((o) => o.id === l.id) === i);
    const others = [...new Set(used)].filter((id) => id !== '' && !unique.some((l) => l.id === id)).sort().map((id) => ({ id, name: id, description: vscode.l10n.t('not in the codebook') }));
    if (unique.length + others.length === 0) return [];
    return [...unique, ...others, { id: '', name: vscode.l10n.t('(no sub-label)'), description: '' }];
  }

  private async askQuery(): Promise<void> {
    const query = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Tags by Text'),
      prompt: vscode.l10n.t('Shows tags whose text, note or attribute values contain this (not case-sensitive). Empty: no text filter.'),
      value: this.provider.model.filter.query,
    });
    if (query !== undefined) this.filter({ ...this.provider.model.filter, query });
  }
}
