/**
 * `npm run eval`: precision, recall and F1 of the tag suggestions per category, against the
 * hand-labelled gold set in gold/. A suggestion counts when it overlaps a gold tag of the same
 * category by at least half of the shorter span. Exits 1 when a category misses its target.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, type CategoryId } from '../src/core/codebook';
import { SidecarFile } from '../src/core/sidecar';
import { suggestTags } from '../src/core/suggest';
import type { Suggestion } from '../src/core/suggest/types';
import type { Tag } from '../src/core/tag';
import { toLf } from '../src/core/textIndex';

const TARGETS: Record<CategoryId, number> = { figure: 0.9, denial: 0.7, claim: 0.6, framing: 0.5 };
const GOLD = join(process.cwd(), 'gold');

interface Tally {
  suggested: number;
  correct: number;
  gold: number;
  found: number;
}

function overlapsEnough(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap > 0 && overlap * 2 >= Math.min(a.end - a.start, b.end - b.start);
}

const tallies = new Map<CategoryId, Tally>(CATEGORIES.map((c) => [c.id, { suggested: 0, correct: 0, gold: 0, found: 0 }]));
const sidecars = readdirSync(GOLD).filter((f) => f.endsWith('.tags.yaml')).sort();
let goldTags = 0;
for (const name of sidecars) {
  const parsed = SidecarFile.parse(readFileSync(join(GOLD, name), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.problems[0]?.message ?? 'unreadable'}`);
  const text = toLf(readFileSync(join(GOLD, parsed.sidecar.article), 'utf8').replace(/^\ufeff/, ''));
  const suggestions = suggestTags(text);
  for (const category of CATEGORIES.map((c) => c.id)) {
    const gold: Tag[] = parsed.sidecar.tags.filter((t) => t.category === category);
    const mine: Suggestion[] = suggestions.filter((s) => s.category === category);
    const tally = tallies.get(category)!;
    tally.suggested += mine.length;
    tally.correct += mine.filter((s) => gold.some((g) => overlapsEnough(s, g))).length;
    tally.gold += gold.length;
    tally.found += gold.filter((g) => mine.some((s) => overlapsEnough(s, g))).length;
  }
  goldTags += parsed.sidecar.tags.length;
}

const pct = (n: number): string => n.toFixed(2);
console.log(`Gold set: ${sidecars.length} articles, ${goldTags} tags (gold/). A suggestion counts when it overlaps a gold tag of its category by at least half of the shorter span.`);
console.log('');
console.log('| Category | Gold | Suggested | Precision | Recall | F1 | Target F1 | Met |');
console.log('|---|--:|--:|--:|--:|--:|--:|:-:|');
const missed: string[] = [];
for (const category of CATEGORIES) {
  const t = tallies.get(category.id)!;
  const precision = t.suggested > 0 ? t.correct / t.suggested : 0;
  const recall = t.gold > 0 ? t.found / t.gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const met = f1 >= TARGETS[category.id];
  if (!met) missed.push(`${category.label}: F1 ${pct(f1)} < ${TARGETS[category.id]}`);
  console.log(`| ${category.label} | ${t.gold} | ${t.suggested} | ${pct(precision)} | ${pct(recall)} | ${pct(f1)} | ${TARGETS[category.id]} | ${met ? '✓' : '✗'} |`);
}
console.log('');
if (missed.length > 0) {
  console.log(`eval: TARGET MISSED — ${missed.join('; ')}`);
  process.exitCode = 1;
} else console.log('eval: every category meets its target');
