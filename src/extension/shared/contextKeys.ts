import * as vscode from 'vscode';

/** A `when`-clause context key with a typed value, set through VS Code's setContext. */
export class ContextKey<V extends string | boolean | number> {
  private value: V | undefined;
  constructor(readonly name: string) {}

  set(value: V): void {
    if (value === this.value) return;
    this.value = value;
    void vscode.commands.executeCommand('setContext', this.name, value);
  }

  /** The value last set (undefined before the first). */
  get current(): V | undefined {
    return this.value;
  }
}

/**
 * A key set true and straight back to false: what a walkthrough step waits for when its action is
 * done. VS Code takes a completion key that is already true when it loads the walkthroughs (which
 * it does on their first showing) as seen for the whole session: a key left true by a tag made
 * earlier kept the step from ever ticking in that window.
 */
export class PulseKey {
  constructor(readonly name: string) {}

  pulse(): void {
    void vscode.commands.executeCommand('setContext', this.name, true).then(() => vscode.commands.executeCommand('setContext', this.name, false));
  }
}

export const ContextKeys = {
  /** 'article' | 'category': how the Tags view groups tags. */
  grouping: new ContextKey<'article' | 'category'>('newsmark.grouping'),
  /** Whether the Tags view shows a filtered subset. */
  filtering: new ContextKey<boolean>('newsmark.filtering'),
  /** Whether any tag waits for Keep Mine / Keep Theirs. */
  hasConflicts: new ContextKey<boolean>('newsmark.hasConflicts'),
  /** Whether any sidecar's article is missing. */
  hasMissingArticles: new ContextKey<boolean>('newsmark.hasMissingArticles'),
  /** Whether "Show Only My Tags" (blind coding) hides other authors' tags. */
  showOnlyMyTags: new ContextKey<boolean>('newsmark.showOnlyMyTags'),
  /** Whether a comparison with another annotation set is open (adjudication). */
  comparing: new ContextKey<boolean>('newsmark.comparing'),
  /** Whether the cursor of the active editor is in a difference with the other set: the four resolution keys work then. */
  inDifference: new ContextKey<boolean>('newsmark.inDifference'),
  /** Whether the workspace's codebook gives any category sub-labels: Change Sub-label shows then. */
  hasSubLabels: new ContextKey<boolean>('newsmark.hasSubLabels'),
  /** Whether the codebook defines article-level codes: Set Article Codes… shows then. */
  hasArticleCodes: new ContextKey<boolean>('newsmark.hasArticleCodes'),
  /** Whether the cursor of the active editor is on a tag (one the lens shows): the tag commands show then. */
  onTag: new ContextKey<boolean>('newsmark.onTag'),
  /**
   * Whether the active editor's article has tags (the lens shows): the editor's context menu offers
   * the tag actions then. It cannot ask onTag: a right-click moves the cursor as the menu is built,
   * before an extension can answer, so the tag just right-clicked would show none.
   */
  articleHasTags: new ContextKey<boolean>('newsmark.articleHasTags'),
  /** Whether a tag under the cursor waits for its re-attachment to be accepted. */
  onFuzzyTag: new ContextKey<boolean>('newsmark.onFuzzyTag'),
  // The walkthrough's steps, done when what each asks for is done — a tag made, a tag reviewed,
  // suggestions made, outlets compared, an export written — never by a command started and then
  // cancelled, as the steps' onCommand events had it. Pulsed, not left true (see PulseKey).
  didTag: new PulseKey('newsmark.did.tag'),
  didReview: new PulseKey('newsmark.did.review'),
  didSuggest: new PulseKey('newsmark.did.suggest'),
  didCompare: new PulseKey('newsmark.did.compare'),
  didExport: new PulseKey('newsmark.did.export'),
} as const;
