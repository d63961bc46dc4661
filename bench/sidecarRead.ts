/**
 * Reading a corpus's sidecars and counting its articles' words, in one process with the files'
 * bytes in memory (issue 16, the parser side of a cold corpus command): js-yaml alone as the
 * floor the corpus commands are measured against, the js-yaml fast path as it was, the scanner
 * for Newsmark's own layout, and SidecarFile.parse as the readers call it; then the old word
 * counter (a Unicode regex) against the table-driven one. Each file is decoded just before it is
 * read, untimed, so the heap holds one file's text as in a corpus command, not the whole corpus
 * (whose strings made every full GC slow); the time is the sum over the files of each call.
 * Medians of RUNS passes over all files.
 *
 *   NEWSMARK_BENCH_CORPUS=1000 npx tsx bench/sidecarRead.ts
 *
 * NEWSMARK_BENCH_CORPUS as in corpusCommands.ts (default 10,000; 0 skips these rows); the corpus
 * on disk is the same one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import jsyaml from 'js-yaml';
import { countWords } from '../src/core/review/stats';
import { SidecarFile, sidecarReadPaths } from '../src/core/sidecar';
import { scanSidecar } from '../src/core/sidecarScan';
import { loadQuickly } from '../src/core/sidecarSource';
import { readPlain } from '../src/core/sidecarValues';
import { corpusOnDisk } from './corpusCommands';

const RUNS = 5;
/**
 * A full GC before each pass, untimed: otherwise a pass pays for the garbage of the one before
 * (the js-yaml rows leave most), and the GC threads' CPU lands in its calls.
 */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

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

  const floor = medianPass(sidecars, (text) => jsyaml.load(text));
  const rows: [string, Pass][] = [
    ['js-yaml `load` alone (the floor of the corpus commands)', floor],
    ['js-yaml fast path as before the scanner (loadQuickly + readPlain)', medianPass(sidecars, (text) => readPlain(loadQuickly(text)))],
    ['the scanner alone (scanSidecar)', medianPass(sidecars, scanSidecar)],
    ['`SidecarFile.parse` (the scanner, then readPlain), as the readers call it', medianPass(sidecars, (text) => SidecarFile.parse(text))],
  ];
  const oldCount = medianPass(articleFiles, countWordsByRegex);
  const newCount = medianPass(articleFiles, countWords);

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

/** One warm-up pass, then RUNS timed ones: the median of the summed time of `read` on each file. */
function medianPass(files: readonly Buffer[], read: (text: string) => unknown): Pass {
  const pass = (): Pass => {
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
  pass();
  const passes = Array.from({ length: RUNS }, () => {
    collectGarbage();
    return pass();
  }).sort((a, b) => a.ms - b.ms);
  return passes[RUNS >> 1]!;
}

function bytes(files: readonly Buffer[]): number {
  return files.reduce((sum, file) => sum + file.length, 0);
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

if (process.argv[1]?.endsWith('sidecarRead.ts')) console.log(sidecarReadRows(0x5eed2024).join('\n'));
