import { basename } from 'node:path';
import { CATEGORIES } from '../core/codebook';
import { REVIEW_STATE_LABELS, type ReviewState } from '../core/review/filter';
import { countWords, statsOf, type TagStats } from '../core/review/stats';
import type { Output } from './output';
import { readablePairs } from './sidecars';

const STATES = Object.keys(REVIEW_STATE_LABELS) as ReviewState[];

/** `newsmark stats [--json] PATH...`: counts per category and review status, per article and in total. */
export async function stats(paths: readonly string[], json: boolean, out: Output): Promise<number> {
  const rows: { article: string; stats: TagStats }[] = [];
  const inputs: Parameters<typeof statsOf>[0][number][] = [];
  const problems: string[] = [];
  const { pairs } = await readablePairs(paths, (p) => problems.push(p), (notice) => out.error(notice));
  for (const pair of pairs) {
    const input = { tags: pair.sidecar.tags, words: countWords(pair.articleLf) };
    inputs.push(input);
    rows.push({ article: pair.articlePath, stats: statsOf([input]) });
  }
  const totals = statsOf(inputs);
  if (json) {
    out.line(JSON.stringify({ articles: rows.map((r) => ({ article: r.article, ...r.stats })), total: totals, problems }, null, 2));
  } else {
    const header = ['Article', ...CATEGORIES.map((c) => c.label), ...STATES.map((s) => REVIEW_STATE_LABELS[s].replace(/ \(.*\)$/, '')), 'Tags', 'Words', 'Per 1,000 words'];
    const line = (name: string, s: TagStats): string[] => [name, ...CATEGORIES.map((c) => String(s.byCategory[c.id])), ...STATES.map((st) => String(s.byState[st])), String(s.tags), String(s.words), s.words > 0 ? s.perThousandWords.toFixed(1) : '–'];
    const table = [header, ...rows.map((r) => line(basename(r.article), r.stats)), line('Total', totals)];
    const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const row of table) out.line(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
    for (const p of problems) out.error(`✗ ${p}`);
  }
  return problems.length > 0 ? 1 : 0;
}
