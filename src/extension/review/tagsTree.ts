import * as vscode from 'vscode';
import { labelOf } from '../../core/codebook/index';
import type { CodebookService } from '../codebook/codebookService';
import { categoryOf } from '../../core/codebook';
import { isOrphan, NO_FILTER, type TagFilter } from '../../core/review/filter';
import { spokenTag } from '../../core/review/spokenTag';
import { reasonText } from '../../core/suggest/reasonText';
import { nodeId, TreeNodes } from '../../core/review/treeNodes';
import { NOTHING_LISTED, TagTreeModel, withListed, type ListedArticles, type Grouping, type TagSource, type TreeNode } from '../../core/review/tagTree';
import type { TagStore } from '../../core/tagStore';
import { articleUri, fileName } from '../shared/articles';
import { CommandId, type TagRef } from '../shared/commandIds';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { TreeItemContext } from '../shared/treeItemContexts';
import { EVENT_LOOP_CLOCK, THREAD_SLICER } from '../../core/storage/slicer';
import { EVENT_LOOP_TIMER, ReplyPacer } from '../../core/review/replyPacer';
import { attention, conflictLabel, conflictTooltip, oneDecimal, shorten, tagsInArticles, tooltip } from './tagsTreeText';

export const TAGS_VIEW_ID = 'newsmark.tags';
/** How long the tree must stop asking for rows before a reveal or a redraw may run. */
const QUIET_MS = 150;
/** How long a redraw waits for VS Code to fetch the last one (a hidden view never does). */
const FETCH_WAIT_MS = 1000;
/** How long the tree waits for a burst of changes to end before it redraws. */
const REDRAW_DELAY_MS = 100;
/** The longest a redraw waits for a burst to end: a workspace loading is one long burst. */
const MAX_REDRAW_WAIT_MS = 1000;
/** How long answers wait after a request for the rows of several parents came in (see ReplyPacer). */
const REPLY_HOLD_MS = 60;
/** The least time between two answers (see ReplyPacer). */
const REPLY_SPACING_MS = 40;

export type TagsNode = TreeNode;
export { nodeId };

export type DifferenceNode = Extract<TagsNode, { kind: 'differences' | 'difference' }>;

/** What adjudication lends the tree (see src/extension/adjudication): which rows there are, and how they look. */
export interface DifferenceRows {
  comparing(): boolean;
  keys(): readonly string[];
  ids(key: string): readonly string[];
  item(node: DifferenceNode, count: number): vscode.TreeItem;
  readonly onDidChange: vscode.Event<void>;
}

/** The "Tags" view's rows, straight from the store (through the lens) through the grouping model. */
export class TagsTreeProvider implements vscode.TreeDataProvider<TagsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TagsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly source: TagSource;
  private current: TagTreeModel;
  private readonly nodes = new TreeNodes();
  /** When VS Code last asked for rows. */
  private lastAsked = 0;

  /**
   * `listed`: articles listed from the cache before their sidecars are read; their rows show the
   * cached counts, and their tags are loaded before any row of a tag is shown (`loadListed`).
   */
  constructor(private readonly store: TagStore, private readonly lens: TagLens = ALL_TAGS, private readonly listed: ListedArticles = NOTHING_LISTED, private readonly codebook?: CodebookService) {
    this.source = withListed({
      keys: () => store.keys(),
      tags: (key) => lens.shown(store.tags(key)),
      label: (key) => this.labelOf(key),
      hasProblem: (key) => store.get(key)?.problem !== undefined,
      words: (key) => store.get(key)?.words,
      suggestions: (key) => store.suggestions(key),
      conflicts: (key) => store.get(key)?.conflicts.map((c) => c.id) ?? [],
      isMissing: (key) => store.get(key)?.missing === true,
      comparing: () => this.differenceRows?.comparing() ?? false,
      differenceKeys: () => this.differenceRows?.keys() ?? [],
      differences: (key) => this.differenceRows?.ids(key) ?? [],
      labelOrder: (category) => this.codebook?.codebook.categories[category].labels.map((l) => l.id) ?? [],
    }, listed, (key) => store.get(key) !== undefined, (tags) => lens.shown(tags));
    this.current = new TagTreeModel(this.source);
    const redraw = (): void => this.requestRedraw(REDRAW_DELAY_MS);
    this.subscription = vscode.Disposable.from(store.onDidChange(redraw), lens.onDidChange(redraw), listed.onDidChange(redraw), ...(codebook ? [codebook.onDidChange(redraw)] : []));
  }

  /** File names by key: the first level sorts by them at every redraw, and parsing 10,000 URIs each time showed. */
  private readonly labels = new Map<string, string>();

  private labelOf(key: string): string {
    let label = this.labels.get(key);
    if (label === undefined) this.labels.set(key, (label = fileName(articleUri(key))));
    return label;
  }

  private differenceRows: DifferenceRows | undefined;
  private differenceSubscription: vscode.Disposable | undefined;

  /** Adjudication's rows join the tree (undefined: they leave it); they redraw like a store change. */
  showDifferences(rows: DifferenceRows | undefined): void {
    this.differenceSubscription?.dispose();
    this.differenceRows = rows;
    this.differenceSubscription = rows?.onDidChange(() => this.requestRedraw(REDRAW_DELAY_MS));
    this.requestRedraw(0);
  }

  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private redrawWanted = false;
  private wantedSince = 0;
  private firedAt = 0;
  private fetchedSinceFire = true;

  /**
   * Redraws the tree once a burst of changes is over (a workspace loading, typing), and never
   * while VS Code is still fetching the rows of the last redraw. A redraw sends VS Code fetching
   * rows level by level; a second one while those fetches are in flight makes it ask for rows
   * that are gone ("No tree item with id … found") and can meet a race in its batching of the
   * fetches (1.100), which then hands one row another row's children — one article listing
   * another's tags.
   */
  private requestRedraw(delayMs: number): void {
    const now = Date.now();
    if (!this.redrawWanted) this.wantedSince = now;
    this.redrawWanted = true;
    clearTimeout(this.redrawTimer);
    // A burst that goes on (a large workspace loading, a slice at a time) still redraws now and then.
    this.redrawTimer = setTimeout(() => this.redrawWhenQuiet(), Math.max(0, Math.min(delayMs, this.wantedSince + MAX_REDRAW_WAIT_MS - now)));
  }

  private redrawWhenQuiet(): void {
    if (!this.redrawWanted || this.preparing) return;
    if (this.fetching()) {
      this.redrawTimer = setTimeout(() => this.redrawWhenQuiet(), QUIET_MS / 2);
      return;
    }
    // The rows' counts are worked out in slices first: on a large workspace, all in the redraw's
    // first getChildren was one long task. Changes meanwhile are in the redraw that follows.
    const model = this.current;
    this.preparing = true;
    void model.prepare((work) => this.slicer.run(work)).finally(() => {
      this.preparing = false;
      if (!this.redrawWanted || this.disposed) return;
      if (this.fetching()) this.redrawTimer = setTimeout(() => this.redrawWhenQuiet(), QUIET_MS / 2);
      else this.redrawNow();
    });
  }

  private readonly slicer = THREAD_SLICER;
  /** Whether a redraw is waiting for prepare(): settled() waits for it too. */
  private preparing = false;
  private disposed = false;

  /** Redraws at once, taking in any redraw still waiting, once every held answer has gone out (ReplyPacer.flush); notes that VS Code has yet to fetch it. */
  private redrawNow(): void {
    clearTimeout(this.redrawTimer);
    this.pacer.flush();
    this.redrawWanted = false;
    this.firedAt = Date.now();
    this.fetchedSinceFire = false;
    this.changed.fire(undefined);
  }

  /** VS Code asked for rows a moment ago or waits for some, or has not fetched the last redraw yet (a hidden view never does: given up after a while). */
  private fetching(): boolean {
    const now = Date.now();
    return this.pacer.pending || now - this.lastAsked < QUIET_MS || (!this.fetchedSinceFire && now - this.firedAt < FETCH_WAIT_MS);
  }

  /** The one object for a row (see TreeNodes): every node handed to VS Code goes through here. */
  node(node: TagsNode): TagsNode {
    return this.nodes.of(node);
  }

  /**
   * Resolves once VS Code has fetched the rows after the last refresh and stopped asking for a
   * moment (or after `timeoutMs`): a reveal that runs while the tree is still fetching races it.
   */
  async settled(timeoutMs = 2000): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (!this.redrawWanted && !this.preparing && !this.fetching()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  get model(): TagTreeModel {
    return this.current;
  }

  arrange(grouping: Grouping, filter: TagFilter = this.current.filter): void {
    this.current = new TagTreeModel(this.source, grouping, filter);
    // The analyst's own action (a button, a filter): redrawn at once — a click that follows, such
    // as Collapse All, must act on the new rows.
    this.redrawNow();
  }

  clearFilter(): void {
    this.arrange(this.current.grouping, NO_FILTER);
  }

  /** What the view is given: these rows, each answer below the roots paced (see ReplyPacer: VS Code's batching of row requests). */
  viewProvider(): vscode.TreeDataProvider<TagsNode> {
    return {
      onDidChangeTreeData: this.onDidChangeTreeData,
      getTreeItem: (node) => this.getTreeItem(node),
      getParent: (node) => this.getParent(node),
      getChildren: (node) => {
        this.lastAsked = Date.now();
        // The roots go at once: the extension host fetching them for a reveal while the
        // workbench's request waited fetched them twice ("Element with id summary is already
        // registered"). A row asked for with them (expanded meanwhile) is still held as the rest
        // of their batch.
        if (!node) return this.pacer.answerAtOnce(() => (this.disposed ? [] : this.getChildren(node)));
        return this.pacer.answer(() => (this.disposed ? [] : this.getChildren(node)));
      },
    };
  }

  // A request of the tree's own during a hold can give rows another's children: redrawn once quiet.
  private readonly pacer = new ReplyPacer(REPLY_HOLD_MS, REPLY_SPACING_MS, EVENT_LOOP_TIMER(EVENT_LOOP_CLOCK), () => this.requestRedraw(QUIET_MS));

  /** Runs a reveal with the rows it needs answered at once (see ReplyPacer.atOnce). */
  revealing<T>(reveal: () => T): T {
    return this.pacer.atOnce(reveal);
  }

  getChildren(node?: TagsNode): TagsNode[] {
    this.lastAsked = Date.now();
    if (!node) {
      this.fetchedSinceFire = true;
      this.nodes.prune((n) => this.exists(n));
    }
    const children = node ? this.current.children(node) : this.current.roots();
    // A tag row is only ever the sidecar's own tag: an article still listed from the cache has its
    // sidecar loaded now, and its tag rows come with the redraw that follows. One the store already
    // holds (tagged in an editor while its sidecar was on its way) shows the store's own tags, as the
    // model does: hiding them made a reveal of a new tag fail ("Cannot resolve tree item").
    const unread = new Set(children.flatMap((n) => (n.kind === 'tag' && this.listed.has(n.key) && this.store.get(n.key) === undefined ? [n.key] : [])));
    for (const key of unread) void this.listed.loadListed(key).catch(() => undefined); // a failure is reported by the storage
    return children.filter((n) => !(n.kind === 'tag' && unread.has(n.key))).map((n) => this.nodes.of(n));
  }

  getParent(node: TagsNode): TagsNode | undefined {
    const parent = this.current.parent(node);
    return parent && this.nodes.of(parent);
  }

  /** Whether a row still stands for something (a tag not removed, a suggestion not withdrawn). */
  private exists(node: TagsNode): boolean {
    if (node.kind === 'tag') return this.store.find(node.key, node.id) !== undefined;
    if (node.kind === 'suggestion') return this.current.suggestionOf(node) !== undefined;
    if (node.kind === 'article') return this.store.get(node.key) !== undefined || this.listed.has(node.key);
    if (node.kind === 'difference') return this.differenceRows?.ids(node.key).includes(node.id) ?? false;
    return true;
  }

  getTreeItem(node: TagsNode): vscode.TreeItem {
    this.lastAsked = Date.now();
    switch (node.kind) {
      case 'summary':
        return this.summaryItem();
      case 'stat': {
        const item = new vscode.TreeItem(node.label);
        item.description = node.value;
        item.id = `stat:${node.label}`;
        return item;
      }
      case 'attention': {
        const group = attention(node.group);
        return this.groupItem(node, group.label, group.icon, group.context);
      }
      case 'article':
        return this.articleItem(node);
      case 'category': {
        const category = categoryOf(node.category);
        const item = this.groupItem(node, category.label, category.icon, TreeItemContext.categoryGroup);
        item.iconPath = new vscode.ThemeIcon(category.icon, new vscode.ThemeColor(category.rulerColorId));
        item.tooltip = category.definition;
        return item;
      }
      case 'label':
        return this.labelItem(node);
      case 'tag':
        return this.tagItem(node);
      case 'suggestions':
        return this.suggestionGroupItem(node);
      case 'suggestion':
        return this.suggestionItem(node);
      case 'differences':
      case 'difference':
        return this.differenceRows?.item(node, this.current.count(node)) ?? Object.assign(new vscode.TreeItem(vscode.l10n.t('(comparison closed)')), { id: nodeId(node) });
    }
  }

  private suggestionGroupItem(node: Extract<TagsNode, { kind: 'suggestions' }>): vscode.TreeItem {
    const category = node.category && categoryOf(node.category);
    const item = new vscode.TreeItem(category ? category.label : vscode.l10n.t('Suggestions'), node.category ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = nodeId(node);
    item.description = String(this.current.count(node));
    item.iconPath = category ? new vscode.ThemeIcon(category.icon, new vscode.ThemeColor(category.rulerColorId)) : new vscode.ThemeIcon('lightbulb');
    item.contextValue = TreeItemContext.suggestionGroup;
    item.tooltip = vscode.l10n.t('Spans the rules suggest tagging. Accept them to make tags, or reject them so they are not suggested again.');
    return item;
  }

  private suggestionItem(node: Extract<TagsNode, { kind: 'suggestion' }>): vscode.TreeItem {
    const suggestion = this.current.suggestionOf(node);
    const item = new vscode.TreeItem(shorten(suggestion?.text ?? vscode.l10n.t('(withdrawn)')), vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    item.description = `${fileName(articleUri(node.key))} · ${suggestion ? reasonText(suggestion.reason) : ''}`;
    item.iconPath = new vscode.ThemeIcon('lightbulb-sparkle', new vscode.ThemeColor(categoryOf(node.category).rulerColorId));
    item.contextValue = TreeItemContext.suggestion;
    item.tooltip = suggestion ? `${categoryOf(node.category).label}: ${suggestion.text}\n\n${reasonText(suggestion.reason)}` : undefined;
    item.command = { command: CommandId.revealSuggestion, title: vscode.l10n.t('Show Suggestion'), arguments: [node] };
    return item;
  }

  private summaryItem(): vscode.TreeItem {
    const stats = this.current.stats();
    const item = new vscode.TreeItem(vscode.l10n.t('Summary'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = 'summary';
    const density = stats.words > 0 ? ` · ${vscode.l10n.t('{0} per 1,000 words', oneDecimal(stats.perThousandWords))}` : '';
    item.description = `${tagsInArticles(stats.tags, stats.articles)}${density}`;
    item.iconPath = new vscode.ThemeIcon('graph');
    item.contextValue = TreeItemContext.summary;
    return item;
  }

  private groupItem(node: TagsNode, label: string, icon: string, contextValue: TreeItemContext): vscode.TreeItem {
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = nodeId(node);
    item.description = String(this.current.count(node));
    item.iconPath = new vscode.ThemeIcon(icon, node.kind === 'attention' ? new vscode.ThemeColor(attention(node.group).color) : undefined);
    item.contextValue = contextValue;
    if (node.kind === 'attention') item.tooltip = attention(node.group).tooltip;
    return item;
  }

  private labelItem(node: Extract<TagsNode, { kind: 'label' }>): vscode.TreeItem {
    const label = node.label === '' ? undefined : this.codebook && labelOf(this.codebook.codebook, node.category, node.label);
    const item = this.groupItem(node, node.label === '' ? vscode.l10n.t('(no sub-label)') : label?.name ?? node.label, 'symbol-enum-member', TreeItemContext.labelGroup);
    item.iconPath = new vscode.ThemeIcon('symbol-enum-member', new vscode.ThemeColor(categoryOf(node.category).rulerColorId));
    // Corpus-wide groups can hold thousands of rows: opened on demand, like the articles under a category.
    if (node.key === undefined) item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    const known = node.label === '' || label !== undefined || (this.codebook?.codebook.categories[node.category].labels.length ?? 0) === 0;
    item.tooltip = node.label === '' ? vscode.l10n.t('{0} tags without a sub-label', categoryOf(node.category).label) : [label && label.name !== label.id ? label.id : undefined, label?.definition, known ? undefined : vscode.l10n.t('Not in the codebook.')].filter(Boolean).join('\n') || node.label;
    if (!known) item.description = `${item.description as string} · ${vscode.l10n.t('not in codebook')}`;
    return item;
  }

  private articleItem(node: Extract<TagsNode, { kind: 'article' }>): vscode.TreeItem {
    const uri = articleUri(node.key);
    const entry = this.store.get(node.key);
    const item = new vscode.TreeItem(fileName(uri), node.category ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = nodeId(node);
    item.resourceUri = uri;
    item.contextValue = TreeItemContext.article;
    const count = this.current.count(node);
    item.description = `${count}${this.store.isModified(node.key) ? ` · ${vscode.l10n.t('unsaved')}` : ''}`;
    if (entry?.problem !== undefined) {
      item.description += ` · ${vscode.l10n.t('read-only')}`;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.tooltip = entry.problem;
    } else if (entry?.missing) {
      item.description += ` · ${vscode.l10n.t('article missing')}`;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.contextValue = TreeItemContext.articleMissing;
      item.tooltip = vscode.l10n.t('{0} is gone; its tags are kept in {1}. Use Locate Article… if it was moved or renamed outside VS Code, or Delete Tags Too.', vscode.workspace.asRelativePath(uri), `${fileName(uri)}.tags.yaml`);
    } else {
      item.iconPath = vscode.ThemeIcon.File;
      const { outlet, published } = this.store.details(node.key);
      // The outlet the sidecar names (not a guess) beside the count: comparing outlets starts here.
      if (outlet !== undefined) item.description += ` · ${outlet}`;
      item.tooltip = [vscode.workspace.asRelativePath(uri), outlet && vscode.l10n.t('Outlet: {0}', outlet), published && vscode.l10n.t('Published: {0}', published)].filter(Boolean).join('\n');
    }
    return item;
  }

  private tagItem(node: Extract<TagsNode, { kind: 'tag' }>): vscode.TreeItem {
    const tag = this.store.find(node.key, node.id);
    if (!tag) {
      // Asked for a row whose tag just went (a redraw is on its way): keep its id, so VS Code
      // never confuses it with another row.
      const gone = new vscode.TreeItem(vscode.l10n.t('(tag removed)'));
      gone.id = nodeId(node);
      return gone;
    }
    const category = categoryOf(tag.category);
    const item = new vscode.TreeItem(shorten(tag.text), vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    const where = node.place === 'main' ? [] : [fileName(articleUri(node.key))];
    const verdict = tag.review === 'confirmed' ? [`✓ ${vscode.l10n.t('confirmed')}`] : tag.review === 'disputed' ? [`✗ ${vscode.l10n.t('disputed')}`] : [];
    const flags = tag.status === 'fuzzy' && node.place === 'main' ? [vscode.l10n.t('needs review')] : [];
    // Under a category node the category goes without saying; in the attention groups it does not.
    const kind = node.place === 'main' ? [] : [category.label];
    item.description = [...where, ...flags, ...verdict, ...kind, ...(tag.note ? [tag.note] : [])].join(' · ');
    item.iconPath = tag.status === 'fuzzy'
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : tag.review === 'disputed'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('newsmark.disputedUnderline'))
        : new vscode.ThemeIcon(category.icon, new vscode.ThemeColor(category.rulerColorId));
    const entry = this.store.get(node.key);
    const conflict = entry?.conflicts.find((c) => c.id === tag.id);
    if (conflict) item.description = [fileName(articleUri(node.key)), conflictLabel(conflict), category.label].join(' · ');
    if (conflict) item.iconPath = new vscode.ThemeIcon('git-merge', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    item.contextValue = entry?.problem !== undefined ? TreeItemContext.tagReadOnly
      : conflict ? TreeItemContext.tagConflict : isOrphan(tag) ? TreeItemContext.tagOrphaned : tag.status === 'fuzzy' ? TreeItemContext.tagFuzzy : TreeItemContext.tag;
    item.tooltip = conflict ? conflictTooltip(conflict) : tooltip(tag);
    const subLabel = tag.label === undefined ? undefined : (this.codebook && labelOf(this.codebook.codebook, tag.category, tag.label))?.name ?? tag.label;
    item.accessibilityInformation = { label: spokenTag(tag, fileName(articleUri(node.key)), subLabel) };
    if (!isOrphan(tag) && !entry?.missing) item.command = { command: CommandId.revealTag, title: vscode.l10n.t('Show Tag'), arguments: [{ key: node.key, id: tag.id } satisfies TagRef] };
    return item;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.redrawTimer);
    this.subscription.dispose();
    this.differenceSubscription?.dispose();
    this.changed.dispose();
  }
}
