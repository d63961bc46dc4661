/**
 * The agreement core (issue 14): how far two coders agree, and where they differ. No editor
 * dependency; the CLI's `newsmark agree` and the editor's comparison and report both use this.
 *
 *   const paired = pairSets(setA, setB);            // or splitByAuthor(set, [x, y])
 *   const report = compareArticles(paired.pairs);   // figures + diagnosis list
 */
export { compareArticles, categoriesOf, NO_SUB_LABEL, subLabelPairs, type CompareOptions } from './compare';
export { diagnose } from './diagnose';
export { codePointTable, kappa, type CodePointTable } from './kappa';
export { compareArticle, differenceId, DIFFERENCE_LABELS, noDecisions, plan, RESOLUTION_LABELS, type ArticleComparison, type Decisions, type Difference, type Plan, type PlanContext, type Resolution } from './adjudicate';
export { authorsOf, pairSets, splitByAuthor, type PairedSets, type ReattachedArticle, type SetArticle } from './sets';
export { exactF1, overlapF1, spanCounts, type SpanCounts } from './spanF1';
export type { AgreementFigures, AgreementReport, ArticleAgreement, ArticlePair, CategoryAgreement, Disagreement, DisagreementKind, Span } from './types';
export { measureDistance, UnitizedAlpha, type AlphaUnit, type CategoryAlpha, type UnitizingStudy } from './unitizedAlpha';
