/**
 * The Agreement Report page (issue 14): the figures `newsmark agree` prints, as a webview page —
 * a table per category and overall, and a heat list of the articles, most disagreement first,
 * each naming its article as a button that asks the extension to show its differences.
 *
 * Built here, with no editor dependency, so it is unit-tested like the other pages. Paths and
 * author names reach the page only as escaped text. The one script is Newsmark's own shared grid
 * script (media/grid.js, under the page's nonce); the CSP allows nothing else, and the bars are
 * SVG attributes, not inline styles, which the CSP would refuse.
 */
import { CATEGORIES } from '../codebook';
import { subLabelTitle } from '../review/stats';
import { webviewPage } from '../compare/page';
import { navStop, plural, srOnly } from '../compare/markup';
import { escapeHtml as esc } from '../htmlEscape';
import type { ReattachedArticle } from './sets';
import type { AgreementReport, ArticleAgreement, CategoryAgreement } from './types';

/** What was compared, and what could not be, beside the report itself. */
export interface AgreementView {
  readonly report: AgreementReport;
  /** Set A's and B's names: folders, or authors in `by: 'author'` mode. */
  readonly a: string;
  readonly b: string;
  readonly by: 'set' | 'author';
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
  readonly reattached: readonly ReattachedArticle[];
  readonly orphansLeftOut: number;
  /** Tags with no author, left out in `by: 'author'` mode. */
  readonly withoutAuthor?: number;
  /** Figures per sub-label (subLabelPairs), when some tags carry one. */
  readonly bySubLabel?: AgreementReport;
}

export interface AgreementPageSources {
  readonly cspSource: string;
  readonly nonce: string;
  /** The shared webview style sheet (media/compare.css) and this page's own (media/agreement.css). */
  readonly styleUris: readonly string[];
  readonly scriptUri: string;
}

/** A figure as the CLI prints it: three decimals; an undefined one (null) as "–". */
export function formatFigure(x: number | null): string {
  return x === null ? '–' : x.toFixed(3);
}

/** One article of the heat list. */
export interface HeatRow {
  readonly article: string;
  /** 1 − exact F1 over all categories; null when neither coder tagged anything there. */
  readonly disagreement: number | null;
  readonly differences: number;
  readonly figures: CategoryAgreement;
}

/**
 * The articles, most disagreement first: by 1 − exact F1 (the strictest figure, and the one the
 * diagnosis list follows: any span not matched exactly is a difference), then by the number of
 * differences, then by path so the order is the same on every machine.
 */
export function heatList(report: AgreementReport): HeatRow[] {
  const differences = new Map<string, number>();
  for (const d of report.disagreements) differences.set(d.article, (differences.get(d.article) ?? 0) + 1);
  const rows = report.articles.map((a: ArticleAgreement): HeatRow => ({
    article: a.article,
    disagreement: a.overall.exactF1 === null ? null : 1 - a.overall.exactF1,
    differences: differences.get(a.article) ?? 0,
    figures: a.overall,
  }));
  return rows.sort((x, y) => (y.disagreement ?? -1) - (x.disagreement ?? -1) || y.differences - x.differences || (x.article < y.article ? -1 : x.article > y.article ? 1 : 0));
}

export function agreementPage(view: AgreementView, sources: AgreementPageSources): string {
  return webviewPage('Agreement Report', agreementBody(view), sources);
}

const FIGURE_HEADS = ['Exact F1', 'Overlap F1', 'κ', 'α', 'Units A', 'Units B', 'Matched'];
const FIGURE_TITLES = ['Same category, same start and end', 'Same category, overlapping', 'Cohen’s kappa over code points', 'Krippendorff’s alpha, unitized', 'Spans in A', 'Spans in B', 'Spans matched exactly'];

/** The page's content (the nonce is outside it, so a redraw with nothing new is skipped). */
export function agreementBody(view: AgreementView): string {
  const { report } = view;
  const what = view.by === 'author' ? 'author' : 'set';
  const n = report.articles.length;
  const summary = `${n} ${plural(n, 'article', 'articles')} compared · ${report.disagreements.length} ${plural(report.disagreements.length, 'difference', 'differences')}`;
  return `<header>
<h1>Agreement report</h1>
<dl class="sets">
<dt>A</dt><dd>${what} <span class="name">${esc(view.a)}</span></dd>
<dt>B</dt><dd>${what} <span class="name">${esc(view.b)}</span></dd>
</dl>
<p class="summary" id="summary">${esc(summary)}</p>
${notes(view)}
</header>
<main>
<p class="help" id="grid-help">Arrow keys move between cells, Home and End to the row's ends; Enter on an article shows its differences.</p>
<h2 id="categories-title">By category</h2>
<div class="scroll"><table role="grid" class="figures agreement" aria-labelledby="categories-title" aria-describedby="grid-help">
<thead><tr><th scope="col">Category</th>${figureHeads()}</tr></thead>
<tbody>
${[...Object.entries(report.categories).map(([id, f]) => categoryRow(labelOf(id), f, '')), categoryRow('Overall', report.overall, ' class="overall"')].join('\n')}
</tbody>
</table></div>
${subLabelTable(view.bySubLabel)}
<h2 id="articles-title">Articles, most disagreement first</h2>
${articlesTable(report)}
</main>`;
}

function subLabelTable(report: AgreementReport | undefined): string {
  if (!report || Object.keys(report.categories).length === 0) return '';
  const rows = Object.entries(report.categories).map(([id, f]) => categoryRow(subLabelTitle(id), f, ''));
  return `<h2 id="sublabels-title">By sub-label</h2>
<p class="help" id="sublabels-help">The same span with two different sub-labels counts as a difference here; the figures by category above ignore sub-labels.</p>
<div class="scroll"><table role="grid" class="figures agreement" aria-labelledby="sublabels-title" aria-describedby="sublabels-help grid-help">
<thead><tr><th scope="col">Sub-label</th>${figureHeads()}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

function figureHeads(): string {
  return FIGURE_HEADS.map((h, i) => `<th scope="col" title="${esc(FIGURE_TITLES[i]!)}">${h}</th>`).join('');
}

function figureCells(f: CategoryAgreement, context: string): string {
  const values = [formatFigure(f.exactF1), formatFigure(f.overlapF1), formatFigure(f.kappa), formatFigure(f.alpha), String(f.a), String(f.b), String(f.matched)];
  // "–" alone says nothing to a screen reader: those cells get words.
  return values.map((v, i) => `<td class="num" ${navStop(v === '–' ? `${context}, ${FIGURE_HEADS[i]!}: not defined` : null)}>${v}</td>`).join('');
}

function categoryRow(label: string, f: CategoryAgreement, cls: string): string {
  return `<tr${cls}><th scope="row" ${navStop(null)}>${esc(label)}</th>${figureCells(f, label)}</tr>`;
}

function articlesTable(report: AgreementReport): string {
  const rows = heatList(report);
  if (rows.length === 0) return '<p class="empty">No article was compared: no article with tags is in both sets.</p>';
  const body = rows.map((r) => {
    const level = heatLevel(r.disagreement);
    const width = Math.round((r.disagreement ?? 0) * 100);
    const bar = `<svg class="heat-bar" width="80" height="10" viewBox="0 0 100 10" aria-hidden="true"><rect class="track" width="100" height="10"/><rect class="fill" width="${width}" height="10"/></svg>`;
    const diff = `${r.differences} ${plural(r.differences, 'difference', 'differences')}`;
    return `<tr class="h${level}"><th scope="row"><button type="button" class="article" ${navStop(null)} data-article="${esc(r.article)}" data-action="differences" title="${esc(`Show the differences in ${r.article}`)}">${esc(r.article)}${srOnly(`, ${diff}`)}</button></th>`
      + `<td class="num heat" ${navStop(null)}>${bar}<span class="value">${formatFigure(r.disagreement)}</span></td>`
      + `<td class="num" ${navStop(null)}>${r.differences}</td>${figureCells(r.figures, r.article)}</tr>`;
  }).join('\n');
  return `<div class="scroll"><table role="grid" class="figures heat-list" aria-labelledby="articles-title" aria-describedby="grid-help">
<thead><tr><th scope="col">Article</th><th scope="col" title="1 − exact F1">Disagreement</th><th scope="col">Differences</th>${figureHeads()}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

/** 0 (none, or nothing tagged) to 4: the bar's colour intensity, in steps so the CSS stays a class. */
function heatLevel(disagreement: number | null): number {
  if (disagreement === null || disagreement <= 0) return 0;
  return Math.min(4, 1 + Math.floor(disagreement * 4));
}

function notes(view: AgreementView): string {
  const items: string[] = [];
  const list = (paths: readonly string[]): string => {
    const shown = paths.slice(0, 5).map(esc).join(', ');
    return paths.length > 5 ? `${shown} and ${paths.length - 5} more` : shown;
  };
  if (view.onlyInA.length > 0) items.push(`Not compared, only in A: ${list(view.onlyInA)}`);
  if (view.onlyInB.length > 0) items.push(`Not compared, only in B: ${list(view.onlyInB)}`);
  for (const r of view.reattached) {
    const why = r.reason === 'text-differs' ? `the article differs between the sets; ${esc(r.coder)}'s tags were re-attached onto A's text` : `the sidecar was written for another version of the article; ${esc(r.coder)}'s tags were re-attached`;
    items.push(`${esc(r.article)}: ${why} (${r.anchored} anchored, ${r.moved} moved, ${r.fuzzy} fuzzy, ${r.orphaned} orphaned)`);
  }
  if (view.orphansLeftOut > 0) items.push(`${view.orphansLeftOut} orphaned ${plural(view.orphansLeftOut, 'tag', 'tags')} (no place in the text) left out`);
  if ((view.withoutAuthor ?? 0) > 0) items.push(`${view.withoutAuthor} ${plural(view.withoutAuthor!, 'tag', 'tags')} without an author left out`);
  return items.length === 0 ? '' : `<ul class="notes">\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>`;
}

function labelOf(id: string): string {
  return CATEGORIES.find((c) => c.id === id)?.label ?? id;
}
