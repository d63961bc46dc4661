import * as vscode from 'vscode';
import { TextIndex } from '../../core/textIndex';
import type { Tag } from '../../core/tag';

/**
 * The only converter between sidecar offsets (LF code points) and VS Code positions
 * (UTF-16, CRLF). One TextIndex per document version, built on first use.
 */
export class DocumentOffsets {
  private static readonly cache = new WeakMap<vscode.TextDocument, { version: number; index: TextIndex }>();

  static of(document: vscode.TextDocument): DocumentOffsets {
    const cached = this.cache.get(document);
    if (cached && cached.version === document.version) return new DocumentOffsets(document, cached.index);
    const index = new TextIndex(document.getText());
    this.cache.set(document, { version: document.version, index });
    return new DocumentOffsets(document, index);
  }

  /** The index of a document's text before a change, for mapping that change. */
  static indexBefore(document: vscode.TextDocument, previousVersion: number): TextIndex | undefined {
    const cached = this.cache.get(document);
    return cached && cached.version === previousVersion ? cached.index : undefined;
  }

  private constructor(
    readonly document: vscode.TextDocument,
    readonly index: TextIndex,
  ) {}

  position(codePoint: number): vscode.Position {
    return this.document.positionAt(this.index.toUtf16(codePoint));
  }

  range(start: number, end: number): vscode.Range {
    return new vscode.Range(this.position(start), this.position(end));
  }

  tagRange(tag: Tag): vscode.Range {
    return this.range(tag.start, tag.end);
  }

  codePoint(position: vscode.Position): number {
    return this.index.toCodePoint(this.document.offsetAt(position));
  }

  /** A selection or range → [start, end) in sidecar units. */
  span(range: vscode.Range): { start: number; end: number } {
    return { start: this.codePoint(range.start), end: this.codePoint(range.end) };
  }
}
