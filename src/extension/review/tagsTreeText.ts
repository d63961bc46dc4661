// The words of the Tags view's rows: attention groups, counts, conflicts and tag tooltips, in the display language.
import * as vscode from 'vscode';
import { categoryOf } from '../../core/codebook';
import { isOrphan } from '../../core/review/filter';
import type { AttentionGroup } from '../../core/review/tagTree';
import type { TagConflict } from '../../core/merge';
import type { Tag } from '../../core/tag';
import { TreeItemContext } from '../shared/treeItemContexts';
import { around } from '../tagging/around';

const LABEL_LENGTH = 60;

/** How an attention group looks, its words in the display language. */
export function attention(group: AttentionGroup): { label: string; icon: string; color: string; context: TreeItemContext; tooltip: string } {
  switch (group) {
    case 'conflicts': return {
      label: vscode.l10n.t('Conflicts'), icon: 'git-merge', color: 'problemsErrorIcon.foreground', context: TreeItemContext.conflictsGroup,
      tooltip: vscode.l10n.t('Tags changed both here and in the sidecar on disk (a pull, another window). The file keeps its version until you choose Keep Mine or Keep Theirs.'),
    };
    case 'needs-review': return {
      label: vscode.l10n.t('Needs review'), icon: 'warning', color: 'problemsWarningIcon.foreground', context: TreeItemContext.needsReviewGroup,
      tooltip: vscode.l10n.t('Tags re-attached to text that changed since they were made. Check each, then accept, confirm or fix it.'),
    };
    case 'orphaned': return {
      label: vscode.l10n.t('Orphaned'), icon: 'debug-disconnect', color: 'problemsWarningIcon.foreground', context: TreeItemContext.orphanedGroup,
      tooltip: vscode.l10n.t('Tags whose text could not be found in their article. Select the text they belong to and use Re-attach to Selection, or remove them.'),
    };
  }
}

/** The summary row's count: "12 tags in 3 articles". */
export function tagsInArticles(tags: number, articles: number): string {
  if (tags === 1) return articles === 1 ? vscode.l10n.t('1 tag in 1 article') : vscode.l10n.t('1 tag in {0} articles', articles);
  return articles === 1 ? vscode.l10n.t('{0} tags in 1 article', tags) : vscode.l10n.t('{0} tags in {1} articles', tags, articles);
}

export function conflictLabel(conflict: TagConflict): string {
  if (!conflict.mine) return vscode.l10n.t('deleted here, changed on disk');
  if (!conflict.theirs) return vscode.l10n.t('changed here, deleted on disk');
  return vscode.l10n.t('changed here and on disk');
}

/** Both versions side by side, field by field where they differ. */
export function conflictTooltip(conflict: TagConflict): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`${vscode.l10n.t('**Conflict:** {0}', conflictLabel(conflict))}\n\n`);
  const verdict = (tag: Tag): string => (tag.review === 'confirmed' ? vscode.l10n.t('confirmed') : vscode.l10n.t('disputed'));
  const describe = (tag: Tag | undefined): string => (tag
    ? `${categoryOf(tag.category).label} “${shorten(tag.text)}”${tag.note ? ` — ${vscode.l10n.t('note: {0}', tag.note)}` : ''}${tag.review ? ` — ${verdict(tag)}` : ''}`
    : vscode.l10n.t('(deleted)'));
  md.appendMarkdown(`*${vscode.l10n.t('Mine:')}* `).appendText(describe(conflict.mine)).appendMarkdown(`\n\n*${vscode.l10n.t('Theirs (on disk):')}* `).appendText(describe(conflict.theirs));
  return md;
}

/** One line, at most LABEL_LENGTH characters (code points), with an ellipsis when cut. */
export function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(oneLine);
  return chars.length <= LABEL_LENGTH ? oneLine : `${chars.slice(0, LABEL_LENGTH - 1).join('')}…`;
}

export function tooltip(tag: Tag): vscode.MarkdownString {
  const category = categoryOf(tag.category);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${category.label}** (${tag.start}–${tag.end})\n\n`);
  md.appendText(tag.text);
  if (tag.status === 'fuzzy' && tag.previousText !== undefined) md.appendMarkdown(`\n\n*${vscode.l10n.t('Re-attached to changed text; it was:')}* `).appendText(tag.previousText);
  if (isOrphan(tag)) md.appendMarkdown(`\n\n*${vscode.l10n.t('Orphaned: this text is no longer in the article.')}*`);
  if (tag.review && tag.reviewer) {
    const [before, after] = around((r) => (tag.review === 'confirmed' ? vscode.l10n.t('*Confirmed* by {0}', r) : vscode.l10n.t('*Disputed* by {0}', r)));
    md.appendMarkdown(`\n\n${before}`).appendText(tag.reviewer).appendMarkdown(after);
  } else if (tag.review) md.appendMarkdown(`\n\n*${tag.review === 'confirmed' ? vscode.l10n.t('Confirmed') : vscode.l10n.t('Disputed')}*`);
  if (tag.note) md.appendMarkdown('\n\n---\n\n').appendText(tag.note);
  return md;
}

/** "46.3" in English, "46,3" in German: the number in the display language's own notation. */
export function oneDecimal(n: number): string {
  return new Intl.NumberFormat(vscode.env.language, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(n);
}
