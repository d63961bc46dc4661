import * as vscode from 'vscode';
import { categoryOf } from '../../core/codebook';
import type { TagStore } from '../../core/tagStore';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { ContextKeys } from '../shared/contextKeys';
import { Disposable } from '../shared/disposable';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { byArticle, resolveTargets } from '../shared/tagTargets';
import type { CodebookService } from './codebookService';
import { pickSubLabel } from './subLabelPick';

/** "Change Sub-label" on the tag under the cursor or the rows selected in the Tags view. */
export class SubLabelCommands extends Disposable {
  constructor(private readonly store: TagStore, private readonly codebook: CodebookService, private readonly lens: TagLens = ALL_TAGS) {
    super();
    this.register(registerCommand(CommandId.changeSubLabel, (first: unknown, second: unknown, third: unknown) => this.change(first, second, third)));
    const showMenus = (): void => ContextKeys.hasSubLabels.set(Object.values(codebook.codebook.categories).some((c) => c.labels.length > 0));
    this.register(codebook.onDidChange(showMenus));
    showMenus();
  }

  /**
   * A label given as an argument (keybindings, scripts; null clears it) skips the pick. Tags of
   * several categories are changed one category at a time, each with its own labels.
   */
  private async change(first: unknown, second?: unknown, third?: unknown): Promise<void> {
    const refs = await resolveTargets(this.store, first, second, vscode.l10n.t('Change the sub-label of which tag?'), this.lens);
    const given = typeof second === 'string' || second === null ? second : typeof third === 'string' || third === null ? third : undefined;
    const tags = refs.flatMap((r) => {
      const tag = this.store.find(r.key, r.id);
      return tag ? [{ ref: r, tag }] : [];
    });
    for (const category of new Set(tags.map((t) => t.tag.category))) {
      const these = tags.filter((t) => t.tag.category === category);
      const single = these.length === 1 ? these[0]!.tag : undefined;
      if (given === undefined && this.codebook.codebook.categories[category].labels.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The codebook has no sub-labels for {0}. Add them under categories › {1} › labels in newsmark.codebook.yaml.', categoryOf(category).label, category));
        continue;
      }
      const choice = given !== undefined ? given : await pickSubLabel(this.codebook.codebook, category, {
        ...(single?.label !== undefined ? { current: single.label } : {}),
        title: single ? vscode.l10n.t('Sub-label of “{0}”', single.text.slice(0, 40)) : vscode.l10n.t('Sub-label of {0} {1} Tags', these.length, categoryOf(category).label),
        offerNone: true,
      });
      if (choice === undefined) continue;
      for (const [key, ids] of byArticle(these.map((t) => t.ref))) this.store.updateMany(key, ids, { label: choice ?? undefined });
    }
  }
}
