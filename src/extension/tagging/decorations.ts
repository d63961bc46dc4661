import * as vscode from 'vscode';
import { CATEGORIES, categoryOf, type CategoryId } from '../../core/codebook';
import { outlineLayers } from '../../core/suggest/layers';
import type { TagStore } from '../../core/tagStore';
import { isOrphan } from '../../core/tag';
import { articleKey } from '../shared/articles';
import { DocumentOffsets } from '../shared/positions';
import { confirmedMark, type ConfirmedMark } from '../shared/settings';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { Disposable } from '../shared/disposable';

export type DrawnRanges = Record<CategoryId | 'disputed' | 'confirmed' | 'suggested', vscode.Range[]>;

/** One suggestion as drawn: its category's colour, and the outline layer that keeps it apart from those it overlaps. */
export interface DrawnSuggestion {
  readonly category: CategoryId;
  readonly layer: number;
  readonly range: vscode.Range;
}

/**
 * Outline styles for overlapping suggestions, each drawn with a different CSS property so that
 * two on the same text both show (two borders on one span would leave only one visible).
 */
const LAYERS = 3;

function suggestionStyle(category: CategoryId, layer: number): vscode.DecorationRenderOptions {
  const { rulerColorId } = categoryOf(category);
  const color = new vscode.ThemeColor(rulerColorId);
  const common = { overviewRulerColor: color, overviewRulerLane: vscode.OverviewRulerLane.Center, rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed };
  if (layer === 0) return { ...common, border: '1px dashed', borderColor: color };
  if (layer === 1) return { ...common, outline: '1px dashed', outlineColor: color };
  return { ...common, textDecoration: `underline dashed var(--vscode-${rulerColorId.replace(/\./g, '-')})` };
}

/** The confirmed mark the setting asks for: a thin solid underline, a mark in the overview ruler, both, or none. */
function confirmedStyle(mark: ConfirmedMark): vscode.DecorationRenderOptions {
  const underline = mark === 'underline' || mark === 'both';
  const ruler = mark === 'ruler' || mark === 'both';
  return {
    ...(underline ? { textDecoration: 'underline solid 1px var(--vscode-newsmark-confirmedMark)' } : {}),
    ...(ruler ? { overviewRulerColor: new vscode.ThemeColor('newsmark.confirmedMark'), overviewRulerLane: vscode.OverviewRulerLane.Left } : {}),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  };
}

/** Draws each visible article's tags (those the lens shows): one decoration type per category, created once. */
export class TagDecorations extends Disposable {
  private readonly types = new Map<CategoryId | 'disputed', vscode.TextEditorDecorationType>();
  private readonly suggestionTypes = new Map<string, vscode.TextEditorDecorationType>();
  private confirmed: { mark: ConfirmedMark; type: vscode.TextEditorDecorationType };
  private readonly drawn = new WeakMap<vscode.TextEditor, { ranges: DrawnRanges; suggestions: DrawnSuggestion[] }>();

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
    // Drawn over the category highlight: a disputed tag keeps its colour (and outline) and gains a wavy underline.
    this.types.set('disputed', vscode.window.createTextEditorDecorationType({
      textDecoration: 'underline wavy var(--vscode-newsmark-disputedUnderline)',
      overviewRulerColor: new vscode.ThemeColor('newsmark.disputedUnderline'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
    // Suggestions are not tags yet: a dashed outline in the category's colour, no fill, so they never
    // look accepted. Made after the tag types: on text both cover, the later rule's border wins.
    for (const category of CATEGORIES) {
      for (let layer = 0; layer < LAYERS; layer++) this.suggestionTypes.set(`${category.id}:${layer}`, vscode.window.createTextEditorDecorationType(suggestionStyle(category.id, layer)));
    }
    const mark = confirmedMark();
    this.confirmed = { mark, type: vscode.window.createTextEditorDecorationType(confirmedStyle(mark)) };
    [
      ...this.types.values(),
      ...this.suggestionTypes.values(),
      { dispose: () => this.confirmed.type.dispose() },
      store.onDidChange((change) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (articleKey(editor.document.uri) === change.key) this.draw(editor);
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.draw(e))),
      lens.onDidChange(() => vscode.window.visibleTextEditors.forEach((e) => this.draw(e))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('newsmark.review.confirmedMark')) this.restyleConfirmed();
      }),
    ].forEach((d) => this.register(d));
    vscode.window.visibleTextEditors.forEach((e) => this.draw(e));
  }

  /** What was last drawn in an editor (for tests and the test API). */
  rangesIn(editor: vscode.TextEditor): DrawnRanges {
    return this.drawn.get(editor)?.ranges ?? emptyRanges();
  }

  /** The suggestions last drawn in an editor, with their category and outline layer (for tests). */
  suggestionsIn(editor: vscode.TextEditor): readonly DrawnSuggestion[] {
    return this.drawn.get(editor)?.suggestions ?? [];
  }

  private restyleConfirmed(): void {
    const mark = confirmedMark();
    if (mark === this.confirmed.mark) return;
    this.confirmed.type.dispose(); // also clears it from every editor
    this.confirmed = { mark, type: vscode.window.createTextEditorDecorationType(confirmedStyle(mark)) };
    vscode.window.visibleTextEditors.forEach((e) => this.draw(e));
  }

  private draw(editor: vscode.TextEditor): void {
    const key = articleKey(editor.document.uri);
    const tags = this.lens.shown(this.store.tags(key));
    const suggestions = this.store.suggestions(key);
    const ranges = emptyRanges();
    const drawnSuggestions: DrawnSuggestion[] = [];
    const layered = new Map<string, vscode.Range[]>();
    if (suggestions.length > 0) {
      const offsets = DocumentOffsets.of(editor.document);
      const layers = outlineLayers(suggestions);
      suggestions.forEach((s, i) => {
        const range = offsets.range(s.start, s.end);
        const layer = Math.min(layers[i]!, LAYERS - 1);
        drawnSuggestions.push({ category: s.category, layer, range });
        ranges.suggested.push(range);
        const id = `${s.category}:${layer}`;
        layered.set(id, [...(layered.get(id) ?? []), range]);
      });
    }
    if (tags.length > 0) {
      const offsets = DocumentOffsets.of(editor.document);
      for (const tag of tags) {
        if (isOrphan(tag)) continue;
        const range = offsets.tagRange(tag);
        ranges[tag.category].push(range);
        if (tag.review === 'disputed') ranges.disputed.push(range);
        if (tag.review === 'confirmed' && this.confirmed.mark !== 'off') ranges.confirmed.push(range);
      }
    }
    for (const [id, type] of this.types) editor.setDecorations(type, ranges[id]);
    for (const [id, type] of this.suggestionTypes) editor.setDecorations(type, layered.get(id) ?? []);
    editor.setDecorations(this.confirmed.type, ranges.confirmed);
    this.drawn.set(editor, { ranges, suggestions: drawnSuggestions });
  }
}

function emptyRanges(): DrawnRanges {
  return { claim: [], denial: [], figure: [], framing: [], disputed: [], confirmed: [], suggested: [] };
}
