import * as vscode from 'vscode';
import { categoryOf } from '../../core/codebook';
import { checkTagLabel, EMPTY_CODEBOOK, labelOf, type Codebook } from '../../core/codebook/index';
import { needsReview } from '../../core/review/filter';
import { tagsAt, type Tag } from '../../core/tag';
import { SUGGESTED_BY, type TagStore } from '../../core/tagStore';
import { articleKey } from '../shared/articles';
import { CommandId, type TagRef } from '../shared/commandIds';
import { DocumentOffsets } from '../shared/positions';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { around } from './around';

/** Hovering a tagged span shows what it is tagged as, the note, and links to act on it. */
export class TagHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: TagStore, private readonly lens: TagLens = ALL_TAGS, private readonly codebook: () => Codebook = () => EMPTY_CODEBOOK) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const key = articleKey(document.uri);
    const all = this.lens.shown(this.store.tags(key));
    if (all.length === 0) return undefined;
    const offsets = DocumentOffsets.of(document);
    const here = tagsAt(all, offsets.codePoint(position));
    if (here.length === 0) return undefined;
    const readOnly = this.store.get(key)?.problem !== undefined;
    const codebook = this.codebook();
    const parts = here.map((tag) => {
      const category = categoryOf(tag.category);
      const book = codebook.categories[tag.category];
      const md = new vscode.MarkdownString(undefined, true);
      md.isTrusted = { enabledCommands: [CommandId.changeCategory, CommandId.changeSubLabel, CommandId.editNote, CommandId.removeTag, CommandId.markConfirmed, CommandId.markDisputed, CommandId.acceptReattachment] };
      md.appendMarkdown(`$(${category.icon}) **${category.label}** — `).appendText(book.description ?? category.definition);
      if (tag.label !== undefined) {
        const label = labelOf(codebook, tag.category, tag.label);
        md.appendMarkdown('\n\n$(symbol-enum-member) **').appendText(label?.name ?? tag.label).appendMarkdown('**');
        if (label && label.name !== label.id) md.appendText(` (${label.id})`);
        if (label?.definition) md.appendMarkdown(' — ').appendText(label.definition);
        const warning = checkTagLabel(codebook, tag.category, tag.label);
        if (warning) md.appendMarkdown('\n\n$(warning) ').appendText(warning.message);
      }
      appendReview(md, tag);
      if (tag.note) md.appendMarkdown('\n\n').appendText(tag.note);
      if (tag.attributes) {
        md.appendMarkdown('\n\n');
        for (const [name, value] of Object.entries(tag.attributes)) md.appendText(`${name}: ${JSON.stringify(value)}  `).appendMarkdown('\n');
      }
      if (!readOnly) {
        const ref: TagRef = { key, id: tag.id };
        const link = (id: string, label: string): string => `[${label}](command:${id}?${encodeURIComponent(JSON.stringify([ref]))})`;
        const subLabel = book.labels.length > 0 ? ` · ${link(CommandId.changeSubLabel, vscode.l10n.t('Change Sub-label'))}` : '';
        md.appendMarkdown(`\n\n${link(CommandId.changeCategory, vscode.l10n.t('Change Category'))}${subLabel} · ${link(CommandId.editNote, vscode.l10n.t('Edit Note'))} · ${link(CommandId.removeTag, vscode.l10n.t('Remove Tag'))}`);
        // A fuzzy re-attachment is accepted first (it shows what the tag said before and says now).
        const accept = tag.status === 'fuzzy' ? link(CommandId.acceptReattachment, vscode.l10n.t('Accept Re-attachment')) : '';
        const verdicts = [accept, tag.review !== 'confirmed' ? link(CommandId.markConfirmed, vscode.l10n.t('Mark Confirmed')) : '', tag.review !== 'disputed' ? link(CommandId.markDisputed, vscode.l10n.t('Mark Disputed')) : ''].filter((l) => l !== '');
        md.appendMarkdown(`\n\n${verdicts.join(' · ')}`);
      }
      return md;
    });
    const span = here.reduce((r, t) => r.union(offsets.tagRange(t)), offsets.tagRange(here[0]!));
    return new vscode.Hover(parts, span);
  }
}

/** Where the tag stands in review and whose it is: the verdict and its reviewer, then the author. */
function appendReview(md: vscode.MarkdownString, tag: Tag): void {
  md.appendMarkdown('\n\n');
  const { reviewer } = tag;
  if (tag.review === 'confirmed' && reviewer) {
    const [before, after] = around((r) => vscode.l10n.t('**Confirmed** by {0}', r));
    md.appendMarkdown(`$(pass) ${before}`).appendText(reviewer).appendMarkdown(after);
  } else if (tag.review === 'disputed' && reviewer) {
    const [before, after] = around((r) => vscode.l10n.t('**Disputed** by {0}', r));
    md.appendMarkdown(`$(error) ${before}`).appendText(reviewer).appendMarkdown(after);
  } else if (tag.review === 'confirmed') md.appendMarkdown(`$(pass) ${vscode.l10n.t('**Confirmed** (reviewer not recorded)')}`);
  else if (tag.review === 'disputed') md.appendMarkdown(`$(error) ${vscode.l10n.t('**Disputed** (reviewer not recorded)')}`);
  else md.appendMarkdown(`$(circle-large-outline) ${vscode.l10n.t('**Not reviewed**')}`);
  if (needsReview(tag)) md.appendText(`, ${vscode.l10n.t('re-attached to changed text: check it')}`);
  md.appendMarkdown(' · ');
  if (tag.author === SUGGESTED_BY) md.appendText(vscode.l10n.t('accepted suggestion (by newsmark-suggest)'));
  else if (tag.author) {
    const [before, after] = around((a) => vscode.l10n.t('tagged by {0}', a));
    md.appendText(before).appendText(tag.author).appendText(after);
  } else md.appendText(vscode.l10n.t('author not recorded'));
}
