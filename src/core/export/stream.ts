/**
 * Exports written article by article (issue 16): an exporter's stream is handed one article at
 * a time, writes what it can of it at once, and keeps only what its files' heads need (counts,
 * names). What cannot be placed until every article is in — a total before the items, a table
 * of contents, file names that depend on every article's path — goes to spools, append-only
 * stores the caller provides (temporary files on the command line, strings in memory), and the
 * files are then assembled from pieces: text made at the end and ranges of spools.
 *
 * Every exporter's `export()` runs its stream over in-memory spools, so the batch export and
 * the streamed one are the same code and give the same bytes.
 */
import type { ExportArticle, ExportFile, ExportOptions } from './types';

/** An append-only store of text. Marks are positions in its own unit, only compared and passed back. */
export interface Spool {
  write(text: string): void;
  mark(): number;
}

/**
 * Part of a spool, [from, to); with `linePrefix`, every line of it is given that prefix; with
 * `mapLine`, every line (without its LF) is replaced by what it returns (line end included) —
 * for what can be written out only once every article is in (the CSV's attribute columns).
 */
export interface SpoolRange {
  readonly spool: Spool;
  readonly from: number;
  readonly to: number;
  readonly linePrefix?: string;
  readonly mapLine?: (line: string) => string;
}

export type Piece = string | SpoolRange;

/** A file of the export as the pieces it is made of, in order. */
export interface AssembledFile {
  readonly path: string;
  readonly pieces: readonly Piece[];
}

export interface StreamedExport {
  readonly files: AssembledFile[];
  readonly warnings: string[];
}

/**
 * An article as a stream gets it: as exporters see it, but without `path`, which depends on
 * every article of the export (the folder they all share) and is given to `finish` instead.
 */
export type StreamArticle = Omit<ExportArticle, 'path'>;

export interface ExportStream {
  /** The next article, in the export's order. Its text and tags are not kept once it returns. */
  add(article: StreamArticle): void;
  /** `paths[i]` is the i-th added article's path relative to the export (see ExportArticle.path). */
  finish(paths: readonly string[]): StreamedExport;
}

/** Starts a stream; `spool` makes a new spool each time it is called. */
export type OpenStream = (options: ExportOptions, spool: () => Spool) => ExportStream;

/** A spool in memory: for the editor's exports and the batch `export()`. */
export class MemorySpool implements Spool {
  private readonly parts: string[] = [];
  private length = 0;
  private joined: string | undefined;

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    this.joined = undefined;
  }

  mark(): number {
    return this.length;
  }

  read(from: number, to: number): string {
    this.joined ??= this.parts.join('');
    return this.joined.slice(from, to);
  }
}

/** A range's text with every line given its prefix (a range of whole lines, each ending in LF). */
export function prefixLines(text: string, prefix: string): string {
  return text === '' ? '' : prefix + text.slice(0, -1).split('\n').join(`\n${prefix}`) + text.slice(-1);
}

/** The whole of what a spool holds now. */
export function wholeSpool(spool: Spool): SpoolRange {
  return { spool, from: 0, to: spool.mark() };
}

/** Writes `content` at the end of the spool and returns where it went. */
export function appendRange(out: Spool, content: string): SpoolRange {
  const from = out.mark();
  out.write(content);
  return { spool: out, from, to: out.mark() };
}

/** Runs a stream over the articles with memory spools and joins the pieces: the batch export. */
export function exportAll(open: OpenStream, articles: readonly ExportArticle[], options: ExportOptions): { files: ExportFile[]; warnings: string[] } {
  const stream = open(options, () => new MemorySpool());
  for (const { path: _path, ...article } of articles) stream.add(article);
  const result = stream.finish(articles.map((a) => a.path ?? a.name));
  return { files: result.files.map((f) => ({ path: f.path, content: joinPieces(f.pieces) })), warnings: result.warnings };
}

function joinPieces(pieces: readonly Piece[]): string {
  return pieces.map((p) => (typeof p === 'string' ? p : rangeText(p, (p.spool as MemorySpool).read(p.from, p.to)))).join('');
}

/** Whether a range must be read whole, a line at a time, to be written (a prefix or a mapping). */
export function isLineRange(range: SpoolRange): boolean {
  return range.linePrefix !== undefined || range.mapLine !== undefined;
}

/** What a range's TEXT (all of it, whole lines each ending in LF) becomes in the file. */
export function rangeText(range: SpoolRange, text: string): string {
  if (range.mapLine) return text === '' ? '' : text.slice(0, -1).split('\n').map(range.mapLine).join('');
  return range.linePrefix === undefined ? text : prefixLines(text, range.linePrefix);
}

/**
 * JSON.stringify(value, null, 2) of a value at `depth` inside a larger document pretty-printed
 * the same way: its lines after the first indented to that depth (a JSON text holds no raw
 * line break, so every line break is the printer's).
 */
export function indentedJson(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}
