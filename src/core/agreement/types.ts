/**
 * Types of the agreement core, shared by the CLI (`newsmark agree`) and the editor (comparison,
 * adjudication, the report). Everything here is plain data: it serializes to JSON as it is.
 *
 * Offsets are code points over the LF text, end exclusive, as in the sidecar. Categories are
 * strings, not the codebook's union, so that a codebook extended later needs no change here.
 */

/** One coder's span, as the metrics see it. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly category: string;
  /** The tag's sub-label (codebook), compared by subLabelPairs; the category figures ignore it. */
  readonly label?: string;
  readonly text: string;
  /** The tag's id, so the editor can find the tag a difference is about; absent for made-up spans. */
  readonly id?: string;
}

/** One article as both coders tagged it, on one text (set B's tags already re-attached to it). */
export interface ArticlePair {
  /** The article's path relative to its set's root, '/'-separated: the key across sets. */
  readonly article: string;
  /** The article's length in code points: the continuum κ and α are computed over. */
  readonly length: number;
  readonly a: readonly Span[];
  readonly b: readonly Span[];
}

/**
 * The figures for one category (or all of them together) over some articles. A metric is `null`
 * when it is undefined there: F1 with no spans on either side, κ when chance agreement is
 * already total (no code point, or every code point, marked by both), α with no unit at all.
 */
export interface CategoryAgreement {
  /** 2·matched / (a + b): spans matched with the same category and the same [start, end). */
  readonly exactF1: number | null;
  /** Harmonic mean of P (share of B's spans overlapping a same-category span of A) and R (the same for A's). */
  readonly overlapF1: number | null;
  /** Cohen's κ over code points: each code point marked with the category or not, per coder. */
  readonly kappa: number | null;
  /** Krippendorff's α_U (unitized), as DKPro Statistics and INCEpTION compute it. */
  readonly alpha: number | null;
  /** Spans in set A. */
  readonly a: number;
  /** Spans in set B. */
  readonly b: number;
  /** Exact matches (pairs, one to one). */
  readonly matched: number;
  /** A's spans that overlap some same-category span of B (R = overlapMatchedA / a). */
  readonly overlapMatchedA: number;
  /** B's spans that overlap some same-category span of A (P = overlapMatchedB / b). */
  readonly overlapMatchedB: number;
}

/** Figures per category (every category compared, in codebook order) and over all of them. */
export interface AgreementFigures {
  readonly categories: Readonly<Record<string, CategoryAgreement>>;
  readonly overall: CategoryAgreement;
}

export interface ArticleAgreement extends AgreementFigures {
  readonly article: string;
}

export type DisagreementKind = 'only-in-a' | 'only-in-b' | 'category-differs' | 'boundaries-differ' | 'label-differs';

/**
 * One difference between the coders, for the diagnosis list and for adjudication:
 * - only-in-a / only-in-b: a span that overlaps nothing left unpaired on the other side;
 * - category-differs: overlapping spans of different categories (boundaries may differ too);
 * - boundaries-differ: overlapping spans of the same category with different [start, end);
 * - label-differs: the same span and category with different sub-labels (codebook).
 * Spans matched exactly are agreements and never listed.
 */
export interface Disagreement {
  readonly article: string;
  readonly kind: DisagreementKind;
  readonly a: Span | null;
  readonly b: Span | null;
}

/** The whole comparison: the corpus figures, each article's, and every difference. */
export interface AgreementReport extends AgreementFigures {
  readonly articles: readonly ArticleAgreement[];
  readonly disagreements: readonly Disagreement[];
}
