/**
 * The editor's start-up on a generated workspace on disk (issue 16): the time until the Tags
 * view's first level lists every article with its count (the core TagTreeModel's roots), cold (no
 * cache yet: every sidecar parsed) and warm (the per-workspace cache filled), the time until every
 * sidecar is loaded, and the longest the event loop was held at once meanwhile — what every other
 * extension on the host waits for. Through the NodeFileSystem port, as the CLI reads; the editor
 * reads through workspace.fs, which this does not measure.
 *
 *   NEWSMARK_BENCH_EDITOR=1000 npx tsx bench/editorLoad.ts   # this part alone, smaller
 *
 * NEWSMARK_BENCH_EDITOR sets the number of articles (default 10,000; 0 skips these rows). The
 * workspace is the corpus bench/corpusCommands.ts generates (once, into the temporary folder).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { articleHash } from '../src/core/articleFile';
import { WORKSPACE_CACHE_NAME } from '../src/core/cache/workspaceCache';
import { NodeFileSystem } from '../src/core/fs/nodeFileSystem';
import { TagTreeModel, withListed, type TagSource } from '../src/core/review/tagTree';
import { SidecarFile } from '../src/core/sidecar';
import { SidecarRepository } from '../src/core/storage/sidecarRepository';
import { EVENT_LOOP_CLOCK, THREAD_SLICER } from '../src/core/storage/slicer';
import { TagStore } from '../src/core/tagStore';
import { generateArticle } from './article';
import { corpusOnDisk } from './corpusCommands';
import { makeTags } from './mutate';
import { Rng } from './prng';

const TARGET_COLD_MS = 10_000;
const TARGET_WARM_MS = 2_000;
const TARGET_TASK_MS = 50;
/** Cold and warm starts each; the table shows medians. */
const RUNS = 3;

interface Start {
  /** Until every article is listed with its count. */
  readonly firstLevelMs: number;
  /** Until every sidecar is loaded and the cache saved. */
  readonly loadedMs: number;
  /** The longest the event loop was held at once, from the first read to the end. */
  readonly longestTaskMs: number;
  /** The event loop's delay at the 99th percentile: what load from other processes does to it, apart from the rare worst. */
  readonly p99DelayMs: number;
  readonly fromCache: number;
  /** The first level's rows and counts once everything is listed and tallied (the view's task, also in longestTaskMs). */
  readonly rowsMs: number;
}

/**
 * A full collection, so that a start does not pay for the one before it: in the editor each start
 * is a new extension host, whose heap holds no other start's 500,000 dropped tags.
 */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** One start of the editor on `dir`: a fresh store and repository, the cache in `storage` (read if there). */
async function start(dir: string, storage: string, articles: number): Promise<Start> {
  collectGarbage();
  const fs = new NodeFileSystem();
  const store = new TagStore();
  const repository = new SidecarRepository({ fs, store });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const t0 = performance.now();
  await repository.openCache(fs, join(storage, WORKSPACE_CACHE_NAME), 'bench');
  const source: TagSource = {
    keys: () => store.keys(), tags: (k) => store.tags(k), label: (k) => k, hasProblem: (k) => store.get(k)?.problem !== undefined,
    words: (k) => store.get(k)?.words, suggestions: () => [], conflicts: () => [], isMissing: (k) => store.get(k)?.missing === true,
  };
  const model = new TagTreeModel(withListed(source, repository.cachedRows, (k) => store.get(k) !== undefined));
  let firstLevelMs = 0;
  let fromCache = 0;
  let rowsMs = 0;
  let shown: Promise<void> = Promise.resolve();
  await repository.loadAll([dir], () => {
    fromCache = repository.cachedRows.size;
    // As the Tags view redraws: the rows' counts worked out in slices (prepare), then the first
    // level and each row's count in one task, timed apart (and in the longest task too). That task
    // is a later one: the view fires its change, and VS Code asks for the rows in a message of its own.
    shown = model.prepare((work) => THREAD_SLICER.run(work)).then(() => EVENT_LOOP_CLOCK.nextTask()).then(() => {
      const t1 = performance.now();
      const rows = model.roots().filter((n) => n.kind === 'article');
      if (rows.length !== articles || rows.some((n) => model.count(n) === 0)) throw new Error(`the first level lists ${rows.length} of ${articles} articles`);
      firstLevelMs = performance.now() - t0;
      rowsMs = performance.now() - t1;
    });
  });
  await shown;
  await repository.idle();
  const loadedMs = performance.now() - t0;
  await afterTheLastTask();
  delay.disable();
  if (repository.cachedRows.size > 0 || store.keys().length !== articles) throw new Error('not every sidecar was loaded');
  repository.dispose();
  return { firstLevelMs, loadedMs, longestTaskMs: delay.max / 1e6, p99DelayMs: delay.percentile(99) / 1e6, fromCache, rowsMs };
}

/** The monitor records a blocked loop when its next timer fires late: that timer has to fire before it is read. */
function afterTheLastTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

/** One 1 MB article with 10,000 tags: its sidecar is one unit of work, however long, and this is how long. */
async function oneHugeSidecar(seed: number): Promise<number> {
  const dir = mkdtempSync(join(os.tmpdir(), 'newsmark-bench-huge-'));
  try {
    const text = generateArticle(seed, 1024 * 1024);
    const sha = articleHash(text);
    writeFileSync(join(dir, 'huge.txt'), text);
    writeFileSync(join(dir, 'huge.txt.tags.yaml'), SidecarFile.create('huge.txt', sha).serialize(makeTags(new Rng(seed), text, 10_000), sha));
    const longest: number[] = [];
    for (let i = 0; i < 3; i++) {
      const store = new TagStore();
      const repository = new SidecarRepository({ fs: new NodeFileSystem(), store });
      collectGarbage();
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      await repository.loadAll([dir]);
      await repository.idle();
      await afterTheLastTask();
      delay.disable();
      if (store.tags(join(dir, 'huge.txt')).length !== 10_000) throw new Error('the huge sidecar did not load');
      repository.dispose();
      longest.push(delay.max / 1e6);
    }
    return longest.sort((a, b) => a - b)[1]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows as Markdown lines (empty when NEWSMARK_BENCH_EDITOR=0). */
export async function editorLoadRows(seed: number): Promise<string[]> {
  const articles = Number(process.env['NEWSMARK_BENCH_EDITOR'] ?? 10_000);
  if (!Number.isInteger(articles) || articles <= 0) return [];
  const dir = corpusOnDisk(seed, articles);
  const storage = mkdtempSync(join(os.tmpdir(), 'newsmark-bench-storage-'));
  const load = os.loadavg()[0]?.toFixed(1);
  try {
    // Cold starts: the cache deleted before each (the last one's cache is what the warm starts read).
    const colds: Start[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(join(storage, WORKSPACE_CACHE_NAME), { force: true });
      colds.push(await start(dir, storage, articles));
    }
    if (colds.some((c) => c.fromCache !== 0)) throw new Error('a cold start found a cache');
    const warms: Start[] = [];
    for (let i = 0; i < RUNS; i++) warms.push(await start(dir, storage, articles));
    if (warms.some((w) => w.fromCache !== articles)) throw new Error(`a warm start listed ${Math.min(...warms.map((w) => w.fromCache))} of ${articles} articles from the cache`);
    const medianOf = (starts: Start[], pick: (s: Start) => number): number => starts.map(pick).sort((a, b) => a - b)[RUNS >> 1]!;
    const median = (pick: (s: Start) => number): number => medianOf(warms, pick);
    const cold = { firstLevelMs: medianOf(colds, (s) => s.firstLevelMs), loadedMs: medianOf(colds, (s) => s.loadedMs), longestTaskMs: medianOf(colds, (s) => s.longestTaskMs), p99DelayMs: medianOf(colds, (s) => s.p99DelayMs) };
    const huge = await oneHugeSidecar(seed);
    const n = articles.toLocaleString('en-US');
    const row = (what: string, ms: number, target?: number): string =>
      `| ${what} | ${ms < 100 ? ms.toFixed(1) : ms.toFixed(0)} | ${target === undefined ? '–' : `≤ ${target.toLocaleString('en-US')} ms`} | ${target === undefined ? '–' : ms <= target ? '✓' : '✗'} |`;
    return [
      '',
      `Editor start-up, ${n} articles × 50 tags on disk (NodeFileSystem), Node ${process.version}, load ${load} at start; medians of ${RUNS} cold and ${RUNS} warm starts`,
      '',
      '| Measured | ms | Target | Met |',
      '|---|--:|---|:-:|',
      row(`Tags view first level, cold (no cache: every sidecar parsed), ${n} articles`, cold.firstLevelMs, TARGET_COLD_MS),
      row('Tags view first level, warm (from the workspace cache)', median((s) => s.firstLevelMs), TARGET_WARM_MS),
      row('every sidecar loaded, cold (cache written)', cold.loadedMs),
      row('every sidecar loaded, warm', median((s) => s.loadedMs)),
      row('longest single task on the thread, cold', cold.longestTaskMs, TARGET_TASK_MS),
      row('longest single task on the thread, warm', median((s) => s.longestTaskMs), TARGET_TASK_MS),
      row('event-loop delay at the 99th percentile, cold', cold.p99DelayMs),
      row('event-loop delay at the 99th percentile, warm', median((s) => s.p99DelayMs)),
      row(`the first level's rows and counts, once prepare() has tallied every article in slices (roots and ${n} counts: one task of the view)`, median((s) => s.rowsMs)),
      row('one 1 MB article × 10,000 tags: its load, one unavoidable task (median of 3)', huge),
      '',
      `Load ${os.loadavg()[0]?.toFixed(1)} at the end.`,
    ];
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
}

// Run on its own (npm run bench runs it so, in a process of its own: see bench.ts).
if (/editorLoad\.[jt]s$/.test(process.argv[1] ?? '')) void editorLoadRows(0x5eed2024).then((lines) => console.log(lines.join('\n')));
