/**
 * Performance benchmark of the core: shifting tags through an edit, re-attaching them to a
 * changed article, and reading/writing the sidecar. Prints one Markdown table for the README.
 *
 *   npm run bench                 # the table
 *   npm run bench -- --details    # plus re-attach stages and sub-step timings, for diagnosis
 *   npm run bench -- --runs 9     # runs per row (default 7, at least 5)
 *
 * Data are generated from a fixed seed; generation is not timed. Always exits 0.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fold, foldString } from '../src/core/anchor/normalize';
import { reattach } from '../src/core/anchor/reattach';
import { articleHash } from '../src/core/articleFile';
import { shiftTags } from '../src/core/edits';
import { SidecarFile } from '../src/core/sidecar';
import { ArticleText } from '../src/core/tag';
import { generateArticle, randomWords } from './article';
import { editedArticle, initialTruth, makeTags, quietMiddle, redownload, score, type Counts, type Truth } from './mutate';
import { EXPORTERS } from '../src/core/export/formats';
import { placeImported } from '../src/core/export/place';
import { w3cExporter, w3cImporter } from '../src/core/export/w3c';
import { suggestTags } from '../src/core/suggest';
import { expandArticle, exportArticles, generateCorpus, openCorpus } from './corpus';
import { Rng } from './prng';
import { clusterQuotes } from '../src/core/quotes/cluster';
import { quoteCorpus } from './quotes';
import { compareArticles, pairSets } from '../src/core/agreement';
import { agreementSets } from './agreement';
import { buildLedger, countMismatches } from '../src/core/figures/ledger';
import { figureCorpus } from './figures';
import { sidecarSaveRows } from './sidecarSave';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SEED = 0x5eed2024;
const TAG_COUNT = 10_000;
const MIN_BYTES = 1024 * 1024;
const CORPUS_ARTICLES = 1000;
const CORPUS_TAGS = 50;

const args = process.argv.slice(2);
const DETAILS = args.includes('--details');
const runsArg = Number(args[args.indexOf('--runs') + 1]);
const RUNS = args.includes('--runs') && Number.isInteger(runsArg) && runsArg >= 5 ? runsArg : 15;

interface Timing<T> {
  readonly ms: number;
  readonly runs: number;
  readonly result: T;
}

/** Warm-up, then `runs` timed calls; the median. */
function measure<T>(runs: number, fn: () => T, warmups = 1): Timing<T> {
  let result = fn();
  for (let i = 1; i < warmups; i++) result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const ms = times.length % 2 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
  return { ms, runs, result };
}

interface Row {
  readonly what: string;
  readonly timing: Timing<unknown>;
  readonly counts?: Counts;
  readonly target?: string;
  /** Why the row missed its target; empty when met. */
  readonly misses: string[];
}

const rows: Row[] = [];
const details: string[] = [];

function timeRow(what: string, timing: Timing<unknown>, targetMs?: number, counts?: Counts, strict = false): void {
  const misses: string[] = [];
  if (targetMs !== undefined && timing.ms >= targetMs) misses.push(`${fmt(timing.ms)} ms ≥ ${targetMs} ms`);
  if (counts && counts.wrong > 0) misses.push(`${counts.wrong} wrong`);
  if (counts && strict && counts.orphaned > 0) misses.push(`${counts.orphaned} orphaned`);
  if (counts && strict && counts.fuzzy > 0) misses.push(`${counts.fuzzy} fuzzy`);
  let target: string | undefined;
  if (targetMs !== undefined) target = `< ${targetMs} ms${counts ? (strict ? ', none fuzzy/orphaned/wrong' : ', 0 wrong') : ''}`;
  rows.push({ what, timing, counts, target, misses });
  if (counts && DETAILS && Object.keys(counts.stages).length > 0) {
    details.push(`- ${what}: stages ${JSON.stringify(counts.stages)}; edited tags placed as ${JSON.stringify(counts.editedAs)}`);
  }
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

// ---- data (not timed) -------------------------------------------------------------------------

const genStart = performance.now();
const rng = new Rng(SEED);
const text = generateArticle(SEED, MIN_BYTES);
const cps = Array.from(text);
const article = new ArticleText(text);
const bytes = Buffer.byteLength(text, 'utf8');
const tags = makeTags(rng, text, TAG_COUNT);
const sha = articleHash(text);
const edited10 = editedArticle(new Rng(SEED + 10), text, tags, 10);
const edited100 = editedArticle(new Rng(SEED + 100), text, tags, 100);
const fresh = redownload(new Rng(SEED + 5), text, tags);
const generationMs = performance.now() - genStart;


// ---- 1. shift through one insertion -----------------------------------------------------------

{
  const at = quietMiddle(cps, tags);
  const insertedText = randomWords(new Rng(SEED + 1), 3).join(' ') + ' ';
  const change = { start: at, deleted: 0, insertedText };
  const truths = initialTruth(tags);
  const added = Array.from(insertedText).length;
  for (const t of truths) {
    if (t.start < at) continue;
    t.start += added;
    t.end += added;
  }
  const timing = measure(Math.max(RUNS, 51), () => shiftTags(tags, change), 5);
  const counts: Counts = { exact: 0, fuzzy: 0, orphaned: 0, wrong: 0, edited: 0, editedAs: {}, stages: {} };
  timing.result.tags.forEach((t, i) => {
    const truth = truths[i] as Truth;
    if (t.start === truth.start && t.end === truth.end) counts.exact++;
    else counts.wrong++;
  });
  timeRow('shift, one edit', timing, 1, counts);
}

// ---- 2–5. re-attach ---------------------------------------------------------------------------

{
  const timing = measure(RUNS, () => reattach(text, sha, tags));
  timeRow('re-attach, unchanged', timing, 50, score(timing.result, tags, initialTruth(tags)));
}
{
  const timing = measure(RUNS, () => reattach(edited10.text, sha, tags));
  timeRow('re-attach after 10 random edits', timing, 30, score(timing.result, tags, edited10.truths));
}
{
  const timing = measure(RUNS, () => reattach(edited100.text, sha, tags));
  timeRow('re-attach after 100 scattered edits', timing, 300, score(timing.result, tags, edited100.truths));
}
{
  const timing = measure(RUNS, () => reattach(fresh.text, sha, tags));
  timeRow('re-attach after a re-download (typography)', timing, 30, score(timing.result, tags, fresh.truths), true);
}

// ---- 5b. rule-based suggestions over the 1 MB article ----------------------------------------------
{
  const timing = measure(Math.min(RUNS, 7), () => suggestTags(text), 1);
  timeRow(`suggest tags over the 1 MB article (${int(timing.result.length)} suggestions)`, timing, 200);
}

// ---- 6–7. the sidecar as YAML -----------------------------------------------------------------

const yamlText = SidecarFile.create('article.txt', sha).serialize(tags, sha);
{
  const timing = measure(Math.min(RUNS, 5), () => SidecarFile.parse(yamlText));
  if (!timing.result.ok || timing.result.sidecar.tags.length !== TAG_COUNT) throw new Error('the sidecar did not parse back');
  timeRow('YAML parse of the sidecar (for comparison)', timing);
  const parsed = timing.result.sidecar;
  timeRow('YAML serialize of the sidecar (new file)', measure(Math.min(RUNS, 5), () => SidecarFile.create('article.txt', sha).serialize(tags, sha)));
  timeRow('YAML serialize of the sidecar (re-save of a parsed one)', measure(Math.min(RUNS, 5), () => parsed.serializeWhole(tags, sha)));
  sidecarSaveRows(yamlText, sha, measure, timeRow, RUNS);
}

// ---- 8–9. a review workspace: 1,000 articles × 50 tags ----------------------------------------

{
  const corpus = generateCorpus(SEED + 1000, CORPUS_ARTICLES, CORPUS_TAGS);
  const opened = measure(3, () => openCorpus(corpus), 1);
  if (opened.result.firstLevel !== CORPUS_ARTICLES + 1) throw new Error(`first level has ${opened.result.firstLevel} rows`);
  timeRow(`Tags view on ${int(CORPUS_ARTICLES)} articles × ${CORPUS_TAGS} tags: first level (parse, hash check, store, rows)`, opened, 3000);
  const { model } = opened.result;
  const keys = corpus.map((f) => f.key);
  let k = 0;
  const expand = measure(Math.max(RUNS, 51), () => expandArticle(model, keys[k++ % keys.length] as string), 5);
  if (expand.result !== CORPUS_TAGS) throw new Error(`an expanded article shows ${expand.result} rows`);
  timeRow('Tags view: expanding one article (categories and tag rows)', expand, 16);

  // ---- 10. exporting the same workspace to every format ----------------------------------------
  const articles = exportArticles(corpus, opened.result.store);
  for (const exporter of EXPORTERS) {
    const timing = measure(3, () => exporter.export(articles, { includeOrphans: false, bom: false }), 1);
    timeRow(`export ${int(CORPUS_ARTICLES)} articles × ${CORPUS_TAGS} tags: ${exporter.id}`, timing, 5000);
  }
}

// ---- 11–12. one article with very many tags: the HTML report, and W3C import ------------------
// Both were quadratic in the tags (40k tags: 10 s for the report; 20k annotations: 144 s to import).

{
  const many = makeTags(new Rng(SEED + 40), text, 40_000);
  const one = [{ name: 'article.txt', uri: 'file:///corpus/article.txt', text, tags: many }];
  const html = EXPORTERS.find((e) => e.id === 'html')!;
  const timing = measure(Math.min(RUNS, 5), () => html.export(one, { includeOrphans: false, bom: false }), 1);
  timeRow(`HTML export, 1 article × ${many.length / 1000}k tags`, timing, 2000);
}
{
  const many = makeTags(new Rng(SEED + 100), text, 100_000);
  const [file] = w3cExporter.export([{ name: 'article.txt', uri: 'file:///corpus/article.txt', text, tags: many }], { includeOrphans: false, bom: false }).files;
  const files = new Map([['annotations.jsonld', file!.content]]);
  const articleText = (name: string): string | undefined => (name === 'article.txt' ? text : undefined);
  const timing = measure(Math.min(RUNS, 5), () => {
    const read = w3cImporter.read(files, articleText);
    return placeImported(read.spans, { articleText, existingTags: () => [], labelMap: new Map() });
  }, 1);
  if (timing.result.counts.exact !== many.length) throw new Error(`W3C import placed ${timing.result.counts.exact} of ${many.length} exactly`);
  // Reading the JSON-LD and placing every span in the article; no file I/O, no YAML.
  timeRow(`W3C import, ${many.length / 1000}k annotations`, timing, 5000);
}

// ---- 13. quotes aligned across a workspace: 1,000 and 10,000 articles × 50 tags ----------------
// Half the tags are claims and denials on template quotes, so wordings recur across articles.

for (const [count, target] of [[1000, 2000], [10_000, 20_000]] as const) {
  const corpus = quoteCorpus(SEED + 13, count, CORPUS_TAGS);
  const timing = measure(count > 1000 ? 1 : 3, () => clusterQuotes(corpus), 1);
  const members = timing.result.reduce((n, c) => n + c.members.length, 0);
  if (members < count * 10) throw new Error(`only ${members} quotes were clustered`);
  timeRow(`quote clusters, ${int(count)} articles × ${CORPUS_TAGS} tags (${int(members)} quotes in ${timing.result.length} clusters)`, timing, target);
}

// ---- 14. agreement of two coders: 1,000 articles × 50 tags each ----------------------------------
// Pairing the sets (hash check per article) and every figure: F1s, κ, α_U, the diagnosis list.

{
  const sets = agreementSets(SEED + 14, CORPUS_ARTICLES, CORPUS_TAGS);
  const timing = measure(3, () => compareArticles(pairSets(sets.a, sets.b).pairs), 1);
  const report = timing.result;
  if (report.articles.length !== CORPUS_ARTICLES || report.overall.alpha === null || report.disagreements.length === 0) throw new Error('the agreement report is incomplete');
  timeRow(`agreement, ${int(CORPUS_ARTICLES)} articles × ${CORPUS_TAGS} tags per coder (${int(report.disagreements.length)} disagreements, α ${report.overall.alpha.toFixed(2)})`, timing, 2000);
}

// ---- 15. the figure ledger over a workspace: 1,000 and 10,000 articles × 50 tags ---------------
// Half the tags are figures in news sentences (tolls by source and date, some with typos, hedges
// or ranges), so the ledger has real groups, mismatches and divergences to find.

for (const [count, target] of [[1000, 2000], [10_000, 20_000]] as const) {
  const corpus = figureCorpus(SEED + 15, count, CORPUS_TAGS);
  const timing = measure(count > 1000 ? 1 : 3, () => buildLedger(corpus), 1);
  const ledger = timing.result;
  const figures = ledger.things.reduce((n, t) => n + t.figures.length, 0);
  const groups = ledger.things.reduce((n, t) => n + t.groups.length, 0);
  const divergent = ledger.things.reduce((n, t) => n + t.groups.filter((g) => g.kind === 'divergent').length, 0);
  const mismatches = countMismatches(ledger);
  if (figures < count * 20) throw new Error(`only ${figures} figures were read`);
  if (mismatches === 0 || divergent === 0) throw new Error(`the ledger found ${mismatches} mismatches and ${divergent} divergent groups`);
  timeRow(`figure ledger, ${int(count)} articles × ${CORPUS_TAGS} tags (${int(figures)} figures in ${groups} groups: ${mismatches} mismatches, ${divergent} divergent)`, timing, target);
}

// ---- sub-steps, for diagnosis -----------------------------------------------------------------

if (DETAILS) {
  const sub = (what: string, fn: () => unknown): void => {
    details.push(`- sub-step ${what}: ${fmt(measure(RUNS, fn).ms)} ms`);
  };
  sub('articleHash(1 MB)', () => articleHash(fresh.text));
  sub('new ArticleText(1 MB)', () => new ArticleText(fresh.text));
  sub('fold(1 MB)', () => fold(fresh.text));
  sub(`foldString × ${int(3 * TAG_COUNT)} (text, prefix, suffix of every tag)`, () => {
    for (const t of tags) {
      foldString(t.text);
      foldString(t.prefix);
      foldString(t.suffix);
    }
  });
  sub(`article.contextOf × ${int(TAG_COUNT)}`, () => {
    for (const t of tags) article.contextOf(t.start, t.end);
  });
  details.push(`- edits: 10-edit article touched ${edited10.truths.filter((t) => t.edited).length} tags, 100-edit article ${edited100.truths.filter((t) => t.edited).length}; re-download made ${int(fresh.changes)} typographic changes`);
  details.push(`- sidecar YAML: ${int(Buffer.byteLength(yamlText))} bytes; generation took ${fmt(generationMs)} ms (not timed)`);
}

/** bench/editorLoad.ts, bundled beside this file, run in a new Node process; its table. */
function editorStartRows(): string {
  const run = spawnSync(process.execPath, [join(__dirname, 'editorLoad.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (run.status !== 0) return `\nThe editor start-up rows failed (exit ${run.status ?? run.signal}).`;
  return run.stdout.trimEnd();
}

// ---- output -----------------------------------------------------------------------------------

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `Node ${process.version}, ${cpu}, ${os.cpus().length} cores (load ${os.loadavg()[0]?.toFixed(1)}) · article: ${int(article.length)} code points ` +
    `(${(bytes / 1024 / 1024).toFixed(2)} MB UTF-8), ${int(TAG_COUNT)} tags of ~40 code points, seed ${SEED}`,
);
console.log('');
console.log('| Measured | N | Median (ms) | Exact | Fuzzy | Orphaned | Wrong | Edited (excl.) | Target | Met |');
console.log('|---|--:|--:|--:|--:|--:|--:|--:|---|:-:|');
for (const r of rows) {
  const c = r.counts;
  const cell = (n: number | undefined): string => (n === undefined ? '–' : int(n));
  const editedCell = c && r.what.startsWith('re-attach') ? int(c.edited) : '–';
  const met = r.target === undefined ? '–' : r.misses.length === 0 ? '✓' : '✗';
  console.log(`| ${r.what} | ${r.timing.runs} | ${fmt(r.timing.ms)} | ${cell(c?.exact)} | ${cell(c?.fuzzy)} | ${cell(c?.orphaned)} | ${cell(c?.wrong)} | ${editedCell} | ${r.target ?? '–'} | ${met} |`);
}
console.log('');
for (const r of rows) if (r.misses.length > 0) console.log(`TARGET MISSED: ${r.what}: ${r.misses.join('; ')}`);
if (details.length > 0) console.log(['', 'Details:', ...details].join('\n'));
console.log((require('./corpusCommands') as typeof import('./corpusCommands')).corpusCommandRows(SEED).join('\n')); // issue 16: the CLI on a corpus on disk (NEWSMARK_BENCH_CORPUS=0 skips)
console.log((require('./sidecarRead') as typeof import('./sidecarRead')).sidecarReadRows(SEED).join('\n')); // issue 16: parsing the corpus's sidecars and counting its words, in memory (NEWSMARK_BENCH_CORPUS=0 skips)
console.log((require('./ingest') as typeof import('./ingest')).ingestRows(SEED).join('\n')); // issue 18: saved web pages ingested (NEWSMARK_BENCH_PAGES=0 skips)
// Issue 16: the editor's start-up on a workspace on disk (NEWSMARK_BENCH_EDITOR=0 skips), in a
// process of its own as an extension host is: in this one, the rows above leave hundreds of MB
// alive (the quote and figure corpora), and every collection during the load would have to walk them.
console.log(editorStartRows());
process.exitCode = 0;
