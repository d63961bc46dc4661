/**
 * The corpus commands on a generated corpus on disk (issue 16): `stats --json`, `check` and
 * `validate` of the built CLI (dist/cli.js, from `npm run build`), each run as its own process,
 * cold (--no-cache) and warm (the parse cache filled), against a bare Node loop that only parses
 * the same sidecars with js-yaml. Each cold and warm run (the rows the issue's targets judge) is
 * paired with a run of the loop just before it, and its ratio is the median of the pairs' ratios:
 * this VM's speed drifts by a third over minutes, and a loop timed once at the start put the
 * same build's ratios ±0.1 apart from one run of the bench to the next. Medians of 7 for those
 * rows, of 3 for the others; peak RSS as each child process reports it.
 *
 *   NEWSMARK_BENCH_CORPUS=1000 npx tsx bench/corpusCommands.ts   # this part alone, smaller
 *
 * NEWSMARK_BENCH_CORPUS sets the number of articles (default 10,000; 0 skips these rows). The
 * corpus is generated once into the system's temporary folder and reused by later runs.
 * `export --format csv` is measured the same way, judged only by its peak RSS against the issue's
 * 300 MB (its time is printed beside the loop's, for comparison);
 * and once, for memory, on a corpus of NEWSMARK_BENCH_BIG_EXPORT articles × 10 tags (default
 * 100,000; 0 skips it), generated once like the other (about 1.3 GB on disk).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { articleHash } from '../src/core/articleFile';
import { SidecarFile } from '../src/core/sidecar';
import { generateArticle } from './article';
import { makeTags } from './mutate';
import { Rng } from './prng';

const TAGS = 50;
const RUNS = 3;
/** Runs of each judged row (cold and warm), each after a loop run of its own. */
const PAIRED_RUNS = 7;
const PER_FOLDER = 1000;
/** The issue's targets, as shares of the js-yaml loop's time. */
const COLD_TARGET = 0.6;
const WARM_TARGET = 0.15;
/** The issue's bound on an export's peak RSS, whatever the corpus's size. */
const EXPORT_RSS_TARGET_MB = 300;
const BIG_TAGS = 10;

interface Run {
  readonly ms: number;
  /** For a run paired with loop runs: the median of its runs' ratios to them (wall, CPU). */
  readonly paired?: { readonly ratio: number; readonly cpuRatio: number };
  /** User + system CPU time of the child: what the wall time is when the 2 cores are not shared. */
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly stdoutHash: string;
}

/** The rows as Markdown lines (empty when NEWSMARK_BENCH_CORPUS=0). */
export function corpusCommandRows(seed: number, root: string = process.cwd()): string[] {
  const articles = Number(process.env['NEWSMARK_BENCH_CORPUS'] ?? 10_000);
  if (!Number.isInteger(articles) || articles <= 0) return [];
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) return ['', `Corpus commands: skipped, ${cli} is missing (npm run build).`];
  const dir = corpusOnDisk(seed, articles);
  const cacheFolder = join(dir, '.newsmark-cache');
  const preload = rssReporter();
  const loopRuns: Run[] = [];
  const runLoop = (): Run => {
    const run = child(preload, ['-e', jsYamlLoop(join(root, 'node_modules', 'js-yaml')), dir]);
    loopRuns.push(run);
    return run;
  };
  const paired = (fn: () => Run): Run => pairedMedianOf(dir, runLoop, fn);
  medianOf(dir, runLoop);
  const startLoad = os.loadavg()[0]?.toFixed(1);
  const results: { what: string; run: Run; target?: number; rssTargetMb?: number }[] = [];
  const stored: string[] = [];
  for (const command of [['stats', '--json'], ['check'], ['validate']]) {
    const name = command.join(' ');
    const cold = paired(() => child(preload, [cli, ...command, '--no-cache', dir]));
    rmSync(cacheFolder, { recursive: true, force: true });
    const filling = medianOf(dir, () => {
      rmSync(cacheFolder, { recursive: true, force: true });
      return child(preload, [cli, ...command, dir]);
    });
    const warm = paired(() => child(preload, [cli, ...command, dir]));
    // The stored output of the run before is out of date, the parse cache answers for all but one pair.
    const touched = paired(() => {
      touchOne(dir);
      return child(preload, [cli, ...command, dir]);
    });
    if ([warm, filling, touched].some((run) => run.stdoutHash !== cold.stdoutHash)) throw new Error(`${name}: the cached output differs from the uncached one`);
    results.push({ what: `\`${name}\` cold (--no-cache)`, run: cold, target: COLD_TARGET });
    results.push({ what: `\`${name}\` first run, filling the cache`, run: filling });
    results.push({ what: `\`${name}\` warm (cache filled, corpus unchanged: its stored output)`, run: warm, target: WARM_TARGET });
    results.push({ what: `\`${name}\` warm, one sidecar touched since (parse cache)`, run: touched });
    // The next command's first run empties the folder: this command's stored output is the only one there.
    stored.push(`\`${name}\` ${(cacheBytes(cacheFolder, '.out') / 1024 / 1024).toFixed(1)} MB`);
  }
  const csv = join(os.tmpdir(), `newsmark-bench-export-${process.pid}.csv`);
  const exportCsv = ['export', '--format', 'csv', '--force', '--out', csv];
  const cold = medianOf(dir, () => child(preload, [cli, ...exportCsv, '--no-cache', dir], csv));
  const filling = medianOf(dir, () => {
    rmSync(cacheFolder, { recursive: true, force: true });
    return child(preload, [cli, ...exportCsv, dir], csv);
  });
  const warm = medianOf(dir, () => child(preload, [cli, ...exportCsv, dir], csv));
  if (warm.stdoutHash !== cold.stdoutHash || filling.stdoutHash !== cold.stdoutHash) throw new Error('export --format csv: the cached export differs from the uncached one');
  // The issue bounds only the export's memory: its time is shown against the loop, not judged.
  results.push({ what: '`export --format csv` cold (--no-cache)', run: cold, rssTargetMb: EXPORT_RSS_TARGET_MB });
  results.push({ what: '`export --format csv` first run, filling the cache', run: filling, rssTargetMb: EXPORT_RSS_TARGET_MB });
  results.push({ what: '`export --format csv` warm (cache filled)', run: warm, rssTargetMb: EXPORT_RSS_TARGET_MB });
  const loop = middle(loopRuns);
  const lines = [
    '',
    `Corpus commands, ${int(articles)} articles × ${TAGS} tags (${(sidecarBytes(dir) / 1024 / 1024).toFixed(0)} MB of sidecars), Node ${process.version}, load ${startLoad} at start; each run its own process. Cold and warm rows: medians of ${PAIRED_RUNS} runs, each right after a run of the loop, "× js-yaml loop" the median of those pairs' ratios; other rows: medians of ${RUNS}, against the median of the loop's ${loopRuns.length} runs (${(middle(loopRuns, 0).ms / 1000).toFixed(2)}–${(middle(loopRuns, 1).ms / 1000).toFixed(2)} s)`,
    '',
    '| Measured | Median (s) | × js-yaml loop | CPU (s) | CPU × loop | Peak RSS (MB) | Target | Met |',
    '|---|--:|--:|--:|--:|--:|---|:-:|',
    row('bare js-yaml loop over the sidecars (reference)', loop, loop),
    ...results.map((r) => row(r.what, r.run, loop, r.target, r.rssTargetMb)),
  ];
  lines.push('', `Load ${os.loadavg()[0]?.toFixed(1)} at the end. Cache file: ${(cacheBytes(cacheFolder) / 1024 / 1024).toFixed(0)} MB; stored outputs: ${stored.join(', ')}.`);
  lines.push(...bigExportRows(seed, cli, preload, csv));
  rmSync(csv, { force: true });
  return lines;
}

/** `export --format csv` of a corpus ten times the size, cold and warm, once each: does its memory stay bounded? */
function bigExportRows(seed: number, cli: string, preload: string, csv: string): string[] {
  const articles = Number(process.env['NEWSMARK_BENCH_BIG_EXPORT'] ?? 100_000);
  if (!Number.isInteger(articles) || articles <= 0) return [];
  const dir = corpusOnDisk(seed, articles, BIG_TAGS);
  const cacheFolder = join(dir, '.newsmark-cache');
  rmSync(cacheFolder, { recursive: true, force: true });
  const exportCsv = [cli, 'export', '--format', 'csv', '--force', '--out', csv];
  intoPageCache(dir);
  const cold = child(preload, [...exportCsv, '--no-cache', dir], csv);
  intoPageCache(dir);
  const filling = child(preload, [...exportCsv, dir], csv);
  intoPageCache(dir);
  const warm = child(preload, [...exportCsv, dir], csv);
  if (warm.stdoutHash !== cold.stdoutHash || filling.stdoutHash !== cold.stdoutHash) throw new Error('export --format csv (large corpus): the cached export differs from the uncached one');
  const size = `${(statSync(csv).size / 1024 / 1024).toFixed(0)} MB of CSV`;
  return [
    '',
    `Memory on a larger corpus: ${int(articles)} articles × ${BIG_TAGS} tags (${(sidecarBytes(dir) / 1024 / 1024).toFixed(0)} MB of sidecars, ${size}); one run each, load ${os.loadavg()[0]?.toFixed(1)} at start`,
    '',
    '| Measured | Time (s) | CPU (s) | Peak RSS (MB) | Target | Met |',
    '|---|--:|--:|--:|---|:-:|',
    ...([['cold (--no-cache)', cold], ['first run, filling the cache', filling], ['warm (cache filled)', warm]] as const).map(([what, run]) => `| \`export --format csv\` ${what} | ${(run.ms / 1000).toFixed(2)} | ${(run.cpuMs / 1000).toFixed(2)} | ${run.rssMb.toFixed(0)} | ≤ ${EXPORT_RSS_TARGET_MB} MB | ${run.rssMb <= EXPORT_RSS_TARGET_MB ? '✓' : '✗'} |`),
    '',
    `Cache file: ${(cacheBytes(cacheFolder) / 1024 / 1024).toFixed(0)} MB.`,
  ];
}

/** Met is judged on wall time, as the issue's targets are (and on peak RSS where it has a bound); the CPU columns show what load took out of it. */
function row(what: string, run: Run, loop: Run, target?: number, rssTargetMb?: number): string {
  const ratio = run.paired?.ratio ?? run.ms / loop.ms;
  const cpuRatio = run.paired?.cpuRatio ?? run.cpuMs / loop.cpuMs;
  const checks = [...(target !== undefined ? [ratio <= target] : []), ...(rssTargetMb !== undefined ? [run.rssMb <= rssTargetMb] : [])];
  const met = checks.length === 0 ? '–' : checks.every(Boolean) ? '✓' : '✗';
  const targets = [...(target !== undefined ? [`≤ ${target}×`] : []), ...(rssTargetMb !== undefined ? [`≤ ${rssTargetMb} MB`] : [])];
  return `| ${what} | ${(run.ms / 1000).toFixed(2)} | ${ratio.toFixed(2)}× | ${(run.cpuMs / 1000).toFixed(2)} | ${cpuRatio.toFixed(2)}× | ${run.rssMb.toFixed(0)} | ${targets.length === 0 ? '–' : targets.join(', ')} | ${met} |`;
}

/** RUNS runs, each with the corpus in `dir` read into the OS's page cache first: see intoPageCache. */
function medianOf(dir: string, fn: () => Run): Run {
  return middle(Array.from({ length: RUNS }, () => {
    intoPageCache(dir);
    return fn();
  }));
}

/**
 * PAIRED_RUNS runs of `fn`, each right after a run of `loop` (the page cache filled before
 * each): the median run, with the medians of its runs' wall and CPU ratios to their loop runs.
 */
function pairedMedianOf(dir: string, loop: () => Run, fn: () => Run): Run {
  const pairs = Array.from({ length: PAIRED_RUNS }, () => {
    intoPageCache(dir);
    const reference = loop();
    intoPageCache(dir);
    return { run: fn(), reference };
  });
  return {
    ...middle(pairs.map((p) => p.run)),
    paired: { ratio: quantile(pairs.map((p) => p.run.ms / p.reference.ms)), cpuRatio: quantile(pairs.map((p) => p.run.cpuMs / p.reference.cpuMs)) },
  };
}

/** The run at `at` (0 fastest, 1 slowest; the median by default) of the runs by wall time. */
function middle(runs: readonly Run[], at = 0.5): Run {
  return quantile(runs, at, (run) => run.ms);
}

/** The item at `at` (0 the least, 1 the greatest; the median by default) by `key`. */
function quantile<T>(items: readonly T[], at = 0.5, key: (item: T) => number = Number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.round(at * (sorted.length - 1))]!;
}

/**
 * Reads every file under `dir` (the cache folder included), so that a run measures the command
 * and not the disk: this VM pages out files idle for a minute (DAMON), and the articles, which
 * the loop never reads, were paged out more often than the sidecars — a "cold" command then
 * paid the disk and the loop did not. Cold and warm mean without and with the parse cache.
 */
function intoPageCache(dir: string): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const fd = openSync(join(entry.parentPath ?? entry.path, entry.name), 'r');
    try {
      while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * One child process: its wall time, its peak RSS (reported by the preload at exit) and a hash of
 * what it printed (or wrote into `output`). What it prints goes into a file, as `> stats.json`
 * sends it: read through a pipe, 12 MB of `stats --json` cost the bench process ~0.1 s of one of
 * the 2 cores while the command ran, counted in the command's time (the loop prints nothing).
 */
function child(preload: string, args: string[], output?: string): Run {
  const rssFile = join(os.tmpdir(), `newsmark-bench-rss-${process.pid}`);
  const stdoutFile = join(os.tmpdir(), `newsmark-bench-stdout-${process.pid}`);
  rmSync(rssFile, { force: true });
  const stdout = openSync(stdoutFile, 'w');
  let result;
  let ms;
  try {
    const t0 = performance.now();
    result = spawnSync(process.execPath, ['--require', preload, ...args], { env: { ...process.env, NEWSMARK_BENCH_RSS_FILE: rssFile }, maxBuffer: 2 ** 31 - 1, stdio: ['ignore', stdout, 'pipe'] });
    ms = performance.now() - t0;
  } finally {
    closeSync(stdout);
  }
  if (result.error || result.status === null || result.status > 1) throw new Error(`node ${args.slice(0, 3).join(' ')}… failed (${result.error?.message ?? `exit ${result.status}`}): ${String(result.stderr).slice(0, 500)}`);
  const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRSS: number; userCPUTime: number; systemCPUTime: number };
  const stdoutHash = createHash('sha256').update(readFileSync(output ?? stdoutFile)).digest('hex');
  rmSync(stdoutFile, { force: true });
  return { ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, rssMb: usage.maxRSS / 1024, stdoutHash };
}

function rssReporter(): string {
  const path = join(os.tmpdir(), 'newsmark-bench-rss-preload.js');
  writeFileSync(path, "process.on('exit', () => require('node:fs').writeFileSync(process.env.NEWSMARK_BENCH_RSS_FILE, JSON.stringify(process.resourceUsage())));\n");
  return path;
}

/** What the issue measured as the floor: read every sidecar in turn and parse it with js-yaml, nothing else. */
function jsYamlLoop(jsYaml: string): string {
  return `const fs = require('node:fs'), path = require('node:path'), yaml = require(${JSON.stringify(jsYaml)});
const dir = process.argv[1];
const files = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.tags.yaml')).sort();
let tags = 0;
for (const f of files) tags += yaml.load(fs.readFileSync(path.join(dir, f), 'utf8')).tags.length;
if (tags === 0) process.exit(2);`;
}

let touches = 0;

/** Gives the corpus's first sidecar a new modification time, a minute or more back (outside the cache's racy window), its content unchanged. */
function touchOne(dir: string): void {
  const folder = join(dir, readdirSync(dir).filter((name) => name.startsWith('batch-')).sort()[0]!);
  const sidecar = join(folder, readdirSync(folder).filter((name) => name.endsWith('.tags.yaml')).sort()[0]!);
  const seconds = Math.floor(Date.now() / 1000) - 60 - ++touches;
  utimesSync(sidecar, seconds, seconds);
}

/** The corpus, generated once per size and seed (the sidecars through Newsmark's own writer). */
export function corpusOnDisk(seed: number, articles: number, tags: number = TAGS): string {
  const dir = join(os.tmpdir(), `newsmark-bench-corpus-${articles}x${tags}-${seed.toString(16)}`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < articles; i++) {
    const folder = join(dir, `batch-${String(Math.floor(i / PER_FOLDER)).padStart(3, '0')}`);
    if (i % PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    const name = `article-${String(i).padStart(5, '0')}.txt`;
    const text = generateArticle(seed + i, 6 * 1024);
    const sha = articleHash(text);
    writeFileSync(join(folder, name), text);
    writeFileSync(join(folder, `${name}.tags.yaml`), SidecarFile.create(name, sha).serialize(makeTags(new Rng(seed + i), text, tags), sha));
  }
  writeFileSync(done, '');
  // Files changed within the last 2 s are not cached (the racy-mtime guard): let the newest age.
  spawnSync('sleep', ['2.5']);
  return dir;
}

function sidecarBytes(dir: string): number {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tags.yaml')).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

/** The bytes of the cache folder's files ending in `suffix`: '.jsonl' the parse cache, '.out' the stored outputs. */
function cacheBytes(folder: string, suffix = '.jsonl'): number {
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(suffix)).reduce((sum, f) => sum + statSync(join(folder, f)).size, 0) : 0;
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

if (process.argv[1]?.endsWith('corpusCommands.ts')) {
  if (process.argv[2] === '--generate') console.log(corpusOnDisk(0x5eed2024, Number(process.argv[3]), Number(process.argv[4])));
  else console.log(corpusCommandRows(0x5eed2024).join('\n'));
}
