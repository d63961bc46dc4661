/**
 * Two coders' spans → every agreement figure, per category and overall, per article and for the
 * corpus, and the diagnosis list. Pure: the callers (CLI, editor) load and pair the articles.
 *
 * Corpus figures pool the articles rather than averaging them: F1 and κ sum their counts, and
 * α_U treats the articles as one continuum laid end to end (each article's offsets shifted by
 * the lengths before it), which is how α_U is defined for a body of text and what a reliability
 * figure over "all code points of all compared articles" means.
 */
import { CATEGORY_IDS } from '../codebook';
import { diagnose } from './diagnose';
import { addTable, codePointTable, emptyTable, kappa, type CodePointTable } from './kappa';
import { addCounts, emptyCounts, exactF1, overlapF1, spanCounts, type SpanCounts } from './spanF1';
import type { AgreementFigures, AgreementReport, ArticleAgreement, ArticlePair, CategoryAgreement, Disagreement, Span } from './types';
import { UnitizedAlpha, type AlphaUnit } from './unitizedAlpha';

export interface CompareOptions {
  /**
   * The categories to report, in this order. Default: the codebook's, then any other category
   * found in the spans (alphabetically), so the table always has the same first rows.
   */
  readonly categories?: readonly string[];
}

/** Compares two coders over the articles; `a` and `b` of each pair must be on the same text. */
export function compareArticles(pairs: readonly ArticlePair[], options: CompareOptions = {}): AgreementReport {
  const categories = options.categories ?? categoriesOf(pairs);
  const corpusCounts = new Map(categories.map((c) => [c, emptyCounts()]));
  const corpusTables = new Map(categories.map((c) => [c, emptyTable()]));
  const corpusUnits: AlphaUnit[] = [];
  const articles: ArticleAgreement[] = [];
  const disagreements: Disagreement[] = [];
  const wanted = new Set(categories);
  // A collapsed span (an orphaned tag) marks nothing; a span of an unreported category is not compared.
  const compared = (s: Span): boolean => s.end > s.start && wanted.has(s.category);
  let offset = 0;
  for (const pair of pairs) {
    const a = pair.a.filter(compared);
    const b = pair.b.filter(compared);
    const counts = new Map<string, SpanCounts>();
    const tables = new Map<string, CodePointTable>();
    for (const c of categories) {
      const ac = a.filter((s) => s.category === c);
      const bc = b.filter((s) => s.category === c);
      const count = spanCounts(ac, bc);
      const table = codePointTable(ac, bc, pair.length);
      counts.set(c, count);
      tables.set(c, table);
      addCounts(corpusCounts.get(c)!, count);
      addTable(corpusTables.get(c)!, table);
    }
    const units = alphaUnits(a, b);
    articles.push({ article: pair.article, ...figuresOf(categories, counts, tables, new UnitizedAlpha({ begin: 0, length: pair.length, raters: 2, units })) });
    for (const u of units) corpusUnits.push({ ...u, begin: u.begin + offset });
    offset += pair.length;
    disagreements.push(...diagnose(pair.article, a, b));
  }
  const corpus = figuresOf(categories, corpusCounts, corpusTables, new UnitizedAlpha({ begin: 0, length: offset, raters: 2, units: corpusUnits }));
  return { ...corpus, articles, disagreements };
}

/** The codebook's categories, then any others the spans use, alphabetically. */
export function categoriesOf(pairs: readonly ArticlePair[]): string[] {
  const found = new Set<string>();
  for (const p of pairs) for (const s of [...p.a, ...p.b]) found.add(s.category);
  const known: readonly string[] = CATEGORY_IDS;
  return [...known, ...[...found].filter((c) => !known.includes(c)).sort()];
}

/** The spans as α_U units: A is rater 0, B rater 1. */
function alphaUnits(a: readonly Span[], b: readonly Span[]): AlphaUnit[] {
  const units: AlphaUnit[] = [];
  for (const [rater, spans] of [a, b].entries()) for (const s of spans) units.push({ begin: s.start, length: s.end - s.start, rater, category: s.category });
  return units;
}

function figuresOf(categories: readonly string[], counts: ReadonlyMap<string, SpanCounts>, tables: ReadonlyMap<string, CodePointTable>, alpha: UnitizedAlpha): AgreementFigures {
  const byCategory: Record<string, CategoryAgreement> = {};
  const allCounts = emptyCounts();
  const allTable = emptyTable();
  for (const c of categories) {
    const count = counts.get(c)!;
    const table = tables.get(c)!;
    const used = count.a + count.b > 0;
    byCategory[c] = figure(count, table, used ? finite(alpha.category(c).alpha) : null);
    addCounts(allCounts, count);
    // Overall κ pools the categories somebody used: an unused one would only add code points
    // both coders left alone, inflating chance agreement with categories nobody applied.
    if (used) addTable(allTable, table);
  }
  return { categories: byCategory, overall: figure(allCounts, allTable, finite(alpha.overall())) };
}

function figure(c: SpanCounts, t: CodePointTable, alpha: number | null): CategoryAgreement {
  return {
    exactF1: exactF1(c),
    overlapF1: overlapF1(c),
    kappa: kappa(t),
    alpha,
    a: c.a,
    b: c.b,
    matched: c.matched,
    overlapMatchedA: c.overlapMatchedA,
    overlapMatchedB: c.overlapMatchedB,
  };
}

/** NaN (α_U of an empty study) is "undefined here": null, which JSON can carry. */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** How a sub-label row is named: `framing:Loaded_Language`, `framing:(none)` for tags without one. */
export const NO_SUB_LABEL = '(none)';

/**
 * The pairs again with each span's category refined by its sub-label, for agreement per
 * sub-label: only the categories in which some span (either coder, any article) has one, so a
 * project that gives only framing sub-labels gets framing's rows and nothing else. Two coders
 * who tagged one span with different techniques then disagree on it ("category differs").
 */
export function subLabelPairs(pairs: readonly ArticlePair[]): { pairs: ArticlePair[]; categories: string[] } {
  const labelled = new Set<string>();
  for (const p of pairs) for (const s of [...p.a, ...p.b]) if (s.label !== undefined) labelled.add(s.category);
  const refine = (spans: readonly Span[]): Span[] => spans.filter((s) => labelled.has(s.category)).map((s) => ({ ...s, category: `${s.category}:${s.label ?? NO_SUB_LABEL}` }));
  const refined = pairs.map((p) => ({ ...p, a: refine(p.a), b: refine(p.b) }));
  const found = new Set<string>();
  for (const p of refined) for (const s of [...p.a, ...p.b]) found.add(s.category);
  const order = (c: string): [number, string] => [CATEGORY_IDS.indexOf(c.slice(0, c.indexOf(':')) as (typeof CATEGORY_IDS)[number]), c];
  const categories = [...found].sort((x, y) => {
    const [ix, cx] = order(x);
    const [iy, cy] = order(y);
    if (ix !== iy) return ix - iy;
    const nx = cx.endsWith(`:${NO_SUB_LABEL}`);
    const ny = cy.endsWith(`:${NO_SUB_LABEL}`);
    if (nx !== ny) return nx ? 1 : -1;
    return cx < cy ? -1 : cx > cy ? 1 : 0;
  });
  return { pairs: refined, categories };
}
