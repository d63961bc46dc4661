import * as vscode from 'vscode';
import { codebookWarnings } from '../../core/codebook/index';
import type { SidecarFile } from '../../core/sidecar';
import type { TagStore } from '../../core/tagStore';
import { articleUri, sidecarUriFor } from '../shared/articles';
import { Disposable } from '../shared/disposable';
import type { CodebookService } from './codebookService';

/**
 * Sub-labels and article codes the codebook does not list, as warnings on their lines of the
 * sidecar (in the Problems panel and in the file). Worked out per sidecar as read from disk, and
 * again for every sidecar when the codebook changes.
 */
export class CodebookValueWarnings extends Disposable {
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('newsmark-codebook-values'));
  /** The sidecar each article's warnings were worked out for: a change of tags alone needs no new look. */
  private readonly seen = new Map<string, SidecarFile | undefined>();

  constructor(private readonly store: TagStore, private readonly codebook: CodebookService) {
    super();
    this.registerAll(
      store.onDidChange((change) => this.update(change.key)),
      codebook.onDidChange(() => {
        this.seen.clear();
        this.diagnostics.clear();
        for (const key of store.keys()) this.update(key);
      }),
    );
    for (const key of store.keys()) this.update(key);
  }

  private update(key: string): void {
    const sidecar = this.store.get(key)?.sidecar;
    if (this.seen.has(key) && this.seen.get(key) === sidecar) return;
    this.seen.set(key, sidecar);
    const uri = sidecarUriFor(articleUri(key));
    const warnings = sidecar ? codebookWarnings(this.codebook.codebook, sidecar) : [];
    if (warnings.length === 0) {
      this.diagnostics.delete(uri);
      return;
    }
    this.diagnostics.set(uri, warnings.map((w) => {
      const at = new vscode.Position(Math.max(0, w.line - 1), Math.max(0, w.column - 1));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), w.message, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'Newsmark codebook';
      return diagnostic;
    }));
  }
}
