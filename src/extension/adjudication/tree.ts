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
        const item = new vscode.TreeItem('Differences', count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = nodeId(node);
        item.description = count > 0 ? `${count} with ${otherName}` : `none left with ${otherName}`;
        item.iconPath = new vscode.ThemeIcon('git-compare');
        item.contextValue = TreeItemContext.differencesGroup;
        item.tooltip = `Where this set and ${otherName} differ. Settle each with Take Theirs, Keep Mine, Keep Both or Drop Both; Accept All Agreements confirms the tags both sets share.`;
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
      const item = new vscode.TreeItem(d ? DIFFERENCE_LABELS[d.kind] : '(settled)', vscode.TreeItemCollapsibleState.None);
      item.id = nodeId(node);
      if (!d) return item;
      item.description = `mine: ${describeSide(d.a)} · theirs: ${describeSide(d.b)}`;
      item.iconPath = new vscode.ThemeIcon(ICONS[d.kind]);
      item.contextValue = TreeItemContext.difference;
      const md = new vscode.MarkdownString();
      md.appendMarkdown(`**${DIFFERENCE_LABELS[d.kind]}**\n\n*Mine:* `).appendText(describeSide(d.a)).appendMarkdown(`\n\n*Theirs (${otherName}):* `).appendText(describeSide(d.b));
      item.tooltip = md;
      item.accessibilityInformation = { label: `${DIFFERENCE_LABELS[d.kind]}: mine ${describeSide(d.a)}, theirs ${describeSide(d.b)}` };
      item.command = { command: CommandId.revealDifference, title: 'Show Difference', arguments: [{ key: node.key, id: node.id }] };
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
