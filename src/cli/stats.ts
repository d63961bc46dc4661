import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import { CATEGORIES, CATEGORY_IDS, type CategoryId } from '../core/codebook';
import type { OutletName } from '../core/outlet';
import { REVIEW_STATE_LABELS, type ReviewState } from '../core/review/filter';
import { byOutletName, type CategoryProfile, type OutletProfile } from '../core/review/profile';
import { statsOf, subLabelTitle, zeroCategoryCounts, type TagStats } from '../core/review/stats';
import { withParseCache } from './cache';
import { atDepth, inBlocks, JsonArrayLines, type Output } from './output';
import { eachSummary } from './sidecars';
import type { CorpusListing } from './corpusFiles';
import { withStoredOutput } from './outputCache';

const STATES = Object.keys(REVIEW_STATE_LABELS) as ReviewState[];

/**
 * `newsmark stats [--json] PATH...`: counts per category and review status, per article and in
 * total, then each outlet's profile (tags per 1,000 words and share per category).
 */
export async function stats(paths: readonly string[], json: boolean, out: Output, options: { cache?: boolean } = {}): Promise<number> {
  const cache = options.cache ?? true;
  return withStoredOutput({ command: json ? ['stats', '--json'] : ['stats'], paths, enabled: cache }, out, (printed, listing) => inBlocks(printed, (block) => statsInto(paths, listing, json, block, cache)));
}

/** The command, printing to `out`. */
async function statsInto(paths: readonly string[], listing: CorpusListing, json: boolean, out: Output, cached: boolean): Promise<number> {
  // Kept per article: its row (counts only); its tags and text are dropped as soon as it is counted.
  const rows: { article: string; outlet: OutletName; stats: TagStats }[] = [];
  const totals = new RunningStats();
  const outlets = new RunningProfiles();
  const problems: string[] = [];
  const jsonArticles = json ? new JsonArrayLines(out, 2, '{\n  "articles": [') : undefined;
  await withParseCache(paths, cached, (cache) => eachSummary(listing, (p) => problems.push(p), cache, (pair) => {
    const outlet = pair.facts.outlet();
    const stats = pair.facts.stats();
    totals.add(stats);
    outlets.add(pair.articlePath, outlet, stats);
    if (jsonArticles) jsonArticles.item({ article: pair.articlePath, outlet: { name: outlet.name, guessed: outlet.guessed }, ...stats });
    else rows.push({ article: pair.articlePath, outlet, stats });
  }));
  const total = totals.result();
  const profiles = outlets.result();
  if (jsonArticles) {
    // The rest of JSON.stringify({ articles, total, outlets, problems }, null, 2), after the
    // articles; the outlets an item at a time too (a corpus may have as many as articles).
    out.line(jsonArticles.end() ? '  ],' : '{\n  "articles": [],');
    out.line(`  "total": ${atDepth(total, 1).slice(2)},`);
    const jsonOutlets = new JsonArrayLines(out, 2, '  "outlets": [');
    for (const profile of profiles) jsonOutlets.item(profile);
    out.line(jsonOutlets.end() ? '  ],' : '  "outlets": [],');
    out.line(`  "problems": ${atDepth(problems, 1).slice(2)}\n}`);
  } else {
    const header = [l10n.t('Article'), ...CATEGORIES.map((c) => c.label), ...STATES.map((s) => REVIEW_STATE_LABELS[s].replace(/ \(.*\)$/, '')), l10n.t('Tags'), l10n.t('Words'), l10n.t('Per 1,000 words')];
    const line = (name: string, s: TagStats): string[] => [name, ...CATEGORIES.map((c) => String(s.byCategory[c.id])), ...STATES.map((st) => String(s.byState[st])), String(s.tags), String(s.words), s.words > 0 ? s.perThousandWords.toFixed(1) : '–'];
    printTable(out, [header, ...rows.map((r) => line(basename(r.article), r.stats)), line(l10n.t('Total'), total)]);
    if (profiles.length > 0) {
      out.line('');
      out.line(l10n.t('Outlet profiles: tags per 1,000 words (share of the outlet\'s tags)'));
      printTable(out, [[l10n.t('Outlet'), l10n.t('Articles'), l10n.t('Words'), l10n.t('Tags'), l10n.t('Per 1,000 words'), ...CATEGORIES.map((c) => c.label)], ...profiles.map(profileRow)]);
    }
    const subLabels = Object.keys(total.bySubLabel).sort(bySubLabelOrder);
    if (subLabels.length > 0) {
      out.line('');
      out.line(l10n.t('Sub-labels (codebook): tags, then per outlet'));
      printTable(out, [[l10n.t('Sub-label'), l10n.t('Tags'), ...profiles.map((p) => p.outlet)], ...subLabels.map((k) => [subLabelTitle(k), String(total.bySubLabel[k]), ...profiles.map((p) => String(p.subLabels[k] ?? 0))])]);
    }
    for (const p of problems) out.error(`✗ ${p}`);
  }
  return problems.length > 0 ? 1 : 0;
}

/** statsOf over every article, added up one article at a time. */
class RunningStats {
  private sum = statsOf([]) as { -readonly [K in keyof TagStats]: TagStats[K] };

  add(one: TagStats): void {
    const s = this.sum;
    s.articles += one.articles;
    s.tags += one.tags;
    s.words += one.words;
    for (const c of CATEGORY_IDS) s.byCategory[c] += one.byCategory[c];
    for (const st of STATES) s.byState[st] += one.byState[st];
    addCounts(s.bySubLabel, one.bySubLabel);
  }

  result(): TagStats {
    const s = this.sum;
    return { ...s, perThousandWords: s.words > 0 ? (s.tags * 1000) / s.words : 0 };
  }
}

/**
 * outletProfiles (src/core/review/profile.ts), worked out from running sums per outlet: the same
 * grouping (name ignoring case and surrounding space), the same figures, the same order.
 */
class RunningProfiles {
  private readonly groups = new Map<string, { name: string; guessed: boolean; articles: string[]; words: number; tags: number; counts: Record<CategoryId, number>; subLabels: Record<string, number> }>();

  add(article: string, outlet: OutletName, stats: TagStats): void {
    const key = outlet.name.trim().toLowerCase();
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { name: outlet.name.trim(), guessed: false, articles: [], words: 0, tags: 0, counts: zeroCategoryCounts(), subLabels: {} }));
    group.guessed ||= outlet.guessed;
    group.articles.push(article);
    group.words += stats.words;
    group.tags += stats.tags;
    for (const c of CATEGORY_IDS) group.counts[c] += stats.byCategory[c];
    addCounts(group.subLabels, stats.bySubLabel);
  }

  result(): OutletProfile[] {
    // Plain loops: a corpus may have as many outlets as articles (each unnamed one is its file).
    const profiles: OutletProfile[] = [];
    for (const g of this.groups.values()) {
      const perThousand = (n: number): number => (g.words > 0 ? (n * 1000) / g.words : 0);
      const categories = {} as Record<CategoryId, CategoryProfile>;
      for (const c of CATEGORY_IDS) categories[c] = { count: g.counts[c], perThousandWords: perThousand(g.counts[c]), share: g.tags > 0 ? g.counts[c] / g.tags : 0 };
      profiles.push({ outlet: g.name, guessed: g.guessed, articles: g.articles, words: g.words, tags: g.tags, perThousandWords: perThousand(g.tags), categories, subLabels: g.subLabels });
    }
    return profiles.sort(byOutletName);
  }
}

function profileRow(p: OutletProfile): string[] {
  const rate = (n: number): string => (p.words > 0 ? n.toFixed(1) : '–');
  return [
    p.guessed ? l10n.t('{0} (guessed)', p.outlet) : p.outlet,
    String(p.articles.length),
    String(p.words),
    String(p.tags),
    rate(p.perThousandWords),
    ...CATEGORIES.map((c) => `${rate(p.categories[c.id].perThousandWords)} (${Math.round(p.categories[c.id].share * 100)}%)`),
  ];
}

function printTable(out: Output, table: readonly string[][]): void {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) out.line(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

function addCounts(into: Record<string, number>, more: Readonly<Record<string, number>>): void {
  for (const key in more) into[key] = (into[key] ?? 0) + more[key]!;
}

/** By category in the codebook's order, then by sub-label. */
function bySubLabelOrder(a: string, b: string): number {
  const at = (k: string): number => CATEGORY_IDS.indexOf(k.slice(0, k.indexOf(':')) as CategoryId);
  return at(a) - at(b) || (a < b ? -1 : a > b ? 1 : 0);
}
