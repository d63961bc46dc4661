import * as vscode from 'vscode';
import { DETAIL_KEYS, detailProblem, type ArticleDetails, type DetailKey } from '../../core/details';
import { guessOutlet } from '../../core/outlet';
import { ReadOnlyTagsError, type TagStore } from '../../core/tagStore';
import { articleTarget, articleUri, fileName, readArticleText } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import type { SidecarStorage } from '../storage/sidecarStorage';

/** Each detail's name and example, in the display language (asked for when the boxes open). */
function labelOf(detail: DetailKey): { title: string; placeholder: string } {
  switch (detail) {
    case 'outlet': return { title: vscode.l10n.t('Outlet'), placeholder: vscode.l10n.t('e.g. The Harbor Gazette') };
    // eslint-disable-next-line no-restricted-syntax -- a URL's shape reads the same in every language
    case 'url': return { title: vscode.l10n.t('URL'), placeholder: 'https://…' };
    case 'published': return { title: vscode.l10n.t('Published'), placeholder: vscode.l10n.t('ISO date, e.g. 2026-03-25') };
    case 'headline': return { title: vscode.l10n.t('Headline'), placeholder: vscode.l10n.t('The headline as published') };
    case 'byline': return { title: vscode.l10n.t('Byline'), placeholder: vscode.l10n.t('Who wrote it, e.g. Ann Lee') };
  }
}

/** Answers given by a caller instead of the input boxes (tests); a key left out keeps its prefilled value. */
export type DetailAnswers = Partial<Record<DetailKey, string>>;

/**
 * "Edit Article Details…": the outlet, url, published date and headline of an article, asked
 * one after another with the current values filled in (the outlet guessed from the text when
 * the sidecar has none). Escape at any step changes nothing; an emptied box removes the detail.
 */
export class ArticleDetailsCommand extends Disposable {
  constructor(private readonly store: TagStore, private readonly storage: SidecarStorage) {
    super();
    this.register(registerCommand(CommandId.editArticleDetails, (target?: unknown, answers?: DetailAnswers) => this.edit(target, answers)));
  }

  private async edit(target: unknown, answers: DetailAnswers | undefined): Promise<void> {
    const key = await articleTarget(this.store, target, vscode.l10n.t('Edit the details of which article?'), vscode.l10n.t('Open an article to edit its details.'));
    if (key === undefined) return;
    await this.storage.ensureLoaded(articleUri(key));
    // Refused before the four questions rather than after them (the store would refuse the change).
    const problem = this.store.get(key)?.problem;
    if (problem !== undefined) throw new ReadOnlyTagsError(key, problem);
    const current = this.store.details(key);
    const guess = current.outlet === undefined ? guessOutlet((await readArticleText(key)) ?? '') : undefined;
    const result: { -readonly [K in DetailKey]?: string } = {};
    for (const [index, detail] of DETAIL_KEYS.entries()) {
      const prefilled = current[detail] ?? (detail === 'outlet' ? guess?.name : undefined) ?? '';
      const answer = answers ? answers[detail] ?? prefilled : await vscode.window.showInputBox({
        title: vscode.l10n.t('{0}: Article Details ({1}/{2}) — {3}', fileName(articleUri(key)), index + 1, DETAIL_KEYS.length, labelOf(detail).title),
        value: prefilled,
        placeHolder: labelOf(detail).placeholder,
        prompt: detail === 'outlet' && guess ? vscode.l10n.t('Guessed from the text (“{0}”): Enter keeps it, or type the outlet\'s name.', guess.evidence) : vscode.l10n.t('Leave empty to remove it.'),
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() === '' ? undefined : detailProblem(detail, value.trim())),
      });
      if (answer === undefined) return; // Escape: nothing is changed
      const value = answer.trim();
      if (value !== '' && detailProblem(detail, value) !== undefined) {
        void vscode.window.showErrorMessage(detailProblem(detail, value)!);
        return;
      }
      if (value !== '') result[detail] = value;
    }
    // The codes are set elsewhere (Set Article Codes…): kept as they are.
    this.store.setDetails(key, { ...result, ...(current.codes ? { codes: current.codes } : {}) } satisfies ArticleDetails);
    await this.storage.saveIfClean(key);
  }
}
