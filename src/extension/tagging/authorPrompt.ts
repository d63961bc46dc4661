import * as vscode from 'vscode';
import { author } from '../shared/settings';

/** globalState key: the analyst chose "Not now"; never ask again in any workspace. */
export const AUTHOR_DECLINED = 'newsmark.authorPrompt.declined';

/**
 * Fills newsmark.author the first time someone tags with it empty, so their tags (and the
 * reviews they give later) say who made them. Asked once: a name is stored in the user setting,
 * "Not now" in globalState; Escape or a click elsewhere only puts the question off until the
 * next window. newsmark.askForAuthorName: false turns the question off (a shared demo machine).
 */
export class AuthorPrompt {
  private askedThisWindow = false;
  /** The open question, for tests (undefined while none is open). */
  pending: Promise<string | undefined> | undefined;

  constructor(readonly memento: vscode.Memento) {}

  /** Whether the analyst chose "Not now" (in this or an earlier window). */
  get declined(): boolean {
    return this.memento.get<boolean>(AUTHOR_DECLINED) === true;
  }

  /** newsmark.author, else the name the analyst gives now, else undefined (tag without one). */
  async author(): Promise<string | undefined> {
    const current = author();
    if (current !== undefined) return current;
    if (this.askedThisWindow || this.declined) return undefined;
    if (!vscode.workspace.getConfiguration('newsmark').get<boolean>('askForAuthorName', true)) return undefined;
    this.askedThisWindow = true;
    this.pending = this.ask();
    try {
      return await this.pending;
    } finally {
      this.pending = undefined;
    }
  }

  private async ask(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    const answer = await pick();
    // Back to the article, so the next chord (Alt+N Y on the tag just made) reaches it.
    if (editor && vscode.window.visibleTextEditors.includes(editor)) {
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false, preview: false });
    }
    if (answer === NOT_NOW) {
      await this.memento.update(AUTHOR_DECLINED, true);
      return undefined;
    }
    if (answer === undefined) return undefined;
    await vscode.workspace.getConfiguration('newsmark').update('author', answer, vscode.ConfigurationTarget.Global);
    return answer;
  }
}

type Item = vscode.QuickPickItem & { readonly name?: string };

/** Stands for "Not now" among the answers (a name is never a symbol). */
const NOT_NOW = Symbol('not now');

/** A name typed into the box, NOT_NOW, or undefined (Escape, focus lost). */
function pick(): Promise<string | typeof NOT_NOW | undefined> {
  const notNow: Item = { label: vscode.l10n.t('Not now'), description: vscode.l10n.t('tag without a name; Newsmark will not ask again'), alwaysShow: true };
  const quick = vscode.window.createQuickPick<Item>();
  quick.title = vscode.l10n.t('Newsmark: Who Is Tagging?');
  quick.placeholder = vscode.l10n.t('Type your name or initials: it goes on the tags you make and review (setting newsmark.author)');
  quick.items = [notNow];
  // The typed text is the answer, not a filter: alwaysShow keeps both items whatever is typed.
  quick.onDidChangeValue((value) => {
    const name = value.trim();
    quick.items = name === '' ? [notNow] : [{ label: `$(person) ${vscode.l10n.t('Use “{0}”', name)}`, alwaysShow: true, name }, notNow];
  });
  return new Promise((resolve) => {
    let answer: string | typeof NOT_NOW | undefined;
    quick.onDidAccept(() => {
      const [chosen] = quick.selectedItems;
      answer = chosen?.name ?? (chosen === undefined ? undefined : NOT_NOW);
      quick.hide();
    });
    quick.onDidHide(() => {
      quick.dispose();
      resolve(answer);
    });
    quick.show();
  });
}
