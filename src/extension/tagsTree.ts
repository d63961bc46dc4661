import * as vscode from 'vscode';
import { categoryOf } from '../core/codebook';
import type { Tag } from '../core/tag';
import type { TagStore } from '../core/tagStore';
import { articleUri, fileName } from './articles';
import { CommandId, type TagRef } from './commandIds';

export const TAGS_VIEW_ID = 'newsmark.tags';
const LABEL_LENGTH = 60;

export type TagsNode = ArticleNode | OrphansNode | TagNode;

export interface ArticleNode {
  readonly kind: 'article';
  readonly key: string;
}

/** The tags of an article that could not be found in its text. */
export interface OrphansNode {
  readonly kind: 'orphans';
  readonly key: string;
}

export interface TagNode extends TagRef {
  readonly kind: 'tag';
}

/** The "Tags" view: article → tags, straight from the store. */
export class TagsTreeProvider implements vscode.TreeDataProvider<TagsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TagsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: TagStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: TagsNode): TagsNode[] {
    if (!node) {
      return this.store.keys()
        .filter((key) => this.store.tags(key).length > 0 || this.store.get(key)?.problem !== undefined)
        .sort((a, b) => fileName(articleUri(a)).localeCompare(fileName(articleUri(b))))
        .map((key) => ({ kind: 'article', key }));
    }
    const tags = this.store.tags(node.key);
    const row = (t: Tag): TagNode => ({ kind: 'tag', key: node.key, id: t.id });
    if (node.kind === 'orphans') return tags.filter(isOrphan).map(row);
    if (node.kind === 'article') {
      const placed: TagsNode[] = tags.filter((t) => !isOrphan(t)).map(row);
      return tags.some(isOrphan) ? [...placed, { kind: 'orphans', key: node.key }] : placed;
    }
    return [];
  }

  getParent(node: TagsNode): TagsNode | undefined {
    if (node.kind === 'article') return undefined;
    const tag = node.kind === 'tag' ? this.store.find(node.key, node.id) : undefined;
    return tag && isOrphan(tag) ? { kind: 'orphans', key: node.key } : { kind: 'article', key: node.key };
  }

  getTreeItem(node: TagsNode): vscode.TreeItem {
    if (node.kind === 'article') return this.articleItem(node);
    if (node.kind === 'orphans') return this.orphansItem(node);
    return this.tagItem(node);
  }

  private orphansItem(node: OrphansNode): vscode.TreeItem {
    const count = this.store.tags(node.key).filter(isOrphan).length;
    const item = new vscode.TreeItem('Orphaned', vscode.TreeItemCollapsibleState.Expanded);
    item.id = `${node.key}#orphans`;
    item.description = String(count);
    item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = 'Tags whose text could not be found in the article. Select the text they belong to and use "Re-attach to Selection", or delete them.';
    item.contextValue = 'newsmark.orphans';
    return item;
  }

  private articleItem(node: ArticleNode): vscode.TreeItem {
    const uri = articleUri(node.key);
    const entry = this.store.get(node.key);
    const count = entry?.tags.length ?? 0;
    const item = new vscode.TreeItem(fileName(uri), vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.key;
    item.resourceUri = uri;
    item.contextValue = 'newsmark.article';
    item.description = `${count} ${count === 1 ? 'tag' : 'tags'}${this.store.isModified(node.key) ? ' · unsaved' : ''}`;
    if (entry?.problem !== undefined) {
      item.description += ' · read-only';
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.tooltip = entry.problem;
    } else {
      item.iconPath = vscode.ThemeIcon.File;
      item.tooltip = vscode.workspace.asRelativePath(uri);
    }
    return item;
  }

  private tagItem(node: TagNode): vscode.TreeItem {
    const tag = this.store.find(node.key, node.id);
    if (!tag) return new vscode.TreeItem('(tag removed)');
    const category = categoryOf(tag.category);
    const item = new vscode.TreeItem(shorten(tag.text), vscode.TreeItemCollapsibleState.None);
    item.id = `${node.key}#${tag.id}`;
    const flags = isOrphan(tag) ? [] : tag.status === 'fuzzy' ? ['needs review'] : [];
    item.description = [...flags, category.label, ...(tag.note ? [tag.note] : [])].join(' · ');
    item.iconPath = tag.status === 'fuzzy'
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(category.icon, new vscode.ThemeColor(category.rulerColorId));
    const readOnly = this.store.get(node.key)?.problem !== undefined;
    item.contextValue = readOnly ? 'newsmark.tag.readonly' : isOrphan(tag) ? 'newsmark.tag.orphaned' : tag.status === 'fuzzy' ? 'newsmark.tag.fuzzy' : 'newsmark.tag';
    item.tooltip = tooltip(tag);
    if (!isOrphan(tag)) item.command = { command: CommandId.revealTag, title: 'Show Tag', arguments: [{ key: node.key, id: tag.id } satisfies TagRef] };
    item.accessibilityInformation = { label: `${category.label}: ${tag.text}` };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Orphaned, or collapsed by deleting all its text (saved as orphaned unless an undo brings it back). */
function isOrphan(tag: Tag): boolean {
  return tag.status === 'orphaned' || tag.start === tag.end;
}

/** One line, at most LABEL_LENGTH characters (code points), with an ellipsis when cut. */
export function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(oneLine);
  return chars.length <= LABEL_LENGTH ? oneLine : `${chars.slice(0, LABEL_LENGTH - 1).join('')}…`;
}

function tooltip(tag: Tag): vscode.MarkdownString {
  const category = categoryOf(tag.category);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${category.label}** (${tag.start}–${tag.end})\n\n`);
  md.appendText(tag.text);
  if (tag.status === 'fuzzy' && tag.previousText !== undefined) {
    md.appendMarkdown('\n\n*Re-attached to changed text; it was:* ').appendText(tag.previousText);
  }
  if (isOrphan(tag)) md.appendMarkdown('\n\n*Orphaned: this text is no longer in the article.*');
  if (tag.note) md.appendMarkdown('\n\n---\n\n').appendText(tag.note);
  return md;
}
