import * as vscode from 'vscode';
import type { ArticleCode } from '../../core/codebook/index';
import type { ArticleCodes } from '../../core/details';
import { ReadOnlyTagsError, type TagStore } from '../../core/tagStore';
import { articleTarget, articleUri, fileName } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import type { SidecarStorage } from '../storage/sidecarStorage';
import type { CodebookService } from './codebookService';

/** Answers given by a caller instead of the picks (tests, scripts): a code's value(s), or null to clear it. */
export type CodeAnswers = Readonly<Record<string, string | readonly string[] | null>>;

/**
 * "Set Article Codes…": the codebook's article-level codes (a primary frame, a tone), one pick
 * per code with the current value checked. Escape at any step changes nothing; codes the
 * codebook does not list are kept as they are.
 */
export class ArticleCodesCommand extends Disposable {
  constructor(private readonly store: TagStore, private readonly storage: SidecarStorage, private readonly codebook: CodebookService) {
    super();
    this.register(registerCommand(CommandId.setArticleCodes, (target?: unknown, answers?: CodeAnswers) => this.set(target, answers)));
  }

  private async set(target: unknown, answers: CodeAnswers | undefined): Promise<void> {
    const codes = this.codebook.codebook.codes;
    if (codes.length === 0) {
      const create = vscode.l10n.t('Create Codebook…');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('The codebook defines no article codes. Add them under `codes:` in newsmark.codebook.yaml, or start from the Media Frames preset.'), create);
      if (choice === create) await vscode.commands.executeCommand(CommandId.createCodebook);
      return;
    }
    const key = await articleTarget(this.store, target, vscode.l10n.t('Set the codes of which article?'), vscode.l10n.t('Open an article to set its codes.'));
    if (key === undefined) return;
    await this.storage.ensureLoaded(articleUri(key));
    const problem = this.store.get(key)?.problem;
    if (problem !== undefined) throw new ReadOnlyTagsError(key, problem);
    const current = this.store.details(key);
    const next: Record<string, string | readonly string[]> = { ...(current.codes ?? {}) };
    for (const [index, code] of codes.entries()) {
      const answer = answers ? (code.id in answers ? answers[code.id] : valueOf(current.codes, code.id)) : await this.ask(code, valueOf(current.codes, code.id), vscode.l10n.t('{0}: Article Codes ({1}/{2}) — {3}', fileName(articleUri(key)), index + 1, codes.length, code.name));
      if (answer === undefined) return; // Escape: nothing is changed
      if (answer === null || (Array.isArray(answer) && answer.length === 0)) delete next[code.id];
      else next[code.id] = answer;
    }
    const { codes: _old, ...rest } = current;
    this.store.setDetails(key, Object.keys(next).length > 0 ? { ...rest, codes: next } : rest);
    await this.storage.saveIfClean(key);
  }

  /** One code's pick: single choice (with "Not set") or several; undefined when dismissed, null when cleared. */
  private async ask(code: ArticleCode, current: string | readonly string[] | undefined, title: string): Promise<string | readonly string[] | null | undefined> {
    const now = current === undefined ? [] : typeof current === 'string' ? [current] : current;
    const unknown = now.filter((v) => !code.values.includes(v));
    const items = [...code.values, ...unknown].map((value) => ({
      label: value,
      description: [now.includes(value) ? vscode.l10n.t('current') : '', unknown.includes(value) ? vscode.l10n.t('not in the codebook') : ''].filter(Boolean).join(' · '),
      picked: now.includes(value),
      value,
    }));
    if (code.multiple) {
      const picked = await vscode.window.showQuickPick(items, { title, canPickMany: true, placeHolder: code.definition ?? vscode.l10n.t('Check every value that applies (none: not set)'), ignoreFocusOut: true });
      return picked?.map((p) => p.value);
    }
    const none = { label: vscode.l10n.t('Not set'), description: now.length === 0 ? vscode.l10n.t('current') : '', picked: false, value: null };
    const picked = await vscode.window.showQuickPick([...items, none], { title, placeHolder: code.definition ?? vscode.l10n.t('Pick one'), ignoreFocusOut: true, matchOnDescription: true });
    return picked === undefined ? undefined : picked.value;
  }
}

function valueOf(codes: ArticleCodes | undefined, id: string): string | readonly string[] | undefined {
  return codes?.[id];
}
