import * as vscode from 'vscode';
import { DIFFERENCE_LABELS, RESOLUTION_LABELS, type Difference, type Resolution, type Span } from '../../core/agreement';
import { CATEGORIES } from '../../core/codebook';
import { articleKey, selectSpan } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { ContextKeys } from '../shared/contextKeys';
import { DocumentOffsets } from '../shared/positions';
import { shorten } from '../review/tagsTreeText';
import type { Comparison } from './comparison';
import { Disposable } from '../shared/disposable';

/** A difference as commands receive it from the hover, the tree (its node has the same fields) and tests. */
export interface DifferenceRef {
  readonly key: string;
  readonly id: string;
}

export const RESOLUTION_COMMANDS: Record<Resolution, CommandId> = {
  'take-theirs': CommandId.takeTheirsDifference,
  'keep-mine': CommandId.keepMineDifference,
  'keep-both': CommandId.keepBothDifference,
  'drop-both': CommandId.dropBothDifference,
};

/** [start, end) covering both sides of a difference. */
export function extentOf(d: Difference): { start: number; end: number } {
  const sides = [d.a, d.b].filter((s): s is Span => s !== null);
  return { start: Math.min(...sides.map((s) => s.start)), end: Math.max(...sides.map((s) => s.end)) };
}

/**
 * The difference the cursor is in: the one the selection covers exactly (as Next Difference
 * leaves it), else the narrowest one around the cursor (ends included, as for tags).
 */
export function differenceAt(comparison: Comparison, editor: vscode.TextEditor): Difference | undefined {
  const all = comparison.differences(articleKey(editor.document.uri));
  if (all.length === 0) return undefined;
  const offsets = DocumentOffsets.of(editor.document);
  const span = offsets.span(editor.selection);
  const cursor = offsets.codePoint(editor.selection.active);
  const exact = all.find((d) => {
    const e = extentOf(d);
    return e.start === span.start && e.end === span.end;
  });
  if (exact) return exact;
  const around = all.filter((d) => [d.a, d.b].some((s) => s !== null && s.start <= cursor && cursor <= s.end));
  const width = (d: Difference): number => extentOf(d).end - extentOf(d).start;
  return around.sort((x, y) => width(x) - width(y))[0];
}

/** "Claim “the port will reopen”", or "(no tag)". */
export function describeSide(span: Span | null): string {
  const label = span && (CATEGORIES.find((c) => c.id === span.category)?.label ?? span.category);
  if (!span) return vscode.l10n.t('(no tag)');
  return span.label !== undefined ? vscode.l10n.t('{0} › {1} “{2}”', label!, span.label, shorten(span.text)) : vscode.l10n.t('{0} “{1}”', label!, shorten(span.text));
}

/**
 * The editor's side of adjudication: their spans outlined (ours keep their usual highlight), a
 * hover on a difference with links to the four resolutions, and the `newsmark.inDifference`
 * context key the resolution keys depend on.
 */
export class DifferenceEditor extends Disposable {
  private readonly theirs = vscode.window.createTextEditorDecorationType({
    border: '1px solid',
    borderColor: new vscode.ThemeColor('newsmark.theirsOutline'),
    overviewRulerColor: new vscode.ThemeColor('newsmark.theirsOutline'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly drawn = new WeakMap<vscode.TextEditor, vscode.Range[]>();

  constructor(private readonly comparison: Comparison) {
    super();
    this.registerAll(
      this.theirs,
      comparison.onDidChange((key) => {
        for (const editor of vscode.window.visibleTextEditors) if (key === undefined || articleKey(editor.document.uri) === key) this.draw(editor);
        this.updateContext();
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.draw(e))),
      vscode.window.onDidChangeTextEditorSelection(() => this.updateContext()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.languages.registerHoverProvider({ pattern: '**/*' }, { provideHover: (document, position) => this.hover(document, position) }),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.draw(e));
    this.updateContext();
  }

  /** Their spans drawn in an editor (for tests). */
  theirRangesIn(editor: vscode.TextEditor): readonly vscode.Range[] {
    return this.drawn.get(editor) ?? [];
  }

  private draw(editor: vscode.TextEditor): void {
    const differences = this.comparison.differences(articleKey(editor.document.uri));
    const offsets = DocumentOffsets.of(editor.document);
    const ranges = differences.flatMap((d) => (d.b ? [offsets.range(d.b.start, d.b.end)] : []));
    editor.setDecorations(this.theirs, ranges);
    this.drawn.set(editor, ranges);
  }

  private updateContext(): void {
    const editor = vscode.window.activeTextEditor;
    ContextKeys.inDifference.set(editor !== undefined && differenceAt(this.comparison, editor) !== undefined);
  }

  private hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const key = articleKey(document.uri);
    const offsets = DocumentOffsets.of(document);
    const at = offsets.codePoint(position);
    const here = this.comparison.differences(key).filter((d) => [d.a, d.b].some((s) => s !== null && s.start <= at && at <= s.end));
    if (here.length === 0) return undefined;
    const parts = here.map((d) => {
      const md = new vscode.MarkdownString(undefined, true);
      md.isTrusted = { enabledCommands: Object.values(RESOLUTION_COMMANDS) };
      md.appendMarkdown(`$(git-compare) **${vscode.l10n.t('Difference: {0}', DIFFERENCE_LABELS[d.kind])}**\n\n`);
      md.appendMarkdown(`*${vscode.l10n.t('Mine:')}* `).appendText(describeSide(d.a)).appendMarkdown(`\n\n*${vscode.l10n.t('Theirs (outlined):')}* `).appendText(describeSide(d.b));
      const ref: DifferenceRef = { key, id: d.id };
      const link = (r: Resolution): string => `[${RESOLUTION_LABELS[r]}](command:${RESOLUTION_COMMANDS[r]}?${encodeURIComponent(JSON.stringify([ref]))})`;
      md.appendMarkdown(`\n\n${(['take-theirs', 'keep-mine', 'keep-both', 'drop-both'] as const).map(link).join(' · ')}`);
      return md;
    });
    const extents = here.map(extentOf);
    return new vscode.Hover(parts, offsets.range(Math.min(...extents.map((e) => e.start)), Math.max(...extents.map((e) => e.end))));
  }

  /** Selects the next (or previous) difference after the cursor, going on into the next article that has one. */
  async step(direction: 1 | -1): Promise<boolean> {
    const keys = this.comparison.keys().filter((key) => this.comparison.differences(key).length > 0);
    if (keys.length === 0) return false;
    const editor = vscode.window.activeTextEditor;
    const current = editor ? articleKey(editor.document.uri) : undefined;
    if (editor && current !== undefined && keys.includes(current)) {
      const offsets = DocumentOffsets.of(editor.document);
      const span = offsets.span(editor.selection);
      const starts = this.comparison.differences(current).map(extentOf);
      const next = direction === 1
        ? starts.find((e) => e.start > span.start || (e.start === span.start && e.end > span.end))
        : [...starts].reverse().find((e) => e.start < span.start || (e.start === span.start && e.end < span.end));
      if (next) {
        await selectSpan(current, next.start, next.end);
        return true;
      }
    }
    const at = current === undefined ? -1 : keys.indexOf(current);
    const key = at < 0 ? keys[direction === 1 ? 0 : keys.length - 1]! : keys[(at + direction + keys.length) % keys.length]!;
    const list = this.comparison.differences(key);
    const target = extentOf(list[direction === 1 ? 0 : list.length - 1]!);
    await selectSpan(key, target.start, target.end);
    return true;
  }

  override dispose(): void {
    super.dispose();
    ContextKeys.inDifference.set(false);
  }
}
