import { CONTEXT_LENGTH } from '../tag';
import { TextIndex } from '../textIndex';

/**
 * The changed article as re-attaching reads it: code-point offsets over the LF text, sliced as
 * ArticleText slices them, plus checks that compare a tag's text and context in place. Most tags
 * are found exactly where they were, and slicing out three strings per tag only to compare them
 * (then dropping them) was a large share of re-attaching a big article.
 */
export class ArticleView {
  private readonly index: TextIndex;
  readonly length: number;

  constructor(readonly lf: string) {
    this.index = new TextIndex(lf);
    this.length = this.index.length;
  }

  slice(start: number, end: number): string {
    return this.lf.slice(this.index.toUtf16(start), this.index.toUtf16(end));
  }

  /** The recorded prefix of a span starting here, as ArticleText.contextOf gives it. */
  prefixOf(start: number): string {
    return this.slice(Math.max(0, start - CONTEXT_LENGTH), start);
  }

  /** The recorded suffix of a span ending here, as ArticleText.contextOf gives it. */
  suffixOf(end: number): string {
    return this.slice(end, Math.min(this.length, end + CONTEXT_LENGTH));
  }

  /** Whether slice(start, end) === text, without the slice. */
  holds(start: number, end: number, text: string): boolean {
    return this.unitsHold(this.index.toUtf16(start), this.index.toUtf16(end), text);
  }

  /** Whether prefixOf(start) and suffixOf(end) are exactly these, without the slices. */
  hasContext(start: number, end: number, prefix: string, suffix: string): boolean {
    return this.unitsHold(this.index.toUtf16(Math.max(0, start - CONTEXT_LENGTH)), this.index.toUtf16(start), prefix)
      && this.unitsHold(this.index.toUtf16(end), this.index.toUtf16(Math.min(this.length, end + CONTEXT_LENGTH)), suffix);
  }

  /** Whether lf.slice(from, to) === text (a reversed range slices to nothing). */
  private unitsHold(from: number, to: number, text: string): boolean {
    return (to > from ? to - from : 0) === text.length && this.lf.startsWith(text, from);
  }
}
