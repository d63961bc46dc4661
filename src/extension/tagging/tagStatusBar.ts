import * as vscode from 'vscode';
import { CATEGORIES, CATEGORY_IDS } from '../../core/codebook';
import { isOrphan, needsReview } from '../../core/review/filter';
import type { TagStore } from '../../core/tagStore';
import { articleKey } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { Disposable } from '../shared/disposable';

/** The active article's tag counts per category (of the tags the lens shows); a click opens the Tags view. */
export class TagStatusBar extends Disposable {
  readonly item = vscode.window.createStatusBarItem('newsmark.tagCounts', vscode.StatusBarAlignment.Right, 100);

  constructor(private readonly store: TagStore, private readonly lens: TagLens = ALL_TAGS) {
    super();
    this.item.name = vscode.l10n.t('Newsmark Tag Counts');
    this.item.command = CommandId.showTagsView;
    [
      this.item,
      store.onDidChange((change) => {
        if (vscode.window.activeTextEditor && articleKey(vscode.window.activeTextEditor.document.uri) === change.key) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      lens.onDidChange(() => this.update()),
    ].forEach((d) => this.register(d));
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const tags = editor ? this.lens.shown(this.store.tags(articleKey(editor.document.uri))) : [];
    if (tags.length === 0) {
      this.item.hide();
      return;
    }
    const placed = tags.filter((t) => !isOrphan(t));
    const counts = CATEGORY_IDS.map((c) => placed.filter((t) => t.category === c).length);
    // Editorial framing is the longest name by far: the status bar has room for "Framing".
    this.item.text = `$(tag) ${CATEGORIES.map((c, i) => `${c.id === 'framing' ? vscode.l10n.t('Framing') : c.label} ${counts[i]}`).join(' · ')}`;
    const review = tags.filter(needsReview).length;
    const orphans = tags.length - placed.length;
    const tooltip = new vscode.MarkdownString(vscode.l10n.t('**Newsmark** — {0} tags in this article', tags.length));
    if (review > 0) tooltip.appendMarkdown(`\n\n$(warning) ${vscode.l10n.t('{0} need review', review)}`);
    if (orphans > 0) tooltip.appendMarkdown(`\n\n$(debug-disconnect) ${vscode.l10n.t('{0} orphaned', orphans)}`);
    tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Click to open the Tags view.')}`);
    tooltip.supportThemeIcons = true;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Newsmark tags: {0}', CATEGORIES.map((c, i) => `${counts[i]} ${c.label}`).join(', ')) };
    this.item.show();
  }
}
