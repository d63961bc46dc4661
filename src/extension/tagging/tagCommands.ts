import * as vscode from 'vscode';
import { decodeArticle } from '../../core/articleFile';
import { CATEGORIES, categoryOf, isCategoryId, type CategoryId } from '../../core/codebook';
import { ArticleText, createTag, EmptySpanError, type Tag } from '../../core/tag';
import { toLf } from '../../core/textIndex';
import { wordAt } from '../../core/wordAt';
import type { TagStore } from '../../core/tagStore';
import { articleKey, articleUri, fileName, isTaggable, selectSpan } from '../shared/articles';
import { CommandId, TAG_AS } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import { DocumentOffsets } from '../shared/positions';
import { author, maxFileBytes } from '../shared/settings';
import type { SidecarStorage } from '../storage/sidecarStorage';
import { NoteDocuments } from './noteDocuments';
import type { CodebookService } from '../codebook/codebookService';
import { pickSubLabel } from '../codebook/subLabelPick';
import type { AuthorPrompt } from './authorPrompt';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { byArticle, isTagRef, resolveTargets } from '../shared/tagTargets';
import { ContextKeys } from '../shared/contextKeys';

/** The editor-facing commands: tag, remove, change category, edit note, reveal. */
export class TagCommands extends Disposable {
  private message: vscode.Disposable | undefined;

  constructor(
    private readonly store: TagStore,
    private readonly storage: SidecarStorage,
    private readonly lens: TagLens = ALL_TAGS,
    private readonly codebook?: CodebookService,
    readonly authorPrompt?: AuthorPrompt,
  ) {
    super();
    const command = (id: CommandId, run: (...args: unknown[]) => unknown): void => void this.register(registerCommand(id, run));
    for (const category of CATEGORIES) command(TAG_AS[category.id], () => this.tagSelections(category.id));
    command(CommandId.tagSelection, () => this.tagSelectionsWithPick());
    command(CommandId.removeTag, (ref, selected) => this.removeTags(ref, selected));
    command(CommandId.changeCategory, (ref, second, third) => this.changeCategory(ref, second, third));
    command(CommandId.editNote, (ref, note) => this.editNote(ref, note));
    command(CommandId.revealTag, (ref) => this.revealTag(ref));
    command(CommandId.reattachToSelection, (ref) => this.reattachToSelection(ref));
    command(CommandId.acceptReattachment, (ref, selected) => this.acceptReattachment(ref, selected));
  }

  /**
   * Tags every selection of the active editor; an empty one tags the word or number under its
   * caret (Alt+N F in "7,000"). Returns the new tags (for tests).
   */
  async tagSelections(category: CategoryId): Promise<Tag[]> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return warn(vscode.l10n.t('Open an article and select the text to tag.'), []);
    const document = editor.document;
    if (!isTaggable(document)) {
      return warn(document.isUntitled ? vscode.l10n.t('Save the article first: its tags are kept in a sidecar file beside it.') : vscode.l10n.t('This file cannot be tagged.'), []);
    }
    const refusal = await this.refusal(document);
    if (refusal) return warn(refusal, []);
    await this.storage.ensureLoaded(document.uri);
    const key = articleKey(document.uri);
    const offsets = DocumentOffsets.of(document);
    const article = new ArticleText(toLf(document.getText()));
    const taken = new Set(this.store.tags(key).map((t) => t.id));
    const created: Tag[] = [];
    const ranges = editor.selections.map((s) => (s.isEmpty ? wordRangeAt(document, s.active) : s)).filter((r) => r !== undefined);
    // The first tag with no newsmark.author asks (once) who is tagging, so the tag says who; a
    // caret on no word, which makes no tag, does not ask.
    const by = this.authorPrompt && ranges.length > 0 ? await this.authorPrompt.author() : author();
    for (const range of ranges) {
      const span = offsets.span(range);
      try {
        const tag = createTag(article, span.start, span.end, category, taken, { ...optional('author', by), created: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
        taken.add(tag.id);
        created.push(tag);
      } catch (error) {
        if (!(error instanceof EmptySpanError)) throw error;
      }
    }
    if (created.length === 0) return warn(nothingToTag(), []);
    this.store.add(key, created);
    ContextKeys.didTag.pulse();
    this.say(created.length === 1
      ? vscode.l10n.t('Tagged “{0}” as {1}.', brief(created[0]!.text), categoryOf(category).label)
      : vscode.l10n.t('Tagged {0} spans as {1}.', created.length, categoryOf(category).label));
    // The tags exist before the pick opens: Escape, or a click elsewhere, keeps the plain category.
    const label = await this.offerSubLabel(category, created.length);
    if (label === undefined) return created;
    this.store.updateMany(key, created.map((t) => t.id), { label });
    return created.map((t) => ({ ...t, label }));
  }

  /** The category's definition as the project's codebook words it, else Newsmark's. */
  private definitionOf(category: CategoryId): string {
    return this.codebook?.codebook.categories[category].description ?? categoryOf(category).definition;
  }

  /** The codebook's sub-labels for the category, right after tagging or a change of category; undefined: none chosen. */
  private async offerSubLabel(category: CategoryId, count: number): Promise<string | undefined> {
    const codebook = this.codebook?.codebook;
    if (!codebook || codebook.categories[category].labels.length === 0) return undefined;
    const title = count > 1 ? vscode.l10n.t('{0} ({1} tags): Sub-label', categoryOf(category).label, count) : vscode.l10n.t('{0}: Sub-label', categoryOf(category).label);
    return (await pickSubLabel(codebook, category, { title, offerNone: false })) ?? undefined;
  }

  private async tagSelectionsWithPick(): Promise<void> {
    const picked = await vscode.window.showQuickPick(
      CATEGORIES.map((c) => ({ label: `$(${c.icon}) ${c.label}`, detail: this.definitionOf(c.id), id: c.id })),
      { title: vscode.l10n.t('Tag Selection As…'), placeHolder: vscode.l10n.t('Category'), matchOnDetail: true },
    );
    if (picked) await this.tagSelections(picked.id);
  }

  /** Removes the tags, with an Undo on the notification that puts them back as they were. */
  private async removeTags(first: unknown, selected: unknown): Promise<void> {
    const refs = await resolveTargets(this.store, first, selected, vscode.l10n.t('Remove which tag?'), this.lens);
    const removed = [...byArticle(refs)].map(([key, ids]) => {
      const tags = this.store.tags(key).filter((t) => ids.includes(t.id));
      this.store.remove(key, ids);
      return { key, tags };
    });
    const count = removed.reduce((n, r) => n + r.tags.length, 0);
    if (count === 0) return;
    const only = count === 1 ? removed.flatMap((r) => r.tags)[0] : undefined;
    this.say(only ? removedOn(only.category, brief(only.text)) : vscode.l10n.t('Removed {0} tags.', count));
    const undo = vscode.l10n.t('Undo');
    void vscode.window.showInformationMessage(only ? removedOne(only.category) : vscode.l10n.t('Removed {0} tags.', count), undo).then((choice) => {
      if (choice !== undo) return;
      for (const { key, tags } of removed) this.store.add(key, tags.filter((t) => !this.store.find(key, t.id)));
    });
  }

  /** A category given as second argument (keybindings, scripts) skips the pick; rows selected in the view change together. */
  private async changeCategory(first: unknown, second?: unknown, third?: unknown): Promise<void> {
    const refs = await resolveTargets(this.store, first, second, vscode.l10n.t('Change the category of which tag?'), this.lens);
    const tags = refs.map((r) => this.store.find(r.key, r.id)).filter((t) => t !== undefined);
    if (tags.length === 0) return;
    let category = isCategoryId(second) ? second : isCategoryId(third) ? third : undefined;
    if (!category) {
      const single = tags.length === 1 ? tags[0] : undefined;
      const picked = await vscode.window.showQuickPick(
        CATEGORIES.map((c) => ({ label: `$(${c.icon}) ${c.label}`, detail: this.definitionOf(c.id), description: c.id === single?.category ? vscode.l10n.t('current') : '', id: c.id })),
        { title: single ? vscode.l10n.t('Change Category of “{0}”', single.text.slice(0, 40)) : vscode.l10n.t('Change Category of {0} Tags', tags.length), matchOnDetail: true },
      );
      category = picked?.id;
    }
    if (!category) return;
    const to = category;
    // A sub-label belongs to its category: a tag that moves to another one leaves it behind.
    const moved = refs.filter((r) => this.store.find(r.key, r.id)?.category !== to);
    for (const [key, ids] of byArticle(moved)) this.store.updateMany(key, ids, { category: to, label: undefined });
    const label = moved.length > 0 && typeof second !== 'string' ? await this.offerSubLabel(to, moved.length) : undefined;
    if (label !== undefined) for (const [key, ids] of byArticle(moved)) this.store.updateMany(key, ids, { label });
  }

  /**
   * Opens the tag's note in an editor tab beside the article, where it takes several lines and
   * Ctrl+S saves it into the tag (see NoteDocuments). A note given as second argument (scripts,
   * tests) is set directly.
   */
  private async editNote(arg: unknown, given?: unknown): Promise<void> {
    const [ref] = await resolveTargets(this.store, arg, undefined, vscode.l10n.t('Edit the note of which tag?'), this.lens);
    const tag = ref && this.store.find(ref.key, ref.id);
    if (!ref || !tag) return;
    if (typeof given === 'string') {
      this.store.update(ref.key, ref.id, { note: given.trim() === '' ? undefined : given });
      return;
    }
    await vscode.window.showTextDocument(NoteDocuments.uriFor(ref.key, ref.id, tag.text), { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  private async revealTag(arg: unknown): Promise<void> {
    if (!isTagRef(arg)) return;
    const tag = this.store.find(arg.key, arg.id);
    if (tag) await selectSpan(arg.key, tag.start, tag.end);
  }

  /** Puts an orphaned (or any) tag on the text selected in its article. */
  private reattachToSelection(arg: unknown): void {
    if (!isTagRef(arg)) return;
    const tag = this.store.find(arg.key, arg.id);
    const editor = vscode.window.activeTextEditor;
    if (!tag) return;
    if (!editor || articleKey(editor.document.uri) !== arg.key || editor.selection.isEmpty) {
      return warn(vscode.l10n.t('Open {0}, select the text this tag belongs to, then choose Re-attach to Selection again.', fileName(articleUri(arg.key))), undefined);
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

  /**
   * The analyst checked a fuzzy re-attachment: the tag is an ordinary one again. What it said
   * before and says now are shown first, so a wrong span is never confirmed unseen.
   */
  private async acceptReattachment(first: unknown, selected?: unknown): Promise<void> {
    const refs = await resolveTargets(this.store, first, selected, vscode.l10n.t('Accept the re-attachment of which tag?'), this.lens);
    const tags = refs.map((r) => this.store.find(r.key, r.id)).filter((t): t is Tag => t !== undefined && t.status === 'fuzzy');
    if (tags.length === 0) return warn(vscode.l10n.t('That tag is not waiting for a re-attachment to be accepted.'), undefined);
    const shown = tags.slice(0, 5).map((t) => `${vscode.l10n.t('Was: “{0}”', clip(t.previousText ?? ''))}\n${vscode.l10n.t('Now: “{0}”', clip(t.text))}`);
    if (tags.length > shown.length) shown.push(vscode.l10n.t('…and {0} more.', tags.length - shown.length));
    const question = tags.length === 1 ? acceptQuestion(tags[0]!.category) : vscode.l10n.t('Accept the re-attachment of {0} tags on their new text?', tags.length);
    const accept = vscode.l10n.t('Accept');
    const answer = await vscode.window.showWarningMessage(question, { modal: true, detail: shown.join('\n\n') }, accept);
    if (answer !== accept) return;
    const accepted = new Set(tags.map((t) => t.id));
    for (const [key, ids] of byArticle(refs)) this.store.updateMany(key, ids.filter((id) => accepted.has(id)), { status: undefined, previousText: undefined });
  }

  /**
   * A few seconds in the status bar, which a screen reader announces: the highlight that tells a
   * sighted analyst the tag is there says nothing to one who listens. The newest replaces the last.
   */
  private say(message: string): void {
    this.message?.dispose();
    const shown = `$(tag) ${message}`; // message: already translated by the caller
    this.message = vscode.window.setStatusBarMessage(shown, 5000);
  }

  /** Why an article cannot be tagged (not UTF-8, too large), or undefined. */
  private async refusal(document: vscode.TextDocument): Promise<string | undefined> {
    const limit = maxFileBytes();
    if (document.getText().length * 3 > limit && new TextEncoder().encode(document.getText()).byteLength > limit) {
      return vscode.l10n.t('{0} is larger than newsmark.maxFileSizeMB; Newsmark does not tag it.', fileName(document.uri));
    }
    try {
      const decoded = decodeArticle(await vscode.workspace.fs.readFile(document.uri), fileName(document.uri), limit);
      return decoded.ok ? undefined : decoded.reason;
    } catch {
      return undefined; // not on disk yet: the document text is what will be saved, as UTF-8
    }
  }
}

// Short enough for a notification toast to show whole.
function nothingToTag(): string {
  return vscode.l10n.t('Select text or put the cursor on a word.');
}

/*
 * Sentences naming a category: one per category, since a translation cannot build them from the
 * category's name (German keeps the noun's capital and needs its gender).
 */

/** For the status bar: "Removed the claim tag on “2,417 people”." */
function removedOn(category: CategoryId, text: string): string {
  switch (category) {
    case 'claim': return vscode.l10n.t('Removed the claim tag on “{0}”.', text);
    case 'denial': return vscode.l10n.t('Removed the denial tag on “{0}”.', text);
    case 'figure': return vscode.l10n.t('Removed the figure tag on “{0}”.', text);
    case 'framing': return vscode.l10n.t('Removed the editorial framing tag on “{0}”.', text);
  }
}

/** For the notification with Undo: "Removed the claim tag." */
function removedOne(category: CategoryId): string {
  switch (category) {
    case 'claim': return vscode.l10n.t('Removed the claim tag.');
    case 'denial': return vscode.l10n.t('Removed the denial tag.');
    case 'figure': return vscode.l10n.t('Removed the figure tag.');
    case 'framing': return vscode.l10n.t('Removed the editorial framing tag.');
  }
}

/** "Accept the claim on its new text?" */
function acceptQuestion(category: CategoryId): string {
  switch (category) {
    case 'claim': return vscode.l10n.t('Accept the claim on its new text?');
    case 'denial': return vscode.l10n.t('Accept the denial on its new text?');
    case 'figure': return vscode.l10n.t('Accept the figure on its new text?');
    case 'framing': return vscode.l10n.t('Accept the editorial framing on its new text?');
  }
}

/** The word or number under the caret (see core/wordAt), on its line. */
function wordRangeAt(document: vscode.TextDocument, caret: vscode.Position): vscode.Range | undefined {
  const word = wordAt(document.lineAt(caret.line).text, caret.character);
  return word && new vscode.Range(caret.line, word.start, caret.line, word.end);
}

function warn<T>(message: string, result: T): T {
  void vscode.window.showWarningMessage(message);
  return result;
}

/** A tag's text for a dialog: one line, not too long. */
function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 160 ? `${line.slice(0, 100)} … ${line.slice(-50)}` : line;
}

/** A tag's text for the status bar: one line of at most 60 characters. */
function brief(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
