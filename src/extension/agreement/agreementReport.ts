import * as vscode from 'vscode';
import { compareArticles, subLabelPairs, type ArticlePair } from '../../core/agreement';
import { pairFolders, readAnnotationSet, requireReadable, UnreadableSetError, type SkippedFile } from '../../core/agreement/readSet';
import { agreementPage, type AgreementView } from '../../core/agreement/reportPage';
import { authorsOf, splitByAuthor } from '../../core/agreement/sets';
import { newNonce } from '../../core/export/previewPage';
import type { TagStore } from '../../core/tagStore';
import { articleKey, selectSpan } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { cannotCompare, setOn, shown } from '../adjudication/sets';
import type { SidecarStorage } from '../storage/sidecarStorage';
import { createScriptedPanel } from '../shared/webviewPanel';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';


/** What the report compared: enough to open an article of it and its differences. */
interface Compared {
  readonly view: AgreementView;
  readonly rootA: vscode.Uri;
  /** Set B's folder; undefined when two authors of set A were compared. */
  readonly rootB: vscode.Uri | undefined;
  /** What reading the sets noticed (files passed over), for a warning. */
  readonly notices: readonly string[];
}

/** Arguments a script or test may pass instead of answering the questions. */
export interface AgreementReportArgs {
  readonly a?: vscode.Uri;
  readonly b?: vscode.Uri;
  /** Compare these two authors within set A. */
  readonly authors?: readonly [string, string];
}

interface DifferencesMessage {
  readonly type: 'differences';
  readonly article: string;
}

const isDifferences = (m: unknown): m is DifferencesMessage =>
  typeof m === 'object' && m !== null && (m as DifferencesMessage).type === 'differences' && typeof (m as DifferencesMessage).article === 'string';

const isArgs = (x: unknown): x is AgreementReportArgs =>
  typeof x === 'object' && x !== null && !(x instanceof vscode.Uri) && ['a', 'b', 'authors'].some((k) => k in x);

/**
 * "Newsmark: Agreement Report": how far two coders agree — set A (the workspace folder) against a
 * folder B, or two authors within the workspace — computed by the agreement core from the saved
 * files, exactly as `newsmark agree` computes it, and shown in a panel beside the editor. Running
 * the command again recomputes (the figures are a snapshot, not live: reading two whole sets at
 * every keystroke would cost more than it tells).
 */
export class AgreementReportPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private compared: Compared | undefined;
  private lastHtml: string | undefined;
  /** Set B folders the adjudication view was already opened for, so a second click only reveals. */
  private readonly adjudicating = new Set<string>();
  private readonly media: vscode.Uri;

  constructor(private readonly store: TagStore, private readonly storage: SidecarStorage, extensionUri: vscode.Uri) {
    super();
    this.media = vscode.Uri.joinPath(extensionUri, 'media');
    this.register(registerCommand(CommandId.agreementReport, (args?: unknown) => this.run(isArgs(args) ? args : {})));
  }

  /** The HTML the panel was last given (for tests); undefined while no panel is open. */
  get html(): string | undefined {
    return this.lastHtml;
  }

  /** What the open panel shows (for tests). */
  get view(): AgreementView | undefined {
    return this.compared?.view;
  }

  async run(args: AgreementReportArgs): Promise<void> {
    const rootA = args.a ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!rootA) return void vscode.window.showErrorMessage(vscode.l10n.t('Newsmark: open the folder of one annotation set (your copy of the articles) first; the Agreement Report compares it with another.'));
    const how = args.authors ? { authors: args.authors } : args.b ? { b: args.b } : await this.ask(rootA);
    if (!how) return;
    // The report reads the saved sidecars: let every pending write land first.
    await this.storage.ready;
    await this.storage.idle();
    let compared: Compared;
    try {
      compared = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Newsmark: computing agreement') }, () => compute(rootA, how));
    } catch (error) {
      if (error instanceof UnreadableSetError) return void vscode.window.showErrorMessage(vscode.l10n.t('Newsmark: {0}', cannotCompare(error, rootA.with({ path: error.root }))));
      if (error instanceof ChoiceError) return void vscode.window.showErrorMessage(vscode.l10n.t('Newsmark: {0}', error.message));
      throw error;
    }
    this.compared = compared;
    this.show();
    if (compared.notices.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('Newsmark: {0}', compared.notices.join(' ')));
  }

  /** Set B's folder, or two authors of the workspace when it has tags by two or more. */
  private async ask(rootA: vscode.Uri): Promise<{ b: vscode.Uri } | { authors: readonly [string, string] } | undefined> {
    await this.storage.ready;
    const authors = authorsOf(this.store.keys().map((key) => ({ path: key, text: '', tags: this.store.tags(key) }))).authors;
    const names = [...authors.keys()].sort();
    if (names.length >= 2) {
      const mode = await vscode.window.showQuickPick([
        { label: `$(folder-opened) ${vscode.l10n.t('Another annotation set…')}`, detail: vscode.l10n.t('Compare this workspace (A) with a second coder’s folder (B): a git worktree, a copy, an export.'), mode: 'set' as const },
        { label: `$(person) ${vscode.l10n.t('Two authors in this workspace')}`, detail: vscode.l10n.t('Compare the tags of two of: {0}.', names.map((n) => `${n} (${authors.get(n)})`).join(', ')), mode: 'author' as const },
      ], { title: vscode.l10n.t('Agreement Report: Compare What') });
      if (!mode) return undefined;
      if (mode.mode === 'author') {
        const pair = await pickTwo(names, authors);
        return pair && { authors: pair };
      }
    }
    const [b] = (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Agreement Report: Set B (the second coder’s folder)'),
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Compare With This Set'),
      defaultUri: vscode.Uri.joinPath(rootA, '..'),
    })) ?? [];
    return b && { b };
  }

  private show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      const panel = createScriptedPanel('newsmark.agreementReport', vscode.l10n.t('Agreement Report'), this.media, (m) => this.receive(m));
      panel.onDidDispose(() => {
        if (this.panel === panel) [this.panel, this.lastHtml, this.compared] = [undefined, undefined, undefined];
      });
      this.panel = panel;
    }
    this.render();
  }

  private render(): void {
    const { panel, compared } = this;
    if (!panel || !compared) return;
    const { webview } = panel;
    const uri = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.media, name)).toString();
    this.lastHtml = agreementPage(compared.view, { cspSource: webview.cspSource, nonce: newNonce(), styleUris: [uri('compare.css'), uri('agreement.css')], scriptUri: uri('grid.js') });
    webview.html = this.lastHtml;
  }

  /**
   * "Show the differences of this article" (public for tests; the page is not trusted, so anything
   * else is ignored): opens the adjudication view for set B when it is there (once per set), then
   * the article from set A with its first difference selected — both coders' spans are on A's text.
   */
  async receive(message: unknown): Promise<void> {
    const compared = this.compared;
    if (!isDifferences(message) || !compared) return;
    if (!compared.view.report.articles.some((a) => a.article === message.article)) return;
    const uri = vscode.Uri.joinPath(compared.rootA, ...message.article.split('/'));
    const b = compared.rootB;
    if (b && !this.adjudicating.has(b.toString()) && (await vscode.commands.getCommands(true)).includes(CommandId.compareWithAnnotationSet)) {
      this.adjudicating.add(b.toString());
      await vscode.commands.executeCommand(CommandId.compareWithAnnotationSet, b);
    }
    const first = compared.view.report.disagreements.find((d) => d.article === message.article);
    const span = first?.a ?? first?.b;
    const viewColumn = this.besidePanel();
    if (span) return selectSpan(articleKey(uri), span.start, span.end, { viewColumn, preserveFocus: true });
    await vscode.window.showTextDocument(uri, { viewColumn, preserveFocus: true });
  }

  /** The editor group beside the panel, so the keyboard stays in the list. */
  private besidePanel(): vscode.ViewColumn {
    const own = this.panel?.viewColumn ?? vscode.ViewColumn.Two;
    return own === vscode.ViewColumn.One ? vscode.ViewColumn.Two : own - 1;
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}

/** Set B cannot be compared with A as chosen (the problem is the choice, not the files). */
class ChoiceError extends Error {}

/**
 * Reads the saved sets through their folder's file system (a virtual workspace too) and compares
 * them; an UnreadableSetError says which files stop it, a ChoiceError what is wrong with set B.
 */
async function compute(rootA: vscode.Uri, how: { b: vscode.Uri } | { authors: readonly [string, string] }): Promise<Compared> {
  const a = setOn(rootA);
  if ('authors' in how) {
    const set = requireReadable(await readAnnotationSet(a.fs, a.root, { ...a.options, withoutArticle: 'problem' }));
    const articles = [...set.articles.values()];
    const paired = splitByAuthor(articles, [how.authors[0], how.authors[1]]);
    const view: AgreementView = { report: compareArticles(paired.pairs), ...bySubLabel(paired.pairs), a: how.authors[0], b: how.authors[1], by: 'author', ...notes(paired), withoutAuthor: authorsOf(articles).withoutAuthor };
    return { view, rootA, rootB: undefined, notices: linkNotices(rootA, set.skipped) };
  }
  const rootB = a.fs.pathOf(how.b);
  // One port reads both sets, and the set nested in the other is told apart by path: one file system.
  if (rootB === undefined) throw new ChoiceError(vscode.l10n.t('set B ({0}) is not on the file system of set A ({1}); put both sets in one place.', shown(how.b), shown(rootA)));
  if (rootB.replace(/\/$/, '') === a.root.replace(/\/$/, '')) throw new ChoiceError(vscode.l10n.t('set B is set A: choose the second coder’s folder.'));
  const { paired, skipped } = await pairFolders(a.fs, a.root, rootB, a.options);
  const view: AgreementView = { report: compareArticles(paired.pairs), ...bySubLabel(paired.pairs), a: shown(rootA), b: shown(how.b), by: 'set', ...notes(paired) };
  return { view, rootA, rootB: how.b, notices: linkNotices(rootA, skipped) };
}

/** Reading with withoutArticle 'problem' passes over symbolic links only. */
function linkNotices(root: vscode.Uri, skipped: readonly SkippedFile[]): string[] {
  return skipped.map((s) => vscode.l10n.t('skipped symlink {0}.', shown(root.with({ path: s.path }))));
}

function notes(p: { onlyInA: string[]; onlyInB: string[]; reattached: AgreementView['reattached']; orphansLeftOut: number }): Pick<AgreementView, 'onlyInA' | 'onlyInB' | 'reattached' | 'orphansLeftOut'> {
  return { onlyInA: p.onlyInA, onlyInB: p.onlyInB, reattached: p.reattached, orphansLeftOut: p.orphansLeftOut };
}

/** Coder A, then coder B among the rest; with exactly two authors, no question. */
async function pickTwo(names: readonly string[], counts: ReadonlyMap<string, number>): Promise<readonly [string, string] | undefined> {
  if (names.length === 2) return [names[0]!, names[1]!];
  const item = (n: string): vscode.QuickPickItem => ({ label: n, description: vscode.l10n.t('{0} tags', counts.get(n) ?? 0) });
  const a = await vscode.window.showQuickPick(names.map(item), { title: vscode.l10n.t('Agreement Report: Coder A') });
  if (!a) return undefined;
  const b = await vscode.window.showQuickPick(names.filter((n) => n !== a.label).map(item), { title: vscode.l10n.t('Agreement Report: Coder B (A is {0})', a.label) });
  return b && [a.label, b.label];
}

/** The per-sub-label figures, when some tags carry a sub-label. */
function bySubLabel(pairs: readonly ArticlePair[]): Pick<AgreementView, 'bySubLabel'> {
  const sub = subLabelPairs(pairs);
  return sub.categories.length > 0 ? { bySubLabel: compareArticles(sub.pairs, { categories: sub.categories }) } : {};
}
