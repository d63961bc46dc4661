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
import * as l10n from '@vscode/l10n';
import { CATEGORIES } from '../codebook';
import { subLabelTitle } from '../review/stats';
import { webviewPage } from '../compare/page';
import { navStop, srOnly } from '../compare/markup';
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
  return webviewPage(l10n.t('Agreement Report'), agreementBody(view), sources);
}

const figureHeadWords = (): string[] => [l10n.t('Exact F1'), l10n.t('Overlap F1'), 'κ', 'α', l10n.t('Units A'), l10n.t('Units B'), l10n.t('Matched')];
const figureTitles = (): string[] => [
  l10n.t('Same category, same start and end'), l10n.t('Same category, overlapping'), l10n.t('Cohen’s kappa over code points'), l10n.t('Krippendorff’s alpha, unitized'),
  l10n.t('Spans in A'), l10n.t('Spans in B'), l10n.t('Spans matched exactly'),
];

/** The page's content (the nonce is outside it, so a redraw with nothing new is skipped). */
export function agreementBody(view: AgreementView): string {
  const { report } = view;
  const what = view.by === 'author' ? l10n.t('author') : l10n.t('set');
  const n = report.articles.length;
  const d = report.disagreements.length;
  const summary = `${n === 1 ? l10n.t('1 article compared') : l10n.t('{0} articles compared', n)} · ${d === 1 ? l10n.t('1 difference') : l10n.t('{0} differences', d)}`;
  return `<header>
<h1>${esc(l10n.t('Agreement report'))}</h1>
<dl class="sets">
<dt>A</dt><dd>${esc(what)} <span class="name">${esc(view.a)}</span></dd>
<dt>B</dt><dd>${esc(what)} <span class="name">${esc(view.b)}</span></dd>
</dl>
<p class="summary" id="summary">${esc(summary)}</p>
${notes(view)}
</header>
<main>
<p class="help" id="grid-help">${l10n.t('Arrow keys move between cells, Home and End to the row\'s ends; Enter on an article shows its differences.')}</p>
<h2 id="categories-title">${esc(l10n.t('By category'))}</h2>
<div class="scroll"><table role="grid" class="figures agreement" aria-labelledby="categories-title" aria-describedby="grid-help">
<thead><tr><th scope="col">${esc(l10n.t('Category'))}</th>${figureHeads()}</tr></thead>
<tbody>
${[...Object.entries(report.categories).map(([id, f]) => categoryRow(labelOf(id), f, '')), categoryRow(l10n.t('Overall'), report.overall, ' class="overall"')].join('\n')}
</tbody>
</table></div>
${subLabelTable(view.bySubLabel)}
<h2 id="articles-title">${esc(l10n.t('Articles, most disagreement first'))}</h2>
${articlesTable(report)}
</main>`;
}

function subLabelTable(report: AgreementReport | undefined): string {
  if (!report || Object.keys(report.categories).length === 0) return '';
  const rows = Object.entries(report.categories).map(([id, f]) => categoryRow(subLabelTitle(id), f, ''));
  return `<h2 id="sublabels-title">${esc(l10n.t('By sub-label'))}</h2>
<p class="help" id="sublabels-help">${esc(l10n.t('The same span with two different sub-labels counts as a difference here; the figures by category above ignore sub-labels.'))}</p>
<div class="scroll"><table role="grid" class="figures agreement" aria-labelledby="sublabels-title" aria-describedby="sublabels-help grid-help">
<thead><tr><th scope="col">${esc(l10n.t('Sub-label'))}</th>${figureHeads()}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

function figureHeads(): string {
  const titles = figureTitles();
  return figureHeadWords().map((h, i) => `<th scope="col" title="${esc(titles[i]!)}">${esc(h)}</th>`).join('');
}

function figureCells(f: CategoryAgreement, context: string): string {
  const values = [formatFigure(f.exactF1), formatFigure(f.overlapF1), formatFigure(f.kappa), formatFigure(f.alpha), String(f.a), String(f.b), String(f.matched)];
  // "–" alone says nothing to a screen reader: those cells get words.
  const heads = figureHeadWords();
  return values.map((v, i) => `<td class="num" ${navStop(v === '–' ? l10n.t('{0}, {1}: not defined', context, heads[i]!) : null)}>${v}</td>`).join('');
}

function categoryRow(label: string, f: CategoryAgreement, cls: string): string {
  return `<tr${cls}><th scope="row" ${navStop(null)}>${esc(label)}</th>${figureCells(f, label)}</tr>`;
}

function articlesTable(report: AgreementReport): string {
  const rows = heatList(report);
  if (rows.length === 0) return `<p class="empty">${esc(l10n.t('No article was compared: no article with tags is in both sets.'))}</p>`;
  const body = rows.map((r) => {
    const level = heatLevel(r.disagreement);
    const width = Math.round((r.disagreement ?? 0) * 100);
    const bar = `<svg class="heat-bar" width="80" height="10" viewBox="0 0 100 10" aria-hidden="true"><rect class="track" width="100" height="10"/><rect class="fill" width="${width}" height="10"/></svg>`;
    const diff = r.differences === 1 ? l10n.t('1 difference') : l10n.t('{0} differences', r.differences);
    return `<tr class="h${level}"><th scope="row"><button type="button" class="article" ${navStop(null)} data-article="${esc(r.article)}" data-action="differences" title="${esc(l10n.t('Show the differences in {0}', r.article))}">${esc(r.article)}${srOnly(`, ${diff}`)}</button></th>`
      + `<td class="num heat" ${navStop(null)}>${bar}<span class="value">${formatFigure(r.disagreement)}</span></td>`
      + `<td class="num" ${navStop(null)}>${r.differences}</td>${figureCells(r.figures, r.article)}</tr>`;
  }).join('\n');
  return `<div class="scroll"><table role="grid" class="figures heat-list" aria-labelledby="articles-title" aria-describedby="grid-help">
<thead><tr><th scope="col">${esc(l10n.t('Article'))}</th><th scope="col" title="${esc(l10n.t('1 − exact F1'))}">${esc(l10n.t('Disagreement'))}</th><th scope="col">${esc(l10n.t('Differences'))}</th>${figureHeads()}</tr></thead>
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
    return paths.length > 5 ? l10n.t('{0} and {1} more', shown, paths.length - 5) : shown;
  };
  if (view.onlyInA.length > 0) items.push(l10n.t('Not compared, only in A: {0}', list(view.onlyInA)));
  if (view.onlyInB.length > 0) items.push(l10n.t('Not compared, only in B: {0}', list(view.onlyInB)));
  for (const r of view.reattached) {
    const why = r.reason === 'text-differs'
      ? l10n.t('the article differs between the sets; {0}\'s tags were re-attached onto A\'s text', esc(r.coder))
      : l10n.t('the sidecar was written for another version of the article; {0}\'s tags were re-attached', esc(r.coder));
    items.push(l10n.t('{0}: {1} ({2} anchored, {3} moved, {4} fuzzy, {5} orphaned)', esc(r.article), why, r.anchored, r.moved, r.fuzzy, r.orphaned));
  }
  if (view.orphansLeftOut > 0) items.push(view.orphansLeftOut === 1 ? l10n.t('1 orphaned tag (no place in the text) left out') : l10n.t('{0} orphaned tags (no place in the text) left out', view.orphansLeftOut));
  const withoutAuthor = view.withoutAuthor ?? 0;
  if (withoutAuthor > 0) items.push(withoutAuthor === 1 ? l10n.t('1 tag without an author left out') : l10n.t('{0} tags without an author left out', withoutAuthor));
  return items.length === 0 ? '' : `<ul class="notes">\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>`;
}

function labelOf(id: string): string {
  return CATEGORIES.find((c) => c.id === id)?.label ?? id;
}
