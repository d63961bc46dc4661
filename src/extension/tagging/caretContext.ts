import * as vscode from 'vscode';
import { isOrphan, tagsAt } from '../../core/tag';
import type { TagStore } from '../../core/tagStore';
import { articleKey, isTaggable } from '../shared/articles';
import { ContextKeys } from '../shared/contextKeys';
import { Disposable } from '../shared/disposable';
import { DocumentOffsets } from '../shared/positions';
import type { TagLens } from '../shared/tagLens';

/**
 * Keeps `newsmark.onTag` and `newsmark.onFuzzyTag` true exactly when the commands that act on
 * "the tag under the cursor" would find one, so the palette offers them only there (the test is
 * resolveTargets' own: the tags the lens shows at the caret); and `newsmark.articleHasTags` for
 * the editor's context menu (see ContextKeys).
 */
export class CaretContext extends Disposable {
  constructor(private readonly store: TagStore, private readonly lens: TagLens) {
    super();
    this.registerAll(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      // A tag made, removed or moved under a cursor that stays put changes the answer too.
      store.onDidChange((change) => {
        const editor = vscode.window.activeTextEditor;
        if (editor && articleKey(editor.document.uri) === change.key) this.update();
      }),
      lens.onDidChange(() => this.update()),
    );
    this.update();
  }

  /** The values last given to VS Code. */
  get keys(): { onTag: boolean; onFuzzyTag: boolean; articleHasTags: boolean } {
    return { onTag: ContextKeys.onTag.current === true, onFuzzyTag: ContextKeys.onFuzzyTag.current === true, articleHasTags: ContextKeys.articleHasTags.current === true };
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const tags = editor && isTaggable(editor.document) ? this.lens.shown(this.store.tags(articleKey(editor.document.uri))).filter((t) => !isOrphan(t)) : [];
    const here = editor && tags.length > 0 ? tagsAt(tags, DocumentOffsets.of(editor.document).codePoint(editor.selection.active)) : [];
    ContextKeys.articleHasTags.set(tags.length > 0);
    ContextKeys.onTag.set(here.length > 0);
    ContextKeys.onFuzzyTag.set(here.some((t) => t.status === 'fuzzy'));
  }
}
