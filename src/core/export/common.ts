// What the span formats (W3C, brat, SemEval, doccano, Label Studio) share: which tags go out,
// how orphans are reported, JSON (Lines) reading and writing, and finding articles again on import.
import * as l10n from '@vscode/l10n';
import { ArticleText, type Tag } from '../tag';
import type { ExportArticle } from './types';

/** An article with the tags that have a place in its text now. */
export interface PlacedArticle {
  readonly article: ExportArticle;
  readonly text: ArticleText;
  /** Tags in text order, none orphaned, none empty, all inside the text. */
  readonly tags: readonly Tag[];
}

/** Orphaned and empty tags have no offsets to write: span formats leave them out. */
export function isPlaced(tag: Tag, length: number): boolean {
  return tag.status !== 'orphaned' && tag.start < tag.end && tag.start >= 0 && tag.end <= length;
}

/** The placed tags of each article, and one warning per article that had tags left out. */
export function placedArticles(articles: readonly ExportArticle[]): { placed: PlacedArticle[]; warnings: string[] } {
  const warnings: string[] = [];
  const placed = articles.map((article) => {
    const text = new ArticleText(article.text);
    const tags = article.tags.filter((t) => isPlaced(t, text.length));
    const left = article.tags.filter((t) => !isPlaced(t, text.length));
    if (left.length > 0) {
      const n = left.length;
      const ids = left.map((t) => t.id).join(', ');
      warnings.push(n === 1
        ? l10n.t('{0}: 1 orphaned tag left out ({1}); run newsmark check to re-anchor it.', article.name, ids)
        : l10n.t('{0}: {1} orphaned tags left out ({2}); run newsmark check to re-anchor them.', article.name, n, ids));
    }
    return { article, text, tags };
  });
  return { placed, warnings };
}

/** One JSON value a line, each line ending in LF (JSON Lines). */
export function jsonLines(values: readonly unknown[]): string {
  return values.map((v) => `${JSON.stringify(v)}\n`).join('');
}

/** Parses JSON, reporting a syntax error as a problem instead of throwing. */
export function parseJson(content: string, file: string, problems: string[]): unknown {
  try {
    return JSON.parse(stripBom(content)) as unknown;
  } catch (error) {
    problems.push(l10n.t('{0}: not valid JSON ({1})', file, error instanceof Error ? error.message : 'syntax error'));
    return undefined;
  }
}

/** The values of a JSON Lines file with their line numbers; blank lines are skipped, bad ones reported. */
export function parseJsonLines(content: string, file: string, problems: string[]): { line: number; value: unknown }[] {
  const values: { line: number; value: unknown }[] = [];
  textLines(content).forEach((text, i) => {
    if (text.trim() === '') return;
    const value = parseJson(text, `${file}:${i + 1}`, problems);
    if (value !== undefined) values.push({ line: i + 1, value });
  });
  return values;
}

/** The lines of a text file, CRLF or LF, without a trailing empty line. */
export function textLines(content: string): string[] {
  const lines = stripBom(content).split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function stripBom(content: string): string {
  return content.startsWith('\uFEFF') ? content.slice(1) : content;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative whole number, from a number or its decimal digits; undefined otherwise. */
export function toOffset(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The last part of a path, `/` or `\` separated (importers get full paths as keys). */
export function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** An article's name without `.txt`, as brat and SemEval name their files. */
export function withoutTxt(name: string): string {
  return name.endsWith('.txt') ? name.slice(0, -4) : name;
}

/** The files whose names end in one of the extensions; a lone file is taken whatever its name. */
export function filesEnding(files: ReadonlyMap<string, string>, extensions: readonly string[]): [string, string][] {
  const all = [...files];
  const matching = all.filter(([path]) => extensions.some((e) => path.toLowerCase().endsWith(e)));
  return matching.length === 0 && all.length === 1 ? all : matching;
}

/**
 * The article a record belongs to: the name it gives when the corpus has it, else the one article
 * whose text is exactly the record's text (when the caller lists the corpus's names).
 */
export function findArticle(
  name: string | undefined,
  text: string | undefined,
  articleText: (name: string) => string | undefined,
  articleNames: readonly string[] = [],
): string | undefined {
  if (name !== undefined && articleText(name) !== undefined) return name;
  if (text !== undefined) {
    const lf = text.replace(/\r\n/g, '\n');
    // Only when one article has that text: two copies of one text are not told apart by it.
    const same = articleNames.filter((n) => articleText(n) === lf);
    if (same.length === 1) return same[0];
  }
  return name;
}
