import * as vscode from 'vscode';
import { decodeArticle } from '../core/articleFile';
import { CATEGORIES, categoryOf, isCategoryId, type CategoryId } from '../core/codebook';
import { ArticleText, createTag, EmptySpanError, tagsAt, type Tag } from '../core/tag';
import { toLf } from '../core/textIndex';
import { ReadOnlyTagsError, type TagStore } from '../core/tagStore';
import { articleKey, articleUri, fileName, isTaggable, openDocument } from './articles';
import { CommandId, TAG_AS, type TagRef } from './commandIds';
import { DocumentOffsets } from './positions';
import { author, maxFileBytes } from './settings';
import type { SidecarStorage } from './sidecarStorage';

/** The editor-facing commands: tag, remove, change category, edit note, reveal. */
export class TagCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: TagStore,
    private readonly storage: SidecarStorage,
  ) {
    const register = (id: string, run: (...args: unknown[]) => unknown): void => {
      this.disposables.push(vscode.commands.registerCommand(id, (...args: unknown[]) => this.guard(() => run(...args))));
    };
    for (const category of CATEGORIES) register(TAG_AS[category.id], () => this.tagSelections(category.id));
    register(CommandId.tagSelection, () => this.tagSelectionsWithPick());
    register(CommandId.removeTag, (ref) => this.removeTag(ref));
    register(CommandId.changeCategory, (ref, category) => this.changeCategory(ref, category));
    register(CommandId.editNote, (ref, note) => this.editNote(ref, note));
    register(CommandId.revealTag, (ref) => this.revealTag(ref));
    register(CommandId.reattachToSelection, (ref) => this.reattachToSelection(ref));
    register(CommandId.acceptReattachment, (ref) => this.acceptReattachment(ref));
  }

  /** Tags every non-empty selection of the active editor. Returns the new tags (for tests). */
  async tagSelections(category: CategoryId): Promise<Tag[]> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return warn('Open an article and select the text to tag.', []);
    const document = editor.document;
    if (!isTaggable(document)) {
      return warn(document.isUntitled ? 'Save the article first: its tags are kept in a sidecar file beside it.' : 'This file cannot be tagged.', []);
    }
    const refusal = await this.refusal(document);
    if (refusal) return warn(refusal, []);
    await this.storage.ensureLoaded(document.uri);
    const key = articleKey(document.uri);
    const offsets = DocumentOffsets.of(document);
    const article = new ArticleText(toLf(document.getText()));
    const taken = new Set(this.store.tags(key).map((t) => t.id));
    const created: Tag[] = [];
    for (const selection of editor.selections) {
      const span = offsets.span(selection);
      try {
        const tag = createTag(article, span.start, span.end, category, taken, { ...optional('author', author()), created: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
        taken.add(tag.id);
        created.push(tag);
      } catch (error) {
        if (!(error instanceof EmptySpanError)) throw error;
      }
    }
    if (created.length === 0) return warn(new EmptySpanError().message, []);
    this.store.add(key, created);
    return created;
  }

  private async tagSelectionsWithPick(): Promise<void> {
    const picked = await vscode.window.showQuickPick(
      CATEGORIES.map((c) => ({ label: `$(${c.icon}) ${c.label}`, detail: c.definition, id: c.id })),
      { title: 'Tag Selection As…', placeHolder: 'Category', matchOnDetail: true },
    );
    if (picked) await this.tagSelections(picked.id);
  }

  private async removeTag(arg: unknown): Promise<void> {
    const ref = await this.resolve(arg, 'Remove which tag?');
    if (ref) this.store.remove(ref.key, [ref.id]);
  }

  /** A category given as second argument (keybindings, scripts) skips the pick. */
  private async changeCategory(arg: unknown, given?: unknown): Promise<void> {
    const ref = await this.resolve(arg, 'Change the category of which tag?');
    const tag = ref && this.store.find(ref.key, ref.id);
    if (!ref || !tag) return;
    if (isCategoryId(given)) {
      if (given !== tag.category) this.store.update(ref.key, ref.id, { category: given });
      return;
    }
    const picked = await vscode.window.showQuickPick(
      CATEGORIES.map((c) => ({ label: `$(${c.icon}) ${c.label}`, detail: c.definition, description: c.id === tag.category ? 'current' : '', id: c.id })),
      { title: `Change Category of “${tag.text.slice(0, 40)}”`, matchOnDetail: true },
    );
    if (picked && picked.id !== tag.category) this.store.update(ref.key, ref.id, { category: picked.id });
  }

  /** A note given as second argument (keybindings, scripts) skips the input box. */
  private async editNote(arg: unknown, given?: unknown): Promise<void> {
    const ref = await this.resolve(arg, 'Edit the note of which tag?');
    const tag = ref && this.store.find(ref.key, ref.id);
    if (!ref || !tag) return;
    const note = typeof given === 'string' ? given : await vscode.window.showInputBox({
      title: `Note on ${categoryOf(tag.category).label}: “${tag.text.slice(0, 40)}”`,
      value: tag.note ?? '',
      prompt: 'Leave empty to remove the note.',
    });
    if (note === undefined) return;
    this.store.update(ref.key, ref.id, { note: note.trim() === '' ? undefined : note });
  }

  private async revealTag(arg: unknown): Promise<void> {
    if (!isTagRef(arg)) return;
    const tag = this.store.find(arg.key, arg.id);
    if (!tag) return;
    const document = openDocument(arg.key) ?? (await vscode.workspace.openTextDocument(articleUri(arg.key)));
    const editor = await vscode.window.showTextDocument(document, { preview: true });
    const range = DocumentOffsets.of(document).tagRange(tag);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Puts an orphaned (or any) tag on the text selected in its article. */
  private reattachToSelection(arg: unknown): void {
    if (!isTagRef(arg)) return;
    const tag = this.store.find(arg.key, arg.id);
    const editor = vscode.window.activeTextEditor;
    if (!tag) return;
    if (!editor || articleKey(editor.document.uri) !== arg.key || editor.selection.isEmpty) {
      return warn(`Open ${fileName(articleUri(arg.key))}, select the text this tag belongs to, then choose Re-attach to Selection again.`, undefined);
    }
    const article = new ArticleText(toLf(editor.document.getText()));
    const span = DocumentOffsets.of(editor.document).span(editor.selection);
    const trimmed = article.trim(span.start, span.end);
    if (trimmed.end <= trimmed.start) return warn(new EmptySpanError().message, undefined);
    const text = article.slice(trimmed.start, trimmed.end);
    this.store.update(arg.key, arg.id, {
      start: trimmed.start,
      end: trimmed.end,
      text,
      ...article.contextOf(trimmed.start, trimmed.end),
      status: undefined,
      previousText: text === tag.text ? tag.previousText : tag.previousText ?? tag.text,
    });
  }

  /** The analyst checked a fuzzy re-attachment: the tag is an ordinary one again. */
  private async acceptReattachment(arg: unknown): Promise<void> {
    const ref = await this.resolve(arg, 'Accept the re-attachment of which tag?');
    if (ref) this.store.update(ref.key, ref.id, { status: undefined, previousText: undefined });
  }

  /** The tag an action applies to: given by a hover, the tree or a test; else under the cursor. */
  private async resolve(arg: unknown, question: string): Promise<TagRef | undefined> {
    if (isTagRef(arg)) return arg;
    const editor = vscode.window.activeTextEditor;
    if (!editor) return warn('Put the cursor in a tagged span first.', undefined);
    const key = articleKey(editor.document.uri);
    const offset = DocumentOffsets.of(editor.document).codePoint(editor.selection.active);
    const here = tagsAt(this.store.tags(key), offset).filter((t) => t.end > t.start);
    if (here.length === 0) return warn('There is no tag at the cursor.', undefined);
    if (here.length === 1) return { key, id: here[0]!.id };
    const picked = await vscode.window.showQuickPick(
      here.map((t) => ({ label: `$(${categoryOf(t.category).icon}) ${t.text.slice(0, 80)}`, description: categoryOf(t.category).label, id: t.id })),
      { title: question },
    );
    return picked && { key, id: picked.id };
  }

  /** Why an article cannot be tagged (not UTF-8, too large), or undefined. */
  private async refusal(document: vscode.TextDocument): Promise<string | undefined> {
    const limit = maxFileBytes();
    if (document.getText().length * 3 > limit && new TextEncoder().encode(document.getText()).byteLength > limit) {
      return `${fileName(document.uri)} is larger than newsmark.maxFileSizeMB; Newsmark does not tag it.`;
    }
    try {
      const decoded = decodeArticle(await vscode.workspace.fs.readFile(document.uri), fileName(document.uri), limit);
      return decoded.ok ? undefined : decoded.reason;
    } catch {
      return undefined; // not on disk yet: the document text is what will be saved, as UTF-8
    }
  }

  private async guard(run: () => unknown): Promise<unknown> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ReadOnlyTagsError) return warn(error.message, undefined);
      throw error;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function isTagRef(value: unknown): value is TagRef {
  return typeof value === 'object' && value !== null && typeof (value as TagRef).key === 'string' && typeof (value as TagRef).id === 'string';
}

function warn<T>(message: string, result: T): T {
  void vscode.window.showWarningMessage(message);
  return result;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
