import * as vscode from 'vscode';
import { categoryOf } from '../../core/codebook';
import { tagsAt } from '../../core/tag';
import type { TagStore } from '../../core/tagStore';
import { articleKey } from './articles';
import type { TagRef } from './commandIds';
import { DocumentOffsets } from './positions';
import { ALL_TAGS, type TagLens } from './tagLens';

export function isTagRef(value: unknown): value is TagRef {
  return typeof value === 'object' && value !== null && typeof (value as TagRef).key === 'string' && typeof (value as TagRef).id === 'string';
}

/**
 * The tags a command acts on. From the Tags view VS Code passes the clicked row and the
 * selected rows; a hover or a script passes one tag; from the editor it is the tag under the
 * cursor (one the lens shows: a hidden tag is never acted on by accident), with a pick when
 * several overlap there.
 */
export async function resolveTargets(store: TagStore, first: unknown, second: unknown, question: string, lens: TagLens = ALL_TAGS): Promise<TagRef[]> {
  if (Array.isArray(second) && second.length > 0 && second.every(isTagRef)) return second.map(({ key, id }) => ({ key, id }));
  if (isTagRef(first)) return [{ key: first.key, id: first.id }];
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Put the cursor in a tagged span first.'));
    return [];
  }
  const key = articleKey(editor.document.uri);
  const offset = DocumentOffsets.of(editor.document).codePoint(editor.selection.active);
  const here = tagsAt(lens.shown(store.tags(key)), offset);
  if (here.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('There is no tag at the cursor.'));
    return [];
  }
  if (here.length === 1) return [{ key, id: here[0]!.id }];
  const picked = await vscode.window.showQuickPick(
    here.map((t) => ({ label: `$(${categoryOf(t.category).icon}) ${t.text.slice(0, 80)}`, description: categoryOf(t.category).label, id: t.id })),
    { title: question },
  );
  return picked ? [{ key, id: picked.id }] : [];
}

/** Groups tag references by article, for one store change per article. */
export function byArticle(refs: readonly TagRef[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { key, id } of refs) groups.set(key, [...(groups.get(key) ?? []), id]);
  return groups;
}
