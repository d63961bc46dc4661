/**
 * Reading a corpus's sidecars and counting its articles' words, in one process with the files
 * already in memory (issue 16, the parser side of a cold corpus command): js-yaml alone as the
 * floor the corpus commands are measured against, the js-yaml fast path as it was, the scanner
 * for Newsmark's own layout, and SidecarFile.parse as the readers call it; then the old word
 * counter (a Unicode regex) against the table-driven one. Medians of RUNS passes over all files.
 *
 *   NEWSMARK_BENCH_CORPUS=1000 npx tsx bench/sidecarRead.ts
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
  readonly cpuMs: number;
}

/** The rows as Markdown lines (empty when NEWSMARK_BENCH_CORPUS=0). */
export function sidecarReadRows(seed: number): string[] {
  const articles = Number(process.env['NEWSMARK_BENCH_CORPUS'] ?? 10_000);
  if (!Number.isInteger(articles) || articles <= 0) return [];
  const dir = corpusOnDisk(seed, articles);
  const names = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tags.yaml')).sort();
  const sidecars = names.map((f) => readFileSync(join(dir, f), 'utf8'));
  const texts = names.map((f) => readFileSync(join(dir, f.slice(0, -'.tags.yaml'.length)), 'utf8'));
  const load = os.loadavg()[0]?.toFixed(1);

  const before = { ...sidecarReadPaths };
  const parsed = sidecars.map((text) => SidecarFile.parse(text));
  const scanned = sidecarReadPaths.scanned - before.scanned;
  const tags = parsed.reduce((sum, p) => sum + (p.ok ? p.sidecar.tags.length : 0), 0);
  const oldWords = texts.reduce((sum, text) => sum + countWordsByRegex(text), 0);
  if (countAll(texts, countWords) !== oldWords) throw new Error('the word counters disagree');

  const floor = medianPass(() => sidecars.forEach((text) => jsyaml.load(text)));
  const rows: [string, Pass][] = [
    ['js-yaml `load` alone (the floor of the corpus commands)', floor],
    ['js-yaml fast path as before the scanner (loadQuickly + readPlain)', medianPass(() => sidecars.forEach((text) => readPlain(loadQuickly(text))))],
    ['the scanner alone (scanSidecar)', medianPass(() => sidecars.forEach((text) => scanSidecar(text)))],
    ['the scanner + readPlain', medianPass(() => sidecars.forEach((text) => readPlain(scanSidecar(text))))],
    ['`SidecarFile.parse`, as the readers call it', medianPass(() => sidecars.forEach((text) => SidecarFile.parse(text)))],
  ];
  const oldCount = medianPass(() => countAll(texts, countWordsByRegex));
  const newCount = medianPass(() => countAll(texts, countWords));

  const perFile = (pass: Pass): string => ((pass.ms * 1000) / sidecars.length).toFixed(1);
  return [
    '',
    `Reading ${int(sidecars.length)} sidecars (${int(tags)} tags, ${(bytes(sidecars) / 1024 / 1024).toFixed(0)} MB) from memory, one process, Node ${process.version}, load ${load} at start; medians of ${RUNS} passes. The scanner read ${int(scanned)} of ${int(sidecars.length)} files.`,
    '',
    '| Measured | Median (ms) | µs per file | × js-yaml | CPU (ms) |',
    '|---|--:|--:|--:|--:|',
    ...rows.map(([what, pass]) => `| ${what} | ${pass.ms.toFixed(0)} | ${perFile(pass)} | ${(pass.ms / floor.ms).toFixed(2)}× | ${pass.cpuMs.toFixed(0)} |`),
    '',
    `Counting the words of ${int(texts.length)} articles (${(bytes(texts) / 1024 / 1024).toFixed(0)} MB, ${int(oldWords)} words):`,
    '',
    '| Counter | Median (ms) | × regex | CPU (ms) |',
    '|---|--:|--:|--:|',
    `| Unicode regex (before) | ${oldCount.ms.toFixed(0)} | 1.00× | ${oldCount.cpuMs.toFixed(0)} |`,
    `| code-unit table (countWords) | ${newCount.ms.toFixed(0)} | ${(newCount.ms / oldCount.ms).toFixed(2)}× | ${newCount.cpuMs.toFixed(0)} |`,
    '',
    `Load ${os.loadavg()[0]?.toFixed(1)} at the end.`,
  ];
}

/** The counter before the table: one regex match per word. */
function countWordsByRegex(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'\-.,][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

function countAll(texts: readonly string[], count: (text: string) => number): number {
  let words = 0;
  for (const text of texts) words += count(text);
  return words;
}

/** One warm-up pass, then RUNS timed ones: the median by wall time, with its CPU time. */
function medianPass(pass: () => void): Pass {
  pass();
  const passes: Pass[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    pass();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    passes.push({ ms, cpuMs: (used.user + used.system) / 1000 });
  }
  return passes.sort((a, b) => a.ms - b.ms)[RUNS >> 1]!;
}

function bytes(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

if (process.argv[1]?.endsWith('sidecarRead.ts')) console.log(sidecarReadRows(0x5eed2024).join('\n'));
