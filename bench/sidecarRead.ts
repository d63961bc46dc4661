/**
 * Reading a corpus's sidecars and counting its articles' words, in one process with the files'
 * bytes in memory (issue 16, the parser side of a cold corpus command): js-yaml alone as the
 * floor the corpus commands are measured against, the js-yaml fast path as it was, the scanner
 * for Newsmark's own layout, and SidecarFile.parse as the readers call it; then the old word
 * counter (a Unicode regex) against the table-driven one. Each file is decoded just before it is
 * read, untimed, so the heap holds one file's text as in a corpus command, not the whole corpus
 * (whose strings made every full GC slow); the time is the sum over the files of each call.
 * The readers take turns, pass by pass, so that load changing on the shared machine and the
 * garbage one leaves for the next fall on all alike. Medians of RUNS passes over all files.
 *
 *   npx esbuild bench/sidecarRead.ts --bundle --platform=node --outfile=out/bench/sidecarRead.js
 *   NEWSMARK_BENCH_CORPUS=1000 node out/bench/sidecarRead.js
 *
 * Bundled, as `npm run bench` runs it: under tsx the scanner ran 2.5 times slower (tsx's loader
 * thread shares the process), which made these rows meaningless.
 *
 * NEWSMARK_BENCH_CORPUS as in corpusCommands.ts (default 10,000; 0 skips these rows); the corpus
 * on disk is the same one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { countWords } from '../src/core/review/stats';
import { SidecarFile, sidecarReadPaths } from '../src/core/sidecar';
import { scanSidecar } from '../src/core/sidecarScan';
import { loadQuickly } from '../src/core/sidecarSource';
import { readPlain } from '../src/core/sidecarValues';
import { corpusOnDisk } from './corpusCommands';

const RUNS = 5;

interface Pass {
  readonly ms: number;
  /** This process's CPU time in the same calls: what the wall time is when the 2 cores are not shared. */
  readonly cpuMs: number;
}

/** The rows as Markdown lines (empty when NEWSMARK_BENCH_CORPUS=0). */
export function sidecarReadRows(seed: number): string[] {
  const articles = Number(process.env['NEWSMARK_BENCH_CORPUS'] ?? 10_000);
  if (!Number.isInteger(articles) || articles <= 0) return [];
  const dir = corpusOnDisk(seed, articles);
  const names = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tags.yaml')).sort();
  const sidecars = names.map((f) => readFileSync(join(dir, f)));
  const articleFiles = names.map((f) => readFileSync(join(dir, f.slice(0, -'.tags.yaml'.length))));
  const load = os.loadavg()[0]?.toFixed(1);

  const before = { ...sidecarReadPaths };
  let tags = 0;
  for (const bytes of sidecars) {
    const parsed = SidecarFile.parse(bytes.toString('utf8'));
    tags += parsed.ok ? parsed.sidecar.tags.length : 0;
  }
  const scanned = sidecarReadPaths.scanned - before.scanned;
  let oldWords = 0;
  for (const bytes of articleFiles) {
    const text = bytes.toString('utf8');
    oldWords += countWordsByRegex(text);
    if (countWords(text) !== countWordsByRegex(text)) throw new Error('the word counters disagree');
  }

  const rows = medianPasses(sidecars, [
    ['js-yaml `load` alone (the floor of the corpus commands)', (text) => jsyaml.load(text)],
    ['js-yaml fast path as before the scanner (loadQuickly + readPlain)', (text) => readPlain(loadQuickly(text))],
    ['the scanner alone (scanSidecar)', scanSidecar],
    ['`SidecarFile.parse` (the scanner, then readPlain), as the readers call it', (text) => SidecarFile.parse(text)],
  ]);
  const floor = rows[0]![1];
  const [[, oldCount], [, newCount]] = medianPasses(articleFiles, [['regex', countWordsByRegex], ['table', countWords]]) as [[string, Pass], [string, Pass]];

  const perFile = (pass: Pass): string => ((pass.ms * 1000) / sidecars.length).toFixed(1);
  return [
    '',
    `Reading ${int(sidecars.length)} sidecars (${int(tags)} tags, ${(bytes(sidecars) / 1024 / 1024).toFixed(0)} MB) from memory, one process, Node ${process.version}, load ${load} at start; medians of ${RUNS} passes. The scanner read ${int(scanned)} of ${int(sidecars.length)} files.`,
    '',
    '| Measured | Median (ms) | µs per file | × js-yaml | CPU (ms) | CPU × js-yaml |',
    '|---|--:|--:|--:|--:|--:|',
    ...rows.map(([what, pass]) => `| ${what} | ${pass.ms.toFixed(0)} | ${perFile(pass)} | ${(pass.ms / floor.ms).toFixed(2)}× | ${pass.cpuMs.toFixed(0)} | ${(pass.cpuMs / floor.cpuMs).toFixed(2)}× |`),
    '',
    `Counting the words of ${int(articleFiles.length)} articles (${(bytes(articleFiles) / 1024 / 1024).toFixed(0)} MB, ${int(oldWords)} words):`,
    '',
    '| Counter | Median (ms) | × regex | CPU (ms) | CPU × regex |',
    '|---|--:|--:|--:|--:|',
    `| Unicode regex (before) | ${oldCount.ms.toFixed(0)} | 1.00× | ${oldCount.cpuMs.toFixed(0)} | 1.00× |`,
    `| code-unit table (countWords) | ${newCount.ms.toFixed(0)} | ${(newCount.ms / oldCount.ms).toFixed(2)}× | ${newCount.cpuMs.toFixed(0)} | ${(newCount.cpuMs / oldCount.cpuMs).toFixed(2)}× |`,
    '',
    `Load ${os.loadavg()[0]?.toFixed(1)} at the end.`,
  ];
}

/** The counter before the table: one regex match per word. */
function countWordsByRegex(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'\-.,][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** One warm-up pass of each reader, then RUNS rounds in which each takes a timed pass: each one's median. */
function medianPasses(files: readonly Buffer[], readers: readonly [string, (text: string) => unknown][]): [string, Pass][] {
  const pass = (read: (text: string) => unknown): Pass => {
    let ms = 0;
    let cpuMicros = 0;
    for (const bytes of files) {
      const text = bytes.toString('utf8');
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      read(text);
      ms += performance.now() - t0;
      const used = process.cpuUsage(cpu);
      cpuMicros += used.user + used.system;
    }
    return { ms, cpuMs: cpuMicros / 1000 };
  };
  for (const [, read] of readers) pass(read);
  const passes = readers.map((): Pass[] => []);
  for (let round = 0; round < RUNS; round++) readers.forEach(([, read], i) => passes[i]!.push(pass(read)));
  return readers.map(([what], i) => [what, passes[i]!.sort((a, b) => a.ms - b.ms)[RUNS >> 1]!]);
}

function bytes(files: readonly Buffer[]): number {
  return files.reduce((sum, file) => sum + file.length, 0);
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

if (/sidecarRead\.[jt]s$/.test(process.argv[1] ?? '')) console.log(sidecarReadRows(0x5eed2024).join('\n'));
