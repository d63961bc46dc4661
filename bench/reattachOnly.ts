/**
 * Just the re-attach rows of the benchmark, on the same data (same seed, article and tags), for
 * working on the anchoring without waiting minutes for the whole table:
 *
 *   npm run bench:reattach          # builds out/bench/reattachOnly.js and runs it
 *   node out/bench/reattachOnly.js --runs 31                  # more runs per row (default 15)
 *   node --cpu-prof out/bench/reattachOnly.js --loop 200 edits  # one row repeated (edits|redownload|…)
 *
 * Prints the same columns as bench.ts, plus the load average, since the cores are shared.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { reattach } from '../src/core/anchor/reattach';
import { articleHash } from '../src/core/articleFile';
import { generateArticle } from './article';
import { editedArticle, initialTruth, makeTags, redownload, score, type Truth } from './mutate';
import { Rng } from './prng';

// The same constants as bench.ts, so the rows are the same rows.
const SEED = 0x5eed2024;
const TAG_COUNT = 10_000;
const MIN_BYTES = 1024 * 1024;

const args = process.argv.slice(2);
const runsArg = Number(args[args.indexOf('--runs') + 1]);
const RUNS = args.includes('--runs') && Number.isInteger(runsArg) && runsArg >= 5 ? runsArg : 15;
const loopAt = args.indexOf('--loop');

const text = generateArticle(SEED, MIN_BYTES);
const tags = makeTags(new Rng(SEED), text, TAG_COUNT);
const sha = articleHash(text);
const edited10 = editedArticle(new Rng(SEED + 10), text, tags, 10);
const edited100 = editedArticle(new Rng(SEED + 100), text, tags, 100);
const fresh = redownload(new Rng(SEED + 5), text, tags);

interface Row {
  readonly what: string;
  readonly article: string;
  readonly truths: readonly Truth[];
  readonly targetMs: number;
  readonly strict: boolean;
}

const ROWS: Record<string, Row> = {
  unchanged: { what: 're-attach, unchanged', article: text, truths: initialTruth(tags), targetMs: 50, strict: false },
  edits: { what: 're-attach after 10 random edits', article: edited10.text, truths: edited10.truths, targetMs: 30, strict: false },
  scattered: { what: 're-attach after 100 scattered edits', article: edited100.text, truths: edited100.truths, targetMs: 300, strict: false },
  redownload: { what: 're-attach after a re-download (typography)', article: fresh.text, truths: fresh.truths, targetMs: 30, strict: true },
};

function median(times: number[]): number {
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
}

if (loopAt >= 0) {
  const count = Number(args[loopAt + 1]) || 100;
  const row = ROWS[args[loopAt + 2] ?? 'edits'] ?? ROWS.edits!;
  for (let i = 0; i < count; i++) reattach(row.article, sha, tags);
} else {
  console.log(`Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${RUNS} runs per row`);
  // CPU time (all of the process's threads, the collector's included) is steadier than wall time when the cores are shared.
  console.log('| Measured | Median (ms) | Min (ms) | CPU median (ms) | Exact | Fuzzy | Orphaned | Wrong | Edited (excl.) | Target | Met |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|---|:-:|');
  for (const row of Object.values(ROWS)) {
    let result = reattach(row.article, sha, tags);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      result = reattach(row.article, sha, tags);
      times.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    const ms = median(times);
    const c = score(result, tags, row.truths);
    const met = ms < row.targetMs && c.wrong === 0 && (!row.strict || c.fuzzy + c.orphaned === 0);
    console.log(`| ${row.what} | ${ms.toFixed(1)} | ${Math.min(...times).toFixed(1)} | ${median(cpuTimes).toFixed(1)} | ${c.exact} | ${c.fuzzy} | ${c.orphaned} | ${c.wrong} | ${c.edited} | < ${row.targetMs} ms | ${met ? '✓' : '✗'} |`);
  }
  console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
