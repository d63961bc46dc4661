import * as vscode from 'vscode';
import { DIFFERENCE_LABELS } from '../../core/agreement';
import { articleUri, fileName } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { TreeItemContext } from '../shared/treeItemContexts';
import { nodeId, type DifferenceNode, type DifferenceRows } from '../review/tagsTree';
import type { Comparison } from './comparison';
import { describeSide } from './editor';

/** The Tags view's "Differences" group: one row per article with differences, one per difference under it. */
export function differenceRows(comparison: Comparison, otherName: string): DifferenceRows {
  const keys = (): string[] => comparison.keys().filter((key) => comparison.differences(key).length > 0);
  return {
    comparing: () => true,
    keys,
    ids: (key) => comparison.differences(key).map((d) => d.id),
    onDidChange: (listener) => comparison.onDidChange(() => {
      listener();
    }),
    item: (node: DifferenceNode, count: number): vscode.TreeItem => {
      if (node.kind === 'differences' && node.key === undefined) {
        const item = new vscode.TreeItem(vscode.l10n.t('Differences'), count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = nodeId(node);
        item.description = count > 0 ? vscode.l10n.t('{0} with {1}', count, otherName) : vscode.l10n.t('none left with {0}', otherName);
        item.iconPath = new vscode.ThemeIcon('git-compare');
        item.contextValue = TreeItemContext.differencesGroup;
        item.tooltip = vscode.l10n.t('Where this set and {0} differ. Settle each with Take Theirs, Keep Mine, Keep Both or Drop Both; Accept All Agreements confirms the tags both sets share.', otherName);
        return item;
      }
      if (node.kind === 'differences') {
        const uri = articleUri(node.key!);
        const item = new vscode.TreeItem(fileName(uri), vscode.TreeItemCollapsibleState.Expanded);
        item.id = nodeId(node);
        item.resourceUri = uri;
        item.iconPath = vscode.ThemeIcon.File;
        item.description = String(count);
        item.contextValue = TreeItemContext.differencesArticle;
        item.tooltip = comparison.pathOf(node.key!);
        return item;
      }
      const d = comparison.find(node.key, node.id);
      const item = new vscode.TreeItem(d ? DIFFERENCE_LABELS[d.kind] : vscode.l10n.t('(settled)'), vscode.TreeItemCollapsibleState.None);
      item.id = nodeId(node);
      if (!d) return item;
      item.description = vscode.l10n.t('mine: {0} · theirs: {1}', describeSide(d.a), describeSide(d.b));
      item.iconPath = new vscode.ThemeIcon(ICONS[d.kind]);
      item.contextValue = TreeItemContext.difference;
      const md = new vscode.MarkdownString();
      md.appendMarkdown(`**${DIFFERENCE_LABELS[d.kind]}**\n\n*${vscode.l10n.t('Mine:')}* `).appendText(describeSide(d.a)).appendMarkdown(`\n\n*${vscode.l10n.t('Theirs ({0}):', otherName)}* `).appendText(describeSide(d.b));
      item.tooltip = md;
      item.accessibilityInformation = { label: vscode.l10n.t('{0}: mine {1}, theirs {2}', DIFFERENCE_LABELS[d.kind], describeSide(d.a), describeSide(d.b)) };
      item.command = { command: CommandId.revealDifference, title: vscode.l10n.t('Show Difference'), arguments: [{ key: node.key, id: node.id }] };
      return item;
    },
  };
}

const ICONS = {
  'only-in-a': 'diff-removed',
  'only-in-b': 'diff-added',
  'category-differs': 'symbol-enum',
  'boundaries-differ': 'whitespace',
  'label-differs': 'tag',
} as const;
