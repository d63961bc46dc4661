import * as vscode from 'vscode';
import { isShown, SHOW_ALL, shownTags, type TagVisibility } from '../../core/review/visibility';
import type { Tag } from '../../core/tag';
import type { TagStore } from '../../core/tagStore';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { ContextKeys } from '../shared/contextKeys';
import { Disposable } from '../shared/disposable';
import { author } from '../shared/settings';
import type { TagLens } from '../shared/tagLens';

const SETTING = 'showOnlyMyTags';

/**
 * Blind coding (issue 14): "Show Only My Tags" hides every tag whose `author` is not the analyst's
 * `newsmark.author`, so a second coder working in the same files is not primed by the first. It
 * is a lens over the store, never a change to it: the views ask `shown()`, the sidecars keep every
 * tag. The mode lives in the `newsmark.showOnlyMyTags` setting, so it survives a reload and can be
 * set per workspace; the two commands toggle it, and a status bar item says it is on.
 */
export class BlindCoding extends Disposable implements TagLens {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  readonly item = this.register(vscode.window.createStatusBarItem('newsmark.showOnlyMyTags', vscode.StatusBarAlignment.Right, 101));
  private visibility: TagVisibility = SHOW_ALL;

  constructor(private readonly store: TagStore) {
    super();
    this.item.name = vscode.l10n.t('Newsmark Show Only My Tags');
    this.item.command = CommandId.showAllAuthorsTags;
    [
      registerCommand(CommandId.showOnlyMyTags, () => this.turnOn()),
      registerCommand(CommandId.showAllAuthorsTags, () => this.turnOff()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`newsmark.${SETTING}`) || e.affectsConfiguration('newsmark.author')) this.read();
      }),
      // The hidden count in the tooltip follows the tags.
      store.onDidChange(() => this.updateItem()),
    ].forEach((d) => this.register(d));
    this.read();
  }

  /** Whether only the analyst's own tags are shown. */
  get on(): boolean {
    return this.visibility.onlyAuthor !== undefined;
  }

  shown(tags: readonly Tag[]): readonly Tag[] {
    return shownTags(tags, this.visibility);
  }

  /** Turns blind coding on; with no `newsmark.author` it asks for one first, since "my tags" means the tags carrying it. */
  private async turnOn(): Promise<void> {
    if (author() === undefined) {
      const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('Show Only My Tags: Your Author Name'),
        prompt: vscode.l10n.t('Only tags whose author is this name are shown (others’ and unattributed tags are hidden). Saved as the newsmark.author setting and written on the tags you make.'),
        placeHolder: vscode.l10n.t('e.g. your initials'),
        validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Give a name: without one, every tag would be hidden.') : undefined),
      });
      if (name === undefined || name.trim() === '') {
        void vscode.window.showInformationMessage(vscode.l10n.t('Show Only My Tags is still off: it needs your author name (the newsmark.author setting) to know which tags are yours.'));
        return;
      }
      await vscode.workspace.getConfiguration('newsmark').update('author', name.trim(), vscode.ConfigurationTarget.Global);
    }
    await this.writeSetting(true);
  }

  private turnOff(): Promise<void> {
    return this.writeSetting(false);
  }

  /** Writes the setting where it is in force: a workspace value would override a user one. */
  private async writeSetting(on: boolean): Promise<void> {
    const config = vscode.workspace.getConfiguration('newsmark');
    const where = config.inspect<boolean>(SETTING);
    const target = where?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
      : where?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await config.update(SETTING, on, target);
    this.read();
  }

  private read(): void {
    const on = vscode.workspace.getConfiguration('newsmark').get<boolean>(SETTING, false) === true;
    // On with no author set (the setting edited by hand): nothing is anyone's, so nothing is shown.
    const next: TagVisibility = on ? { onlyAuthor: author() ?? '' } : SHOW_ALL;
    ContextKeys.showOnlyMyTags.set(on);
    if (next.onlyAuthor !== this.visibility.onlyAuthor) {
      this.visibility = next;
      this.changed.fire();
    }
    this.updateItem();
  }

  private updateItem(): void {
    const only = this.visibility.onlyAuthor;
    if (only === undefined) return this.item.hide();
    const hidden = this.store.keys().reduce((n, key) => n + this.store.tags(key).filter((t) => !isShown(t, this.visibility)).length, 0);
    this.item.text = `$(eye-closed) ${vscode.l10n.t('My tags only')}`;
    this.item.tooltip = only === ''
      ? (hidden === 1
        ? vscode.l10n.t('Newsmark: no author is set (newsmark.author), so every tag is hidden; 1 tag by other authors or by no one hidden. Click to show all authors\' tags.')
        : vscode.l10n.t('Newsmark: no author is set (newsmark.author), so every tag is hidden; {0} tags by other authors or by no one hidden. Click to show all authors\' tags.', hidden))
      : (hidden === 1
        ? vscode.l10n.t('Newsmark: showing only tags by {0}; 1 tag by other authors or by no one hidden. Click to show all authors\' tags.', only)
        : vscode.l10n.t('Newsmark: showing only tags by {0}; {1} tags by other authors or by no one hidden. Click to show all authors\' tags.', only, hidden));
    this.item.accessibilityInformation = { label: vscode.l10n.t('Newsmark: only my tags are shown, {0} hidden. Show all authors\' tags.', hidden) };
    this.item.show();
  }
}
