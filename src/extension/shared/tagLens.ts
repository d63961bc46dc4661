import * as vscode from 'vscode';
import type { Tag } from '../../core/tag';

/**
 * What the views show of the store's tags (see core/review/visibility.ts): every view reads the
 * store through one lens, and redraws when it changes. The store is never filtered itself, so
 * edits, merges and sidecar writes always see every tag.
 */
export interface TagLens {
  shown(tags: readonly Tag[]): readonly Tag[];
  /** Fires when a different set of tags is shown (the author or the mode changed). */
  readonly onDidChange: vscode.Event<void>;
}

/** Every tag, always: for views built without blind coding (tests, tools). */
export const ALL_TAGS: TagLens = { shown: (tags) => tags, onDidChange: () => ({ dispose: () => undefined }) };
