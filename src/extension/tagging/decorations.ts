import * as vscode from 'vscode';
import { CATEGORIES, type CategoryId } from '../../core/codebook';
import type { TagStore } from '../../core/tagStore';
import { isOrphan } from '../../core/tag';
import { articleKey } from '../shared/articles';
import { DocumentOffsets } from '../shared/positions';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { Disposable } from '../shared/disposable';

export type DrawnRanges = Record<CategoryId | 'disputed' | 'suggested', vscode.Range[]>;

/** Draws each visible article's tags (those the lens shows): one decoration type per category, created once. */
export class TagDecorations extends Disposable {
  private readonly types = new Map<CategoryId | 'disputed' | 'suggested', vscode.TextEditorDecorationType>();
  private readonly drawn = new WeakMap<vscode.TextEditor, DrawnRanges>();

  constructor(private readonly store: TagStore, private readonly lens: TagLens = ALL_TAGS) {
    super();
    for (const category of CATEGORIES) {
      this.types.set(category.id, vscode.window.createTextEditorDecorationType({
        backgroundColor: new vscode.ThemeColor(category.colorId),
        // An outline in every theme, transparent by default except in high contrast, where a tint
        // alone is not enough to tell a highlight from the text around it.
        border: '1px solid',
        borderColor: new vscode.ThemeColor(category.borderColorId),
        overviewRulerColor: new vscode.ThemeColor(category.rulerColorId),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        // Typing at a tag's edge stays outside it, matching how the store shifts tags.
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }));
    }
    // Drawn over the category highlight: a disputed tag keeps its colour and gains a wavy underline.
    this.types.set('disputed', vscode.window.createTextEditorDecorationType({
      textDecoration: 'underline wavy var(--vscode-newsmark-disputedUnderline)',
      borderColor: new vscode.ThemeColor('newsmark.disputedUnderline'),
      overviewRulerColor: new vscode.ThemeColor('newsmark.disputedUnderline'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
    // Suggestions are not tags yet: a dashed outline, no fill, so they never look accepted.
    this.types.set('suggested', vscode.window.createTextEditorDecorationType({
      border: '1px dashed',
      borderColor: new vscode.ThemeColor('newsmark.suggestionBorder'),
      overviewRulerColor: new vscode.ThemeColor('newsmark.suggestionBorder'),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
    [
      ...this.types.values(),
      store.onDidChange((change) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (articleKey(editor.document.uri) === change.key) this.draw(editor);
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.draw(e))),
      lens.onDidChange(() => vscode.window.visibleTextEditors.forEach((e) => this.draw(e))),
    ].forEach((d) => this.register(d));
    vscode.window.visibleTextEditors.forEach((e) => this.draw(e));
  }

  /** What was last drawn in an editor (for tests and the test API). */
  rangesIn(editor: vscode.TextEditor): DrawnRanges {
    return this.drawn.get(editor) ?? emptyRanges();
  }

  private draw(editor: vscode.TextEditor): void {
    const key = articleKey(editor.document.uri);
    const tags = this.lens.shown(this.store.tags(key));
    const suggestions = this.store.suggestions(key);
    const ranges = emptyRanges();
    if (suggestions.length > 0) {
      const offsets = DocumentOffsets.of(editor.document);
      ranges.suggested = suggestions.map((s) => offsets.range(s.start, s.end));
    }
    if (tags.length > 0) {
      const offsets = DocumentOffsets.of(editor.document);
      for (const tag of tags) {
        if (isOrphan(tag)) continue;
        const range = offsets.tagRange(tag);
        ranges[tag.category].push(range);
        if (tag.review === 'disputed') ranges.disputed.push(range);
      }
    }
    for (const [id, type] of this.types) editor.setDecorations(type, ranges[id]);
    this.drawn.set(editor, ranges);
  }
}

function emptyRanges(): DrawnRanges {
  return { claim: [], denial: [], figure: [], framing: [], disputed: [], suggested: [] };
}
