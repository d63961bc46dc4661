import * as vscode from 'vscode';
import type { TagStore } from '../../core/tagStore';
import { articleKey } from '../shared/articles';
import { Disposable } from '../shared/disposable';

export const NEWS_ARTICLE_LANGUAGE = 'news-article';

/**
 * Shows tagged `.txt` articles with the News Article grammar (headline, quotations, figures,
 * attribution verbs), when the setting newsmark.newsArticleGrammarForText is on.
 */
export class ArticleLanguage extends Disposable {

  constructor(private readonly store: TagStore) {
    super();
    [
      vscode.workspace.onDidOpenTextDocument((doc) => this.apply(doc)),
      store.onDidChange((change) => {
        if (change.kind !== 'loaded') return;
        const doc = vscode.workspace.textDocuments.find((d) => articleKey(d.uri) === change.key);
        if (doc) this.apply(doc);
      }),
    ].forEach((d) => this.register(d));
    vscode.workspace.textDocuments.forEach((doc) => this.apply(doc));
  }

  private apply(document: vscode.TextDocument): void {
    const wanted = vscode.workspace.getConfiguration('newsmark').get<boolean>('newsArticleGrammarForText', false);
    if (!wanted || document.languageId !== 'plaintext' || !document.uri.path.endsWith('.txt')) return;
    if (!this.store.get(articleKey(document.uri))?.sidecar) return;
    void vscode.languages.setTextDocumentLanguage(document, NEWS_ARTICLE_LANGUAGE).then(undefined, () => undefined);
  }
}
