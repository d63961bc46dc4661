import * as vscode from 'vscode';
import { categoryOf, type CategoryId } from '../../core/codebook';
import type { Codebook, SubLabel } from '../../core/codebook/index';

/** What the pick answers: a label's id, `null` for "no sub-label", undefined when dismissed (Escape). */
export type SubLabelChoice = string | null | undefined;

interface LabelItem extends vscode.QuickPickItem {
  readonly id: string | null;
}

/**
 * The sub-labels of a category, under their groups, each with its key: typing a label's key
 * as the first character picks it at once (as the codebook promises), anything else filters.
 */
export function pickSubLabel(codebook: Codebook, category: CategoryId, options: { current?: string; title: string; offerNone: boolean }): Promise<SubLabelChoice> {
  const labels = codebook.categories[category].labels;
  const items = itemsOf(labels, options.current, options.offerNone);
  const pick = vscode.window.createQuickPick<LabelItem>();
  pick.title = options.title;
  pick.placeholder = options.current
    ? vscode.l10n.t('{0}: a sub-label (type its key to pick it; Escape keeps it as it is)', categoryOf(category).label)
    : vscode.l10n.t('{0}: a sub-label (type its key to pick it; Escape keeps the plain category)', categoryOf(category).label);
  pick.items = items;
  pick.matchOnDetail = true;
  pick.matchOnDescription = true;
  const current = items.find((i) => i.id === options.current && i.id !== undefined);
  if (current) pick.activeItems = [current];
  return new Promise<SubLabelChoice>((resolve) => {
    let answer: SubLabelChoice;
    const done = (choice: SubLabelChoice): void => {
      answer = choice;
      pick.hide();
    };
    pick.onDidChangeValue((value) => {
      if ([...value].length !== 1) return;
      const byKey = labels.find((l) => l.key !== undefined && l.key.toLowerCase() === value.toLowerCase());
      if (byKey) done(byKey.id);
    });
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems;
      if (item) done(item.id);
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(answer);
    });
    pick.show();
  });
}

function itemsOf(labels: readonly SubLabel[], current: string | undefined, offerNone: boolean): LabelItem[] {
  const items: (LabelItem | (vscode.QuickPickItem & { kind: vscode.QuickPickItemKind.Separator; id: null }))[] = [];
  let group: string | undefined;
  for (const label of labels) {
    if (label.group !== undefined && label.group !== group) {
      group = label.group;
      items.push({ label: group, kind: vscode.QuickPickItemKind.Separator, id: null });
    }
    items.push({
      label: label.name,
      description: [label.key !== undefined ? vscode.l10n.t('key {0}', label.key) : '', label.id !== label.name ? label.id : '', label.id === current ? vscode.l10n.t('current') : ''].filter(Boolean).join(' · '),
      ...(label.definition ? { detail: label.definition } : {}),
      id: label.id,
    });
  }
  if (offerNone) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, id: null }, { label: vscode.l10n.t('No sub-label'), description: current === undefined ? vscode.l10n.t('current') : '', id: null });
  return items;
}
