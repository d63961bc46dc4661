import type { CategoryId } from '../codebook';

/**
 * A project's refinement of the four categories (issue 17): sub-labels per category, the
 * attributes a tag offers, and article-level codes. The four categories stay the sidecar's
 * contract; a codebook only adds to them, so an empty one is exactly Newsmark without a codebook.
 */
export interface Codebook {
  /** Shown in pickers and the report: the project's name for this codebook. */
  readonly name?: string;
  readonly categories: Readonly<Record<CategoryId, CategoryBook>>;
  readonly codes: readonly ArticleCode[];
}

export interface CategoryBook {
  /** Replaces the category's built-in definition in hovers and pickers. */
  readonly description?: string;
  readonly labels: readonly SubLabel[];
  readonly attributes: readonly AttributeSpec[];
}

export interface SubLabel {
  /** What the sidecar stores (`label: Loaded_Language`) and the data sets spell. */
  readonly id: string;
  /** Shown in pickers and the tree; the id when the file gives none. */
  readonly name: string;
  readonly definition?: string;
  /** One character that picks the label directly in the quick pick. */
  readonly key?: string;
  /** A heading the label is listed under (SemEval-2023's six groups). */
  readonly group?: string;
}

export interface AttributeSpec {
  readonly name: string;
  readonly definition?: string;
  /** Allowed values; absent when any text is allowed. */
  readonly values?: readonly string[];
}

export interface ArticleCode {
  /** The key under `codes:` in the sidecar header. */
  readonly id: string;
  readonly name: string;
  readonly definition?: string;
  readonly values: readonly string[];
  /** Several values at once (a list in the sidecar) or one. */
  readonly multiple: boolean;
}

/** Something wrong in the codebook file, on its line (1-based) so the editor can mark it. */
export interface CodebookProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** An error drops the entry it is on; a warning keeps it. */
  readonly severity: 'error' | 'warning';
}

const NO_LABELS: CategoryBook = { labels: [], attributes: [] };

export const EMPTY_CODEBOOK: Codebook = {
  categories: { claim: NO_LABELS, denial: NO_LABELS, figure: NO_LABELS, framing: NO_LABELS },
  codes: [],
};

export const CODEBOOK_FILE_NAME = 'newsmark.codebook.yaml';
