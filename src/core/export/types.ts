import type { Codebook } from '../codebook/index';
import type { ArticleCodes } from '../details';
import type { Tag } from '../tag';
import type { OpenStream } from './stream';

/** One article as exporters see it. */
export interface ExportArticle {
  /** The article's file name (e.g. `peskov.txt`); two articles in different folders may share it. */
  readonly name: string;
  /**
   * The article's path relative to the folder holding all exported articles, `/`-separated
   * (`sub/peskov.txt`); absent means the name. Per-article files and mapping files use it to
   * tell same-named articles apart.
   */
  readonly path?: string;
  /** Where the article is, as a URI (`file:///…/peskov.txt`): W3C targets use it. */
  readonly uri: string;
  /** The article text with CRLF → LF: every offset Newsmark exports refers to it. */
  readonly text: string;
  /** The tags, in text order, orphans included (exporters decide what to do with them). */
  readonly tags: readonly Tag[];
  /** The article's codes (codebook), for the formats that carry article-level labels. */
  readonly codes?: ArticleCodes;
}

/** A file an export produces, relative to the chosen folder (or the chosen file for single-file formats). */
export interface ExportFile {
  readonly path: string;
  readonly content: string;
}

export interface ExportOptions {
  /** csv/jsonl: put orphaned tags in with empty offsets. Span formats always leave them out. */
  readonly includeOrphans: boolean;
  /** csv: start with a UTF-8 byte-order mark, which spreadsheet programs use to detect UTF-8. */
  readonly bom: boolean;
  /** doccano: the unit of its offsets (UTF-16 code units, as doccano counts, unless asked otherwise). */
  readonly offsets?: OffsetChoice;
  /** The project's codebook: the HTML report names sub-labels and gives their definitions. */
  readonly codebook?: Codebook;
}

/** `--offsets`: JavaScript string indices (doccano's own) or Python ones. */
export type OffsetChoice = 'utf16' | 'codepoints';

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = { includeOrphans: false, bom: false };

/** What an export did, besides its files: orphans left out, said plainly. */
export interface ExportResult {
  readonly files: ExportFile[];
  readonly warnings: string[];
}

/** The unit a format's offsets count. */
export type OffsetUnit = 'code points' | 'UTF-16 code units' | 'none';

export interface Exporter {
  /** The `--format` name. */
  readonly id: string;
  readonly label: string;
  readonly unit: OffsetUnit;
  /** Single-file formats may be given a file name instead of a folder. */
  readonly singleFile: boolean;
  /** The file name used when only a folder is given, for single-file formats. */
  readonly defaultFileName?: string;
  export(articles: readonly ExportArticle[], options: ExportOptions): ExportResult;
  /** The same export written article by article (see ./stream.ts). */
  readonly open: OpenStream;
}

export interface ImportOptions {
  /** doccano: the unit of the file's offsets (UTF-16 code units unless told otherwise). */
  readonly offsets?: OffsetChoice;
}

/** A tag read from another tool's file, before it is placed in an article. */
export interface ImportedSpan {
  /**
   * The article the span belongs to: its file name, or its path relative to the exported
   * articles' folder when the file records one (`bbc/day.txt`; see articleMatch.ts).
   */
  readonly article: string;
  /** The category as the other tool named it (mapped later). */
  readonly label: string;
  /** A sub-label the format carries apart from the label (a brat attribute, a W3C body, a column). */
  readonly subLabel?: string;
  /** Offsets in the article text with CRLF → LF, in code points (importers convert their unit). */
  readonly start: number;
  readonly end: number;
  /** The text the other tool says the span covers, when it says. */
  readonly text?: string;
  readonly note?: string;
  readonly id?: string;
  readonly attributes?: Record<string, unknown>;
}

export interface Importer {
  readonly id: string;
  readonly label: string;
  /**
   * Reads the other tool's files. `read` returns a file's text relative to the given path, or
   * undefined when it does not exist; `articleText` returns the LF text of an article by name
   * or recorded path (undefined when it is not one article of the corpus). `articleNames`, when
   * given, lists references to the corpus's articles (names, or paths where names repeat) so
   * records that do not name their article (doccano, Label Studio) can be matched by their text.
   */
  read(
    files: ReadonlyMap<string, string>,
    articleText: (name: string) => string | undefined,
    articleNames?: readonly string[],
    options?: ImportOptions,
  ): ImportResult;
  /**
   * The article paths the files record (a mapping file's), for the formats that keep one: what
   * tells apart articles of one name (see articleMatch.ts).
   */
  recordedPaths?(files: ReadonlyMap<string, string>): string[];
}

export interface ImportResult {
  readonly spans: ImportedSpan[];
  readonly problems: string[];
  /** Article-level codes the format carries (SemEval-2023's frames and genre), for the sidecar header. */
  readonly codes?: ImportedCodes[];
  /** What was read but has no place in a sidecar, said without failing the import. */
  readonly notes?: string[];
}

export interface ImportedCodes {
  /** As ImportedSpan's. */
  readonly article: string;
  readonly code: string;
  readonly values: readonly string[];
}
