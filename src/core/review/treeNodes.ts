// Row identity for the Tags view: one id per row, and one object per id.
import type { TreeNode } from './tagTree';

/**
 * Ids unique across the whole tree and stable for what a row shows: the article's key and the
 * tag's id, never a position or a counter. VS Code keys its rows by them.
 */
export function nodeId(node: TreeNode): string {
  switch (node.kind) {
    case 'summary':
      return 'summary';
    case 'stat':
      return `stat:${node.label}`;
    case 'attention':
      return `attention:${node.group}`;
    case 'article':
      return `article:${node.category ?? ''}${node.label !== undefined ? `#${node.label}` : ''}:${node.key}`;
    case 'label':
      return `label:${node.category}#${node.label}:${node.key ?? ''}`;
    case 'category':
      return `category:${node.category}:${node.key ?? ''}`;
    case 'tag':
      return `tag:${node.place}:${node.key}#${node.id}`;
    case 'suggestions':
      return `suggestions:${node.category ?? ''}`;
    case 'suggestion':
      return `suggestion:${node.key}#${node.category}:${node.start}:${node.end}`;
    case 'differences':
      return `differences:${node.key ?? ''}`;
    case 'difference':
      return `difference:${node.key}#${node.id}`;
  }
}

/**
 * One object per row id. VS Code's tree finds a row it has seen by the element object itself;
 * handing it a fresh object for a row it already holds (a reveal while a refresh is in flight)
 * makes it register the row a second time ("Element with id … is already registered") and
 * leaves its child lists half rebuilt.
 */
export class TreeNodes {
  private readonly nodes = new Map<string, TreeNode>();

  of(node: TreeNode): TreeNode {
    const id = nodeId(node);
    const known = this.nodes.get(id);
    if (known) return known;
    this.nodes.set(id, node);
    return node;
  }

  /** Forgets the rows `keep` says are gone (removed tags, withdrawn suggestions), so the map does not grow for ever. */
  prune(keep: (node: TreeNode) => boolean): void {
    for (const [id, node] of this.nodes) if (!keep(node)) this.nodes.delete(id);
  }

  get size(): number {
    return this.nodes.size;
  }
}
