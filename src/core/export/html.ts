// One self-contained HTML report: no scripts, no network (a CSP says so), inline CSS.
// Every tag is highlighted in its category's colour. The text is cut at every tag boundary and
// each piece is wrapped in one <mark> per tag covering it, outermost first, so nested and
// partly overlapping tags give well-formed markup and show as stacked colours.
import * as l10n from '@vscode/l10n';
import { CATEGORIES, categoryOf, type CategoryId } from '../codebook';
import { EMPTY_CODEBOOK, labelOf, type Codebook } from '../codebook/index';
import { ArticleText, isOrphan, type Tag } from '../tag';
import { exportAll, MemorySpool, wholeSpool, type OpenStream, type Piece, type Spool } from './stream';
import type { ExportArticle, Exporter } from './types';
import { escapeHtml } from '../htmlEscape';

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/**
 * How the page around the report is set up. The file export needs nothing more than the default;
 * the VS Code preview brings its own CSP, so its inline style carries a nonce and its theme
 * stylesheet is linked after the report's own style (to override it).
 */
export interface ReportPage {
  readonly csp: string;
  readonly styleNonce?: string;
  readonly stylesheets?: readonly string[];
}

/** Highlight colours: translucent so nested tags show darker; dark text on them stays above 7:1. */
const COLOURS: Record<CategoryId, { light: string; dark: string; swatch: string }> = {
  claim: { light: 'rgba(245, 190, 20, 0.38)', dark: 'rgba(230, 180, 34, 0.34)', swatch: '#f5be14' },
  denial: { light: 'rgba(240, 90, 90, 0.30)', dark: 'rgba(240, 90, 90, 0.34)', swatch: '#f05a5a' },
  figure: { light: 'rgba(60, 140, 255, 0.28)', dark: 'rgba(74, 158, 255, 0.34)', swatch: '#3c8cff' },
  framing: { light: 'rgba(170, 90, 230, 0.26)', dark: 'rgba(180, 105, 224, 0.38)', swatch: '#aa5ae6' },
};

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --disputed: #c00000;
${CATEGORIES.map((c) => `  --${c.id}: ${COLOURS[c.id].light};`).join('\n')} }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d; --panel: #161b22; --disputed: #ff7b72;
${CATEGORIES.map((c) => `  --${c.id}: ${COLOURS[c.id].dark};`).join('\n')} } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 56rem; padding: 2rem 1.25rem 4rem; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; } h2 { font-size: 1.35rem; margin: 2.5rem 0 .5rem; padding-top: 1rem; border-top: 2px solid var(--line); }
h3, h2.minor { font-size: 1.05rem; margin: 1.5rem 0 .5rem; padding-top: 0; border-top: none; } .muted { color: var(--muted); }
.legend { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: .4rem; }
.legend li { display: grid; grid-template-columns: 11rem 1fr; gap: .75rem; align-items: baseline; }
.counts { list-style: none; padding: 0; margin: .25rem 0 1rem; display: flex; flex-wrap: wrap; gap: .35rem 1.25rem; }
.key { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-weight: 600; white-space: nowrap; }
.sublabel { font-size: .88rem; white-space: nowrap; }
td.review.none { color: var(--muted); }
${CATEGORIES.map((c) => `.c-${c.id} { background: var(--${c.id}); }`).join('\n')}
${CATEGORIES.map((c) => `mark.c-${c.id} { box-shadow: inset 0 -2px 0 ${COLOURS[c.id].swatch}; }`).join('\n')}
.article { white-space: pre-wrap; overflow-wrap: anywhere; font: 1.05rem/1.75 Georgia, "Times New Roman", serif; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; }
mark { color: inherit; border-radius: 2px; padding: .12em 0; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark.disputed, tr.disputed td.review { text-decoration: underline wavy var(--disputed); text-decoration-skip-ink: none; text-underline-offset: .22em; }
mark.fuzzy { outline: 1px dashed var(--muted); outline-offset: 1px; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); } td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.attrs { color: var(--muted); font-size: .88rem; } ul.orphans li { margin: .25rem 0; white-space: pre-wrap; }
@media print { body { max-width: none; } h2:not(.minor) { break-before: page; } }
`;

const esc = escapeHtml;

function key(category: CategoryId): string {
  return `<span class="key c-${category}">${esc(categoryOf(category).label)}</span>`;
}

/** A sub-label as the codebook names it (its id when the codebook does not list it). */
function subLabelName(tag: Tag, codebook: Codebook): string | undefined {
  return tag.label === undefined ? undefined : labelOf(codebook, tag.category, tag.label)?.name ?? tag.label;
}

/** The hover text of a highlight: category and sub-label, verdict, state, note. */
function hover(tag: Tag, codebook: Codebook): string {
  const flags = [tag.review && reviewWord(tag.review), tag.status === 'fuzzy' ? l10n.t('fuzzy') : undefined].filter(Boolean);
  const sub = subLabelName(tag, codebook);
  return `${categoryOf(tag.category).label}${sub !== undefined ? ` › ${sub}` : ''}${flags.length ? ` (${flags.join(', ')})` : ''}${tag.note ? `: ${tag.note}` : ''}`;
}

function reviewWord(review: NonNullable<Tag['review']> | undefined): string {
  return review === 'confirmed' ? l10n.t('confirmed') : review === 'disputed' ? l10n.t('disputed') : l10n.t('unreviewed');
}

function openMark(tag: Tag, codebook: Codebook): string {
  const classes = [`c-${tag.category}`, tag.review === 'disputed' ? 'disputed' : '', tag.status === 'fuzzy' ? 'fuzzy' : ''].filter(Boolean).join(' ');
  return `<mark class="${classes}" data-tag="${esc(tag.id)}" title="${esc(hover(tag, codebook))}">`;
}

/** The article text with every placed tag highlighted; each piece closes every mark it opens. */
export function highlight(lf: string, tags: readonly Tag[], codebook: Codebook = EMPTY_CODEBOOK): string {
  const text = new ArticleText(lf);
  const clamp = (n: number): number => Math.min(Math.max(n, 0), text.length);
  const spans = tags
    .map((tag) => ({ tag, start: clamp(tag.start), end: clamp(tag.end) }))
    .filter((s) => s.end > s.start)
    // Outermost first: earlier start, then longer span; ties by id keep the order stable.
    .sort((a, b) => a.start - b.start || b.end - a.end || (a.tag.id < b.tag.id ? -1 : 1));
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  // One sweep over the cuts: the spans covering a piece are the ones opened at or before it and
  // not yet closed. Spans join in sorted order, so `open` stays outermost first. (Filtering every
  // span for every piece was quadratic: 40k tags took seconds.)
  const parts: string[] = [];
  let open: typeof spans = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    if (open.some((s) => s.end <= from)) open = open.filter((s) => s.end > from);
    while (next < spans.length && spans[next]!.start <= from) {
      if (spans[next]!.end > from) open.push(spans[next]!);
      next++;
    }
    for (const s of open) parts.push(openMark(s.tag, codebook));
    parts.push(esc(text.slice(from, to)), '</mark>'.repeat(open.length));
  }
  return parts.join('');
}

function attributes(tag: Tag): string {
  const entries = Object.entries(tag.attributes ?? {});
  if (entries.length === 0) return '';
  const shown = entries.map(([k, v]) => `${esc(k)}: ${esc(typeof v === 'string' ? v : JSON.stringify(v))}`);
  return `<div class="attrs">${shown.join(' · ')}</div>`;
}

function tagTable(tags: readonly Tag[], text: ArticleText, codebook: Codebook): string {
  const rows = tags.map((tag) => {
    const review = reviewWord(tag.review);
    const state = tag.status === 'fuzzy' ? ` <span class="muted">${esc(l10n.t('(fuzzy)'))}</span>` : '';
    const sub = subLabelName(tag, codebook);
    const definition = tag.label !== undefined ? labelOf(codebook, tag.category, tag.label)?.definition : undefined;
    const subCell = sub !== undefined ? ` <span class="sublabel"${definition ? ` title="${esc(definition)}"` : ''}>${esc(sub)}</span>` : '';
    return `<tr class="${tag.review ?? ''}" data-row="${esc(tag.id)}"><td>${key(tag.category)}${subCell}</td>` +
      `<td class="text">${esc(text.slice(tag.start, tag.end))}${state}</td>` +
      `<td>${esc(tag.note ?? '')}${attributes(tag)}</td><td class="review${tag.review ? '' : ' none'}">${esc(review)}</td></tr>`;
  });
  return `<table><thead><tr><th>${esc(l10n.t('Category'))}</th><th>${esc(l10n.t('Text'))}</th><th>${esc(l10n.t('Note'))}</th><th>${esc(l10n.t('Review'))}</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** Tags per category. */
function tally(tags: readonly Tag[], into: Record<CategoryId, number> = Object.fromEntries(CATEGORIES.map((c) => [c.id, 0])) as Record<CategoryId, number>): Record<CategoryId, number> {
  for (const t of tags) into[t.category]++;
  return into;
}

function counts(byCategory: Readonly<Record<CategoryId, number>>, orphans: number): string {
  const items = CATEGORIES.map((c) => `<li>${key(c.id)} ${byCategory[c.id]}</li>`);
  if (orphans > 0) items.push(`<li class="muted">${esc(l10n.t('{0} orphaned', orphans))}</li>`);
  return `<ul class="counts">${items.join('')}</ul>`;
}

function articleSection(article: ExportArticle, index: number, codebook: Codebook): string {
  const placed = article.tags.filter((t) => !isOrphan(t));
  const orphans = article.tags.filter(isOrphan);
  const text = new ArticleText(article.text);
  const parts = [
    `<section id="article-${index + 1}">`,
    `<h2>${esc(article.name)}</h2>`,
    counts(tally(placed), orphans.length),
    `<div class="article">${highlight(article.text, placed, codebook)}</div>`,
  ];
  if (placed.length > 0) parts.push(`<h3>${esc(l10n.t('Tags'))}</h3>`, tagTable(placed, text, codebook));
  else parts.push(`<p class="muted">${esc(l10n.t('No tags in the text.'))}</p>`);
  if (orphans.length > 0) {
    parts.push(
      `<h3>${esc(l10n.t('Orphaned'))}</h3>`,
      `<p class="muted">${l10n.t('These tags were not found in the current text (run <code>newsmark check</code>); their last known text:')}</p>`,
      `<ul class="orphans">${orphans.map((t) => `<li data-orphan="${esc(t.id)}">${key(t.category)} “${esc(t.text)}”${t.note ? ` — ${esc(t.note)}` : ''}</li>`).join('\n')}</ul>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

export function renderReport(articles: readonly ExportArticle[], page: ReportPage = { csp: CSP }, codebook: Codebook = EMPTY_CODEBOOK): string {
  const stream = reportStream(page, () => new MemorySpool(), codebook);
  for (const a of articles) stream.add(a);
  return stream.finish().pieces.map((p) => (typeof p === 'string' ? p : (p.spool as MemorySpool).read(p.from, p.to))).join('');
}

/**
 * The report an article at a time: its sections and its table of contents are spooled, the
 * header (totals, the list of articles) is made at the end from running counts.
 */
function reportStream(page: ReportPage, spool: () => Spool, codebook: Codebook): { add(article: Omit<ExportArticle, 'path'>): void; finish(): { pieces: Piece[] } } {
  const sections = spool();
  const toc = spool();
  const byCategory = tally([]);
  /** Tags per category and sub-label: a handful of keys, whatever the corpus's size. */
  const bySubLabel = new Map<string, { category: CategoryId; label: string; count: number }>();
  let articles = 0;
  let placedTags = 0;
  let allTags = 0;
  return {
    add(a) {
      const placed = a.tags.filter((t) => !isOrphan(t));
      toc.write(`<li><a href="#article-${articles + 1}">${esc(a.name)}</a> <span class="muted">${esc(l10n.t('({0} tags)', placed.length))}</span></li>\n`);
      sections.write(`${articleSection(a, articles, codebook)}\n`);
      tally(placed, byCategory);
      for (const t of placed) {
        if (t.label === undefined) continue;
        const k = `${t.category}\u0000${t.label}`;
        const entry = bySubLabel.get(k);
        if (entry) entry.count++;
        else bySubLabel.set(k, { category: t.category, label: t.label, count: 1 });
      }
      placedTags += placed.length;
      allTags += a.tags.length;
      articles++;
    },
    finish() {
      const legend = CATEGORIES.map((c) => `<li>${key(c.id)}<span>${esc(codebook.categories[c.id].description ?? c.definition)}</span></li>`).join('\n');
      const subLabels = [...bySubLabel.values()].sort((x, y) => CATEGORIES.findIndex((c) => c.id === x.category) - CATEGORIES.findIndex((c) => c.id === y.category) || y.count - x.count || (x.label < y.label ? -1 : 1)).map(({ category, label, count }) => {
        const known = labelOf(codebook, category, label);
        const name = known?.name ?? label;
        return `<li>${key(category)}<span><b>${esc(name)}</b>${name !== label ? ` <span class="muted">${esc(label)}</span>` : ''} · ${count}${known?.definition ? ` — ${esc(known.definition)}` : known ? '' : ` <span class="muted">${esc(l10n.t('(not in the codebook)'))}</span>`}</span></li>`;
      });
      const head = [
        '<!DOCTYPE html>',
        `<html lang="${esc(l10n.t('en'))}">`,
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="${page.csp}">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${esc(l10n.t('Newsmark report'))}</title>`,
        `<style${page.styleNonce ? ` nonce="${esc(page.styleNonce)}"` : ''}>${STYLE}</style>`,
        ...(page.stylesheets ?? []).map((href) => `<link rel="stylesheet" href="${esc(href)}">`),
        '</head>',
        '<body>',
        '<header>',
        `<h1>${esc(l10n.t('Newsmark report'))}</h1>`,
        // role="status": in the preview, which is redrawn at every change, the counts are what changed.
        `<p class="muted" id="summary" role="status">${esc(reportSummary(articles, placedTags, allTags - placedTags))}</p>`,
        counts(byCategory, 0),
        `<h2 class="minor">${esc(l10n.t('Categories'))}</h2>`,
        `<ul class="legend">\n${legend}\n</ul>`,
        ...(subLabels.length > 0 ? [`<h2 class="minor">${esc(l10n.t('Sub-labels'))}</h2>`, `<ul class="legend">\n${subLabels.join('\n')}\n</ul>`] : []),
      ].join('\n');
      // The list of articles only when there are two or more; an empty line where it would be.
      const list: Piece[] = articles > 1 ? [`\n<h2 class="minor">${esc(l10n.t('Articles'))}</h2>\n<ol>\n`, wholeSpool(toc), '</ol>\n'] : ['\n\n'];
      return { pieces: [head, ...list, '</header>\n<main>\n', wholeSpool(sections), '</main>\n</body>\n</html>\n'] };
    },
  };
}

/** The line under the report's heading: what it holds, and how to read its marks. */
function reportSummary(articles: number, placed: number, orphaned: number): string {
  const held = articles === 1
    ? (orphaned > 0 ? l10n.t('1 article, {0} tags, {1} orphaned.', placed, orphaned) : l10n.t('1 article, {0} tags.', placed))
    : (orphaned > 0 ? l10n.t('{0} articles, {1} tags, {2} orphaned.', articles, placed, orphaned) : l10n.t('{0} articles, {1} tags.', articles, placed));
  return `${held} ${l10n.t('Hover a highlight to read its note; a wavy underline marks a disputed tag, a dashed outline a tag placed by fuzzy matching.')}`;
}

const openHtml: OpenStream = (options, spool) => {
  const stream = reportStream({ csp: CSP }, spool, options.codebook ?? EMPTY_CODEBOOK);
  return {
    add: (article) => stream.add(article),
    finish: () => ({ files: [{ path: 'report.html', pieces: stream.finish().pieces }], warnings: [] }),
  };
};

export const htmlExporter: Exporter = {
  id: 'html',
  get label() { return l10n.t('HTML report'); },
  unit: 'none',
  singleFile: true,
  defaultFileName: 'report.html',
  open: openHtml,
  export: (articles, options) => exportAll(openHtml, articles, options),
};
