import * as l10n from '@vscode/l10n';
import { basename, dirname, join } from 'node:path';
import { categoryOf } from '../core/codebook';
import { articleNameFor } from '../core/sidecar';
import type { TagStatus } from '../core/tag';
import type { ParseCache } from '../core/cache/parseCache';
import { withParseCache } from './cache';
import { describeError } from './inputFile';
import { inBlocks, JsonArrayLines, repeatedMessage, type Output } from './output';
import { cachedVerdict, loadCheckedOrSay, loadPair, readInOrder, updateSidecarFile } from './sidecars';
import { articlePathOf, type CorpusListing, type Taken } from './corpusFiles';
import { withStoredOutput } from './outputCache';

export interface CheckOptions {
  readonly fix: boolean;
  readonly json: boolean;
  /** false: --no-cache. */
  readonly cache?: boolean;
}

interface ArticleReport {
  article: string;
  sidecar: string;
  counts?: Record<TagStatus, number>;
  tags?: readonly { id: string; category: string; status: TagStatus; stage: string; start: number; end: number; text: string; previousText?: string }[];
  problems?: string[];
  fixed?: boolean;
}

/**
 * `newsmark check [--fix] [--json] PATH...`: re-attaches every sidecar's tags to its article and
 * reports what moved, what changed and what could not be found. Exit 0 when every tag is
 * anchored or moved, 1 when any is fuzzy or orphaned or a sidecar cannot be checked.
 */
export async function check(paths: readonly string[], options: CheckOptions, out: Output): Promise<number> {
  // --fix writes sidecars: what it prints is never the same twice, and never printed from a store.
  const request = { command: options.json ? ['check', '--json'] : ['check'], paths, enabled: (options.cache ?? true) && !options.fix };
  return withStoredOutput(request, out, (printed, listing) => inBlocks(printed, (block) => checkInto(paths, listing, options, block)));
}

/** The command, printing to `out`. */
async function checkInto(paths: readonly string[], listing: CorpusListing, options: CheckOptions, out: Output): Promise<number> {
  // Each article's report is printed as soon as it is made; only the totals are kept.
  const sum = { articles: 0, unreadable: 0, anchored: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  let bad = false;
  let fixable = false;
  const json = options.json ? new JsonArrayLines(out, 2, '{\n  "articles": [') : undefined;
  await withParseCache(paths, options.cache ?? true, async (cache) => {
    const one = (path: string): Promise<ArticleReport> => checkOne(path, options, cache, listing.take(path)).catch((error: unknown) => (
      // Whatever went wrong with this file is its line in the report; the next file is checked.
      { article: join(dirname(path), articleNameFor(basename(path))), sidecar: path, problems: [`${path}: ${describeError(error)}`] }
    ));
    await readInOrder(listing.sidecars, { cache, light: true }, one, (report) => {
      addTo(sum, report);
      bad ||= report.problems !== undefined || (report.counts !== undefined && report.counts.fuzzy + report.counts.orphaned > 0);
      fixable ||= report.counts !== undefined && report.counts.moved + report.counts.fuzzy + report.counts.orphaned > 0;
      if (json) json.item(report);
      else printReport(report, out);
    });
  });
  if (json) {
    const rest = JSON.stringify({ totals: sum }, null, 2).slice(2);
    out.line(json.end() ? `  ],\n${rest}` : `{\n  "articles": [],\n${rest}`);
  } else {
    const counts = l10n.t('{0} anchored, {1} moved, {2} fuzzy, {3} orphaned', sum.anchored, sum.moved, sum.fuzzy, sum.orphaned);
    out.line(sum.unreadable ? l10n.t('{0} articles: {1}, {2} could not be checked', sum.articles, counts, sum.unreadable) : l10n.t('{0} articles: {1}', sum.articles, counts));
    if (!options.fix && fixable) out.line(l10n.t('Run with --fix to write the re-attached tags to the sidecars.'));
  }
  return bad ? 1 : 0;
}

async function checkOne(path: string, options: CheckOptions, cache: ParseCache | undefined, listed: Taken | undefined): Promise<ArticleReport> {
  // A pair checked before, unchanged since, that loads cleanly with every tag anchored: its line
  // of the text report is its counts, which the cache's verdict holds (nothing more to read).
  const quick = cache && !options.fix && !options.json ? cachedVerdict(path, cache, listed) : undefined;
  const verdict = quick?.verdict;
  if (verdict?.loadsCleanly && verdict.allAnchored) return { article: articlePathOf(path), sidecar: path, counts: { ...verdict.allAnchored }, tags: [] };
  // A warm cache answers for a pair unchanged since it was last checked: no re-attaching.
  // Printed as text, a report lists only the tags not anchored: a warm cache need not parse the rest.
  const pair = await loadCheckedOrSay(path, cache, { allTags: options.json, taken: quick?.taken ?? listed });
  if (!pair.ok) return { article: pair.articlePath, sidecar: path, problems: pair.problems };
  const result = pair.facts.check()!;
  const report: ArticleReport = {
    article: pair.articlePath, sidecar: path, counts: result.counts, tags: result.tags, ...(pair.invalid.length > 0 ? { problems: pair.invalid } : {}),
  };
  if (options.fix && result.stale) {
    const full = await loadPair(path, cache);
    if (!full.ok) {
      report.problems = [...(report.problems ?? []), ...full.problems];
      return report;
    }
    // The guarded writer reads the file again and re-attaches what it finds: what another
    // writer added since our read is kept, and the file is never replaced unread.
    const written = await updateSidecarFile(full.articlePath, { sidecarPath: path, articleLf: full.articleLf, create: false, change: (tags) => [...tags] });
    if (!written.ok) report.problems = [...(report.problems ?? []), written.problem];
    else report.fixed = written.written;
  }
  return report;
}

function addTo(sum: Record<TagStatus, number> & { articles: number; unreadable: number }, r: ArticleReport): void {
  sum.articles++;
  if (!r.counts) sum.unreadable++;
  else for (const k of ['anchored', 'moved', 'fuzzy', 'orphaned'] as const) sum[k] += r.counts[k];
}

const countsLine = repeatedMessage('{0} anchored, {1} moved, {2} fuzzy, {3} orphaned');

function printReport(r: ArticleReport, out: Output): void {
  if (r.problems && !r.counts) {
    out.line(`✗ ${r.article}`);
    for (const p of r.problems) out.line(`    ${p}`);
    return;
  }
  const c = r.counts!;
  out.line(`${r.problems ? '✗' : c.fuzzy + c.orphaned > 0 ? '!' : '✓'} ${r.article}: ${countsLine(c.anchored, c.moved, c.fuzzy, c.orphaned)}${r.fixed ? l10n.t(' (sidecar updated)') : ''}`);
  for (const p of r.problems ?? []) out.line(`    ${p}`);
  for (const t of r.tags ?? []) {
    if (t.status === 'anchored') continue;
    const was = t.previousText !== undefined && t.status === 'fuzzy' ? l10n.t(' (was {0})', JSON.stringify(t.previousText)) : '';
    out.line(`    ${statusLabel(t.status).padEnd(8)} ${categoryOf(t.category as Parameters<typeof categoryOf>[0]).label}: ${JSON.stringify(t.text)}${was}`);
  }
}

/** A tag's status as the text report names it (the JSON report keeps the status ids). */
function statusLabel(status: TagStatus): string {
  switch (status) {
    case 'anchored': return l10n.t('anchored');
    case 'moved': return l10n.t('moved');
    case 'fuzzy': return l10n.t('fuzzy');
    case 'orphaned': return l10n.t('orphaned');
  }
}
