import * as l10n from '@vscode/l10n';
import { compareArticles, subLabelPairs, type AgreementReport, type CategoryAgreement, type Span } from '../core/agreement';
import { authorsOf, splitByAuthor, type PairedSets } from '../core/agreement/sets';
import { formatFigure as num } from '../core/agreement/reportPage';
import { CATEGORIES } from '../core/codebook';
import { subLabelTitle } from '../core/review/stats';
import { loadSet, mustBeFolder, pairFolders } from './agreeSets';
import type { Output } from './output';
import { UsageError } from './corpusFiles';

export interface AgreeOptions {
  readonly json: boolean;
  /** 'author': one set, the coders told apart by the tags' author field. */
  readonly by?: string;
}

/**
 * `newsmark agree [--json] SET_A SET_B` and `newsmark agree [--json] --by author SET`: how far
 * two coders agree, per category and overall, per article, and every difference. Reads only;
 * anything that would make the figures wrong (a missing folder, a sidecar that cannot be read, a
 * tag entry that cannot be) stops it with exit 2 rather than being counted as a disagreement.
 */
export async function agree(paths: readonly string[], options: AgreeOptions, out: Output): Promise<number> {
  if (options.by !== undefined && options.by !== 'author') throw new UsageError(l10n.t('--by takes "author", not "{0}".', options.by));
  const byAuthor = options.by === 'author';
  if (byAuthor && paths.length !== 1) throw new UsageError(l10n.t('--by author compares the authors within one set: give one folder, not {0}.', paths.length));
  if (!byAuthor && paths.length !== 2) throw new UsageError(l10n.t('give two annotation sets (folders), SET_A and SET_B, or one with --by author; got {0}.', paths.length));
  for (const p of paths) await mustBeFolder(p);
  const notice = (message: string): void => out.error(message);

  let paired: PairedSets;
  let labels: { a: string; b: string };
  let withoutAuthor = 0;
  if (byAuthor) {
    const set = await loadSet(paths[0]!, notice);
    const found = authorsOf(set);
    const names = [...found.authors.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    if (names.length !== 2) {
      const listed = names.length === 0 ? l10n.t('none') : names.map((n) => l10n.t('{0} ({1} tags)', n, found.authors.get(n) ?? 0)).join(', ');
      throw new UsageError(l10n.t('--by author needs tags by exactly two authors in {0}; found {1}: {2}.', paths[0]!, names.length, listed));
    }
    labels = { a: names[0]!, b: names[1]! };
    withoutAuthor = found.withoutAuthor;
    paired = splitByAuthor(set, [labels.a, labels.b]);
  } else {
    const [rootA, rootB] = paths as [string, string];
    labels = { a: rootA, b: rootB };
    paired = await pairFolders(rootA, rootB, notice);
  }

  const report = compareArticles(paired.pairs);
  // Sub-labels (a codebook's techniques) get their own figures: the category figures ignore them.
  const sub = subLabelPairs(paired.pairs);
  const bySubLabel = sub.categories.length > 0 ? compareArticles(sub.pairs, { categories: sub.categories }) : undefined;
  const notes = { onlyInA: paired.onlyInA, onlyInB: paired.onlyInB, reattached: paired.reattached, orphansLeftOut: paired.orphansLeftOut, ...(byAuthor ? { withoutAuthor } : {}) };
  if (options.json) {
    const subLabels = bySubLabel ? { subLabels: { categories: bySubLabel.categories, overall: bySubLabel.overall } } : {};
    out.line(JSON.stringify({ ...jsonOf(report), ...subLabels, sets: { a: labels.a, b: labels.b, by: byAuthor ? 'author' : 'set' }, notes }, null, 2));
  } else {
    printReport(out, report, paired, labels, byAuthor, withoutAuthor, bySubLabel);
  }
  return 0;
}

// ---- JSON ---------------------------------------------------------------------------------------

/** The documented shape: spans in the diagnosis list carry start, end, category and text only. */
function jsonOf(report: AgreementReport): object {
  const spanOf = (s: Span | null): object | null => (s ? { start: s.start, end: s.end, category: s.category, ...(s.label !== undefined ? { label: s.label } : {}), text: s.text } : null);
  return {
    categories: report.categories,
    overall: report.overall,
    articles: report.articles,
    disagreements: report.disagreements.map((d) => ({ article: d.article, kind: d.kind, a: spanOf(d.a), b: spanOf(d.b) })),
  };
}

// ---- text ---------------------------------------------------------------------------------------

function kindLabel(kind: AgreementReport['disagreements'][number]['kind']): string {
  switch (kind) {
    case 'only-in-a': return l10n.t('only in A');
    case 'only-in-b': return l10n.t('only in B');
    case 'category-differs': return l10n.t('category differs');
    case 'boundaries-differ': return l10n.t('boundaries differ');
    case 'label-differs': return l10n.t('sub-label differs');
  }
}

function printReport(out: Output, report: AgreementReport, paired: PairedSets, labels: { a: string; b: string }, byAuthor: boolean, withoutAuthor: number, bySubLabel: AgreementReport | undefined): void {
  out.line(byAuthor ? l10n.t('A = author {0}', labels.a) : l10n.t('A = set {0}', labels.a));
  out.line(byAuthor ? l10n.t('B = author {0}', labels.b) : l10n.t('B = set {0}', labels.b));
  const compared = report.articles.length;
  out.line(compared === 1 ? l10n.t('1 article compared.') : l10n.t('{0} articles compared.', compared));
  for (const p of paired.onlyInA) out.line(`  ${l10n.t('not compared: {0} is only in A', p)}`);
  for (const p of paired.onlyInB) out.line(`  ${l10n.t('not compared: {0} is only in B', p)}`);
  for (const r of paired.reattached) {
    const why = r.reason === 'text-differs' ? l10n.t('the article differs between the sets: {0}\'s tags re-attached onto A\'s text', r.coder) : l10n.t('the sidecar was written for another version of the article: {0}\'s tags re-attached onto it', r.coder);
    out.line(`  ${r.article}: ${why} (${l10n.t('{0} anchored, {1} moved, {2} fuzzy, {3} orphaned', r.anchored, r.moved, r.fuzzy, r.orphaned)})`);
  }
  const orphans = paired.orphansLeftOut;
  if (orphans > 0) out.line(`  ${orphans === 1 ? l10n.t('1 orphaned tag (no place in the text) left out.') : l10n.t('{0} orphaned tags (no place in the text) left out.', orphans)}`);
  if (withoutAuthor > 0) out.line(`  ${withoutAuthor === 1 ? l10n.t('1 tag without an author left out.') : l10n.t('{0} tags without an author left out.', withoutAuthor)}`);
  out.line('');

  const header = ['', l10n.t('Exact F1'), l10n.t('Overlap F1'), 'κ', 'α', 'A', 'B', l10n.t('Matched')];
  printTable(out, [
    [l10n.t('Category'), ...header.slice(1)],
    ...Object.entries(report.categories).map(([id, f]) => row(labelOf(id), f)),
    row(l10n.t('Overall'), report.overall),
  ]);
  if (bySubLabel) {
    out.line('');
    out.line(l10n.t('Per sub-label (a span tagged with different sub-labels counts as a disagreement here):'));
    printTable(out, [[l10n.t('Sub-label'), ...header.slice(1)], ...Object.entries(bySubLabel.categories).map(([id, f]) => row(subLabelTitle(id), f))]);
  }
  if (report.articles.length > 0) {
    out.line('');
    printTable(out, [[l10n.t('Article'), ...header.slice(1)], ...report.articles.map((a) => row(a.article, a.overall))]);
  }
  out.line('');
  out.line(report.disagreements.length === 0 ? l10n.t('No disagreements.') : l10n.t('Disagreements ({0}):', report.disagreements.length));
  for (const d of report.disagreements) {
    out.line(`  ${d.article}  ${kindLabel(d.kind)}`);
    if (d.a) out.line(`      A  ${spanLine(d.a)}`);
    if (d.b) out.line(`      B  ${spanLine(d.b)}`);
  }
}

function row(name: string, f: CategoryAgreement): string[] {
  return [name, num(f.exactF1), num(f.overlapF1), num(f.kappa), num(f.alpha), String(f.a), String(f.b), String(f.matched)];
}

function labelOf(id: string): string {
  return CATEGORIES.find((c) => c.id === id)?.label ?? id;
}

function spanLine(s: Span): string {
  return `${(s.label === undefined ? s.category : `${s.category}:${s.label}`).padEnd(8)} [${s.start}, ${s.end})  “${shorten(s.text)}”`;
}

/** One line, at most 70 code points: line ends shown as ⏎, the middle of a long text elided. */
function shorten(text: string): string {
  const cps = Array.from(text.replace(/\n/g, '⏎'));
  return cps.length <= 70 ? cps.join('') : `${cps.slice(0, 40).join('')} … ${cps.slice(-25).join('')}`;
}

function printTable(out: Output, table: readonly string[][]): void {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => Array.from(r[i]!).length)));
  for (const r of table) out.line(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
}
