import * as vscode from 'vscode';
import { RESOLUTION_LABELS, type Resolution } from '../../core/agreement';
import { ReadOnlyTagsError } from '../../core/tagStore';
import { selectSpan } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { ContextKeys } from '../shared/contextKeys';
import { author } from '../shared/settings';
import type { TagsView } from '../review/tagsView';
import type { Services } from '../shared/services';
import { Comparison, type ComparisonSummary } from './comparison';
import { DifferenceEditor, differenceAt, extentOf, RESOLUTION_COMMANDS, type DifferenceRef } from './editor';
import { contains, readOtherSet, shown } from './sets';
import { differenceRows } from './tree';

/** Who settled a difference, recorded as `reviewer`: the newsmark.author setting, else this. */
export const DEFAULT_REVIEWER = 'adjudicator';

export interface AdjudicationFeature extends vscode.Disposable {
  /** The open comparison, if any. */
  readonly comparison: Comparison | undefined;
  readonly editor: DifferenceEditor | undefined;
}

/**
 * Adjudication (issue 14, item 4): "Compare With Annotation Set…" opens a comparison of this set
 * with another folder; the Tags view lists the differences, the editor outlines their spans, and
 * Take Theirs / Keep Mine / Keep Both / Drop Both settle them through the store.
 */
export function register(context: vscode.ExtensionContext, { store, storage }: Services, tagsView: TagsView): AdjudicationFeature {
  let comparison: Comparison | undefined;
  let editor: DifferenceEditor | undefined;

  const stop = (): void => {
    tagsView.provider.showDifferences(undefined);
    editor?.dispose();
    comparison?.dispose();
    editor = comparison = undefined;
    ContextKeys.comparing.set(false);
  };

  const compare = async (picked?: vscode.Uri): Promise<ComparisonSummary | undefined> => {
    const ours = currentSet();
    if (!ours) return void vscode.window.showErrorMessage(vscode.l10n.t('Open the folder of your annotation set first: Newsmark compares it with the folder you pick.'));
    const folder = picked instanceof vscode.Uri ? picked : (await vscode.window.showOpenDialog({
      canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Compare'), title: vscode.l10n.t('Compare With Annotation Set: the other coder\'s folder'),
    }))?.[0];
    if (!folder) return undefined;
    const problem = await refusal(ours, folder);
    if (problem) return void vscode.window.showErrorMessage(problem);
    try {
      await storage.ready;
      const other = await readOtherSet(folder);
      stop();
      comparison = await Comparison.open(store, ours, other);
      editor = new DifferenceEditor(comparison);
      tagsView.provider.showDifferences(differenceRows(comparison, nameOf(folder)));
      ContextKeys.comparing.set(true);
      void vscode.window.showInformationMessage(describe(comparison.summary, nameOf(folder)));
      return comparison.summary;
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };

  const resolve = (resolution: Resolution) => (ref?: DifferenceRef, many?: readonly DifferenceRef[]): boolean => {
    if (!comparison) return nothingOpen();
    const active = vscode.window.activeTextEditor;
    const atCursor = active && differenceAt(comparison, active);
    const targets = many && many.length > 1 ? many : ref ? [ref] : atCursor && active ? [{ key: active.document.uri.toString(), id: atCursor.id }] : [];
    if (targets.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0}: put the cursor in a difference (Next Difference finds one), or use the Differences group in the Tags view.', RESOLUTION_LABELS[resolution]));
      return false;
    }
    let settled = 0;
    for (const target of targets) {
      try {
        if (comparison.settle(target.key, target.id, resolution, author() ?? DEFAULT_REVIEWER)) settled++;
      } catch (error) {
        // The other differences are still settled; this one waits until its sidecar is fixed.
        if (!(error instanceof ReadOnlyTagsError)) throw error;
        void vscode.window.showWarningMessage(vscode.l10n.t('{0}: {1}', RESOLUTION_LABELS[resolution], error.message));
      }
    }
    return settled > 0;
  };

  const acceptAll = (): number => {
    if (!comparison) {
      nothingOpen();
      return 0;
    }
    const reviewer = author() ?? DEFAULT_REVIEWER;
    let confirmed = 0;
    const refused: string[] = [];
    for (const [key, ids] of comparison.unconfirmedAgreements(reviewer)) {
      try {
        store.updateMany(key, ids, { review: 'confirmed', reviewer });
        confirmed += ids.length;
      } catch (error) {
        if (!(error instanceof ReadOnlyTagsError)) throw error;
        refused.push(comparison.pathOf(key) ?? key);
      }
    }
    const left = comparison.total();
    const done = confirmed === 0 ? vscode.l10n.t('Accept All Agreements: no agreed tag was left to confirm (reviewer: {0}).', reviewer)
      : confirmed === 1 ? vscode.l10n.t('Accept All Agreements: confirmed 1 tag both sets have alike (reviewer: {0}).', reviewer)
        : vscode.l10n.t('Accept All Agreements: confirmed {0} tags both sets have alike (reviewer: {1}).', confirmed, reviewer);
    const rest = left === 0 ? vscode.l10n.t('No differences are left.')
      : left === 1 ? vscode.l10n.t('1 difference is left to settle one by one.')
        : vscode.l10n.t('{0} differences are left to settle one by one.', left);
    const readOnly = refused.length > 0 ? vscode.l10n.t('Read-only, not changed: {0}.', refused.join(', ')) : '';
    // Whole sentences, each translated on its own.
    void vscode.window.showInformationMessage([done, rest, readOnly].filter((s) => s !== '').join(' '));
    return confirmed;
  };

  const disposables = [
    registerCommand(CommandId.compareWithAnnotationSet, compare),
    registerCommand(CommandId.stopComparing, stop),
    ...(Object.keys(RESOLUTION_COMMANDS) as Resolution[]).map((r) => registerCommand(RESOLUTION_COMMANDS[r], resolve(r))),
    registerCommand(CommandId.acceptAllAgreements, acceptAll),
    registerCommand(CommandId.nextDifference, () => (editor ? editor.step(1) : nothingOpen())),
    registerCommand(CommandId.previousDifference, () => (editor ? editor.step(-1) : nothingOpen())),
    registerCommand(CommandId.revealDifference, async (ref: DifferenceRef) => {
      const d = comparison?.find(ref.key, ref.id);
      if (d) await selectSpan(ref.key, extentOf(d).start, extentOf(d).end, { preserveFocus: true });
    }),
  ];
  ContextKeys.comparing.set(false);
  const feature: AdjudicationFeature = {
    get comparison() {
      return comparison;
    },
    get editor() {
      return editor;
    },
    dispose: () => {
      stop();
      for (const d of disposables) d.dispose();
    },
  };
  context.subscriptions.push(feature);
  return feature;
}

function nothingOpen(): false {
  void vscode.window.showInformationMessage(vscode.l10n.t('No comparison is open: use "Newsmark: Compare With Annotation Set…" first.'));
  return false;
}

/** Our set: the workspace folder of the active article, else the first one. */
function currentSet(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** Why a folder cannot be the other set, if it cannot. */
async function refusal(ours: vscode.Uri, other: vscode.Uri): Promise<string | undefined> {
  const stat = await vscode.workspace.fs.stat(other).then((s) => s, () => undefined);
  if (!stat) return vscode.l10n.t('{0}: no such folder.', shown(other));
  if (!(stat.type & vscode.FileType.Directory)) return vscode.l10n.t('{0} is not a folder; an annotation set is a folder of articles with their sidecars.', shown(other));
  if (contains(other, ours)) {
    return other.path === ours.path
      ? vscode.l10n.t('{0} is this set: pick the other coder\'s folder (a worktree, a colleague\'s export).', shown(other))
      : vscode.l10n.t('{0} is this set or holds it: pick the other coder\'s folder (a worktree, a colleague\'s export).', shown(other));
  }
  return undefined;
}

function nameOf(folder: vscode.Uri): string {
  return folder.path.replace(/\/$/, '').slice(folder.path.replace(/\/$/, '').lastIndexOf('/') + 1) || folder.toString();
}

function describe(s: ComparisonSummary, other: string): string {
  const notes = [
    s.reattached.length === 1 && vscode.l10n.t('their tags re-attached to this set\'s text in 1 changed article ({0})', s.reattached.join(', ')),
    s.reattached.length > 1 && vscode.l10n.t('their tags re-attached to this set\'s text in {0} changed articles ({1})', s.reattached.length, s.reattached.join(', ')),
    s.orphaned === 1 && vscode.l10n.t('1 tag could not be placed and are not compared'),
    s.orphaned > 1 && vscode.l10n.t('{0} tags could not be placed and are not compared', s.orphaned),
    s.onlyHere.length > 0 && vscode.l10n.t('only here: {0}', s.onlyHere.join(', ')),
    s.onlyThere.length > 0 && vscode.l10n.t('only in {0}: {1}', other, s.onlyThere.join(', ')),
    s.readOnly.length > 0 && vscode.l10n.t('left out (sidecar cannot be read): {0}', s.readOnly.join(', ')),
    s.skipped.length > 0 && vscode.l10n.t('left out in {0}: {1}', other, s.skipped.join(', ')),
  ].filter(Boolean);
  const found = s.differences === 1
    ? (s.articles === 1 ? vscode.l10n.t('Comparing with {0}: 1 difference in 1 article.', other) : vscode.l10n.t('Comparing with {0}: 1 difference in {1} articles.', other, s.articles))
    : (s.articles === 1 ? vscode.l10n.t('Comparing with {0}: {1} differences in 1 article.', other, s.differences) : vscode.l10n.t('Comparing with {0}: {1} differences in {2} articles.', other, s.differences, s.articles));
  return notes.length > 0 ? `${found} ${vscode.l10n.t('Note: {0}.', notes.join('; '))}` : found;
}
