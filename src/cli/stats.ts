import { basename } from 'node:path';
import { CATEGORIES } from '../core/codebook';
import type { OutletName } from '../core/outlet';
import { REVIEW_STATE_LABELS, type ReviewState } from '../core/review/filter';
import { outletProfiles, type OutletProfile, type ProfileInput } from '../core/review/profile';
import { statsOf, type TagStats } from '../core/review/stats';
import { withParseCache } from './cache';
import type { Output } from './output';
import { readableSummaries } from './sidecars';

const STATES = Object.keys(REVIEW_STATE_LABELS) as ReviewState[];

/**
 * `newsmark stats [--json] PATH...`: counts per category and review status, per article and in
 * total, then each outlet's profile (tags per 1,000 words and share per category).
 */
export async function stats(paths: readonly string[], json: boolean, out: Output, options: { cache?: boolean } = {}): Promise<number> {
  const rows: { article: string; outlet: OutletName; stats: TagStats }[] = [];
  const inputs: Parameters<typeof statsOf>[0][number][] = [];
  const profileInputs: ProfileInput[] = [];
  const problems: string[] = [];
  const { pairs } = await withParseCache(paths, options.cache ?? true, (cache) => readableSummaries(paths, (p) => problems.push(p), (notice) => out.error(notice), cache));
  for (const pair of pairs) {
    const input = { tags: pair.facts.countedTags(), words: pair.facts.words() };
    const outlet = pair.facts.outlet();
    inputs.push(input);
    profileInputs.push({ article: pair.articlePath, outlet, ...input });
    rows.push({ article: pair.articlePath, outlet, stats: statsOf([input]) });
  }
  const totals = statsOf(inputs);
  const outlets = outletProfiles(profileInputs);
  if (json) {
    const articles = rows.map((r) => ({ article: r.article, outlet: { name: r.outlet.name, guessed: r.outlet.guessed }, ...r.stats }));
    out.line(JSON.stringify({ articles, total: totals, outlets, problems }, null, 2));
  } else {
    const header = ['Article', ...CATEGORIES.map((c) => c.label), ...STATES.map((s) => REVIEW_STATE_LABELS[s].replace(/ \(.*\)$/, '')), 'Tags', 'Words', 'Per 1,000 words'];
    const line = (name: string, s: TagStats): string[] => [name, ...CATEGORIES.map((c) => String(s.byCategory[c.id])), ...STATES.map((st) => String(s.byState[st])), String(s.tags), String(s.words), s.words > 0 ? s.perThousandWords.toFixed(1) : '–'];
    printTable(out, [header, ...rows.map((r) => line(basename(r.article), r.stats)), line('Total', totals)]);
    if (outlets.length > 0) {
      out.line('');
      out.line('Outlet profiles: tags per 1,000 words (share of the outlet\'s tags)');
      printTable(out, [['Outlet', 'Articles', 'Words', 'Tags', 'Per 1,000 words', ...CATEGORIES.map((c) => c.label)], ...outlets.map(profileRow)]);
    }
    for (const p of problems) out.error(`✗ ${p}`);
  }
  return problems.length > 0 ? 1 : 0;
}

function profileRow(p: OutletProfile): string[] {
  const rate = (n: number): string => (p.words > 0 ? n.toFixed(1) : '–');
  return [
    p.guessed ? `${p.outlet} (guessed)` : p.outlet,
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
