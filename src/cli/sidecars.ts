import * as l10n from '@vscode/l10n';
import { basename, resolve } from 'node:path';
import { decodeArticle } from '../core/articleFile';
import { SidecarFile } from '../core/sidecar';
import { fromNativePath, NodeFileSystem } from '../core/fs/nodeFileSystem';
import { SidecarRepository } from '../core/storage/sidecarRepository';
import { sidecarTarget } from '../core/storage/sidecarTarget';
import type { SidecarUpdate, UpdateResult } from '../core/sidecarUpdate';
import { TagStore } from '../core/tagStore';
import { toLf } from '../core/textIndex';
import { describeError, readRegularFileTransient } from './inputFile';
import type { CachedCheck, EntryCounts, FileStamp, SidecarContent } from '../core/cache/entry';
import { entryFrom, factsFromEntry, factsFromSome, factsFromTexts, withCheck, type FactName, type PairFacts as CoreFacts } from '../core/cache/facts';
import type { CachedSidecar, ParseCache } from '../core/cache/parseCache';
import type { Verdict } from '../core/cache/directory';
import { forgetCached } from './cache';
import { ParsePool } from './parsePool';
import { articlePathOf, CorpusListing, isNormalPath, takeStamps, type Taken } from './corpusFiles';

/** A readable pair without its tags or article text (stats, validate): a warm cache answers it alone. */
export interface PairSummary {
  readonly sidecarPath: string;
  readonly articlePath: string;
  /** The sidecar's fields other than its tags (article, sha256, details, rejected). */
  readonly header: Omit<SidecarContent, 'tags'>;
  /** The loader's problems with the file, one line each, ready to print. */
  readonly invalid: string[];
  readonly facts: CoreFacts;
}

/** A readable pair with its tags and the article's text. */
export interface ReadablePair extends PairSummary {
  readonly sidecar: SidecarContent;
  readonly articleLf: string;
}

/** What `stats` reads of a pair: its counts and outlet, and the loader's problems. */
export type CountedPair = Omit<PairSummary, 'header'>;

type Failed = { ok: false; sidecarPath: string; articlePath: string; problems: string[] };
export type LoadedPair = ({ ok: true } & ReadablePair) | Failed;
export type LoadedSummary = ({ ok: true } & PairSummary) | Failed;

/**
 * What a reading command wants: the tags and the article's text, only what the cache alone can
 * answer, or that and the re-attached tags (`check`), which a cache entry keeps once worked out.
 */
type Reading = 'text' | 'summary' | 'check';

/** Reads a sidecar and the article beside it, with messages that say what is wrong and where. */
export async function loadPair(sidecarPath: string, cache?: ParseCache): Promise<LoadedPair> {
  return (await load(sidecarPath, cache, 'text')) as LoadedPair;
}

/**
 * What the cache says of a pair without reading its entry (see Verdict), when both files are as
 * they were when it was made: a warm `validate` or `check` prints a pair with nothing wrong from
 * it alone. Undefined otherwise (and at once when the cache is empty: no stats for nothing).
 */
export function cachedVerdict(sidecarPath: string, cache: ParseCache, listed?: Taken): { verdict: Verdict | undefined; taken: Taken | undefined } {
  if (cache.size === 0) return { verdict: undefined, taken: listed };
  // The stamps go back with the verdict: a pair it does not settle is read with them, not stat'ed again.
  const taken = listed ?? takeStamps(sidecarPath, articlePathOf(sidecarPath));
  return { verdict: taken.stamps && cache.verdict(cacheKeyOf(sidecarPath), taken.stamps.sidecar, taken.stamps.article), taken };
}

/**
 * `needs`: the facts the command reads, all a parse worker need work out when nothing is cached.
 * `taken`: the stamps, when the caller has already taken them.
 */
async function load(sidecarPath: string, cache: ParseCache | undefined, reading: Reading, allChecked = true, needs?: readonly FactName[], taken?: Taken): Promise<LoadedSummary> {
  if (!cache) return parse(sidecarPath, reading, undefined, false, needs, allChecked);
  const key = cacheKeyOf(sidecarPath);
  const articlePath = articlePathOf(sidecarPath);
  const { stamps, readAt } = taken ?? takeStamps(sidecarPath, articlePath);
  const cached = stamps && cache.get(key, stamps.sidecar, stamps.article);
  const check = cached && reading === 'check' ? cached.check(allChecked) : undefined;
  if (cached && (reading !== 'check' || check)) {
    const pair = pairFromEntry(sidecarPath, articlePath, cached, reading === 'check' ? 'summary' : reading, check);
    if (pair) return pair;
  }
  if (cached && reading === 'check') {
    // An entry made by another command: the pair from it, checked now, and the entry kept with the check.
    const pair = pairFromEntry(sidecarPath, articlePath, cached, 'text') as LoadedPair | undefined;
    if (pair?.ok) {
      const facts = withCheck(pair.facts, pair.articleLf, pair.sidecar);
      cache.put(key, { ...cached.entry, check: facts.check()! }, pair.sidecar.tags, readAt);
      return { ...pair, facts };
    }
  }
  const pair = await parse(sidecarPath, reading, stamps, true);
  if (pair.ok && reading === 'check') pair.facts.check();
  const tags = pair.ok ? pair.sidecar?.tags ?? pair.storedTags : undefined;
  if (!pair.ok || !stamps || tags === undefined) cache.forget(key);
  else cache.put(key, entryFrom(pair.facts, pair.header, stamps.sidecar, stamps.article), tags, readAt);
  return pair;
}

/** The pool of the command running, started on first use: a warm run that finds every pair in the cache starts no worker. */
let pool: { get(): ParsePool | undefined } | undefined;

/**
 * A command's reading of its sidecars: `load` over each, up to a read-ahead window at once, each
 * result handed to `each` in the sidecars' order. With a pool of parse workers when the corpus
 * is large enough for them to pay (ParsePool.forCorpus); without, each pair is parsed here.
 * `light`: the command takes only what a cache entry holds (no tags, no text), so a worker's
 * answer is small and the main thread has little to do but hand out paths and add up.
 */
export async function readInOrder<R>(sidecars: readonly string[], { cache, light }: { cache: ParseCache | undefined; light: boolean }, load: (sidecarPath: string) => Promise<R>, each: (result: R, sidecarPath: string) => void | Promise<void>): Promise<void> {
  const readAhead = light ? lightReadAhead(cache) : READ_AHEAD;
  if (pool) return inOrder(sidecars, load, each, readAhead);
  let started: { pool: ParsePool | undefined } | undefined;
  pool = { get: () => (started ??= { pool: ParsePool.forCorpus(sidecars.length, light) }).pool };
  try {
    return await inOrder(sidecars, load, each, readAhead);
  } finally {
    pool = undefined;
    // Not waited for: a worker takes ~60 ms to stop (its heap torn down), time the command goes
    // on printing in (a cold `stats --json` prints its outlets after the last pair), on the core
    // the workers leave idle.
    void started?.pool?.close();
  }
}

/**
 * A pair read and parsed, on a worker when there is a pool: the same pair either way. From a
 * worker, the tags come back only when the command uses them (`sidecar`), or as the cache
 * stores them (`storedTags`) when they are only to be kept there; the main thread's own parse has both at hand.
 */
type Parsed = Failed | ({ ok: true } & PairSummary & { readonly sidecar?: SidecarContent; readonly storedTags?: string; readonly articleLf?: string });

async function parse(sidecarPath: string, reading: Reading, stamps?: { sidecar: FileStamp; article: FileStamp }, forCache = false, needs?: readonly FactName[], allChecked = true): Promise<Parsed> {
  const workers = pool?.get();
  if (!workers) return readPair(sidecarPath);
  const tags = reading === 'text' ? 'objects' : forCache ? 'stored' : 'none';
  const only = !forCache && reading !== 'text' && needs ? { facts: needs, ...(allChecked ? {} : { notableOnly: true }) } : {};
  const reply = await workers.read({ sidecarPath, withText: reading === 'text', withCheck: reading === 'check', tags, ...only, ...(stamps ? { stamps } : {}) });
  if (!reply) return readPair(sidecarPath);
  const articlePath = articlePathOf(sidecarPath);
  if (!reply.ok) return { ok: false, sidecarPath, articlePath, problems: reply.problems };
  const facts = 'entry' in reply.facts ? factsFromEntry(reply.facts.entry) : factsFromSome(reply.facts.some);
  const pair = {
    ok: true as const, sidecarPath, articlePath, header: reply.header, invalid: problemLines(sidecarPath, facts), facts,
    ...(reply.tags ? { sidecar: { ...reply.header, tags: reply.tags } } : {}),
    ...(reply.storedTags !== undefined ? { storedTags: reply.storedTags } : {}),
  };
  return reply.articleLf === undefined ? pair : { ...pair, articleLf: reply.articleLf };
}

export function readPair(sidecarPath: string): Promise<LoadedPair> {
  return Promise.resolve(readPairSync(sidecarPath));
}

function readPairSync(sidecarPath: string): LoadedPair {
  const articlePath = articlePathOf(sidecarPath);
  const fail = (...problems: string[]): LoadedPair => ({ ok: false, sidecarPath, articlePath, problems });
  // Read and decoded with nothing run in between: the bytes are the shared buffer's (readRegularFileTransient).
  const read = readRegularFileTransient(sidecarPath);
  if (!read.ok) return fail(`${sidecarPath}: ${read.missing ? l10n.t('no such sidecar.') : read.reason}`);
  const decoded = decodeArticle(read.bytes, basename(sidecarPath));
  if (!decoded.ok) return fail(`${sidecarPath}: ${decoded.reason}`);
  const parsed = SidecarFile.parse(decoded.text);
  if (!parsed.ok) return fail(...parsed.problems.map((p) => `${sidecarPath}:${p.line}:${p.column}: ${p.message}`));
  const articleLf = readArticle(articlePath, sidecarPath);
  if (typeof articleLf !== 'string') return fail(articleLf.problem);
  const facts = factsFromTexts(parsed.sidecar, articleLf, basename(articlePath));
  return { ok: true, sidecarPath, articlePath, header: parsed.sidecar, sidecar: parsed.sidecar, articleLf, invalid: problemLines(sidecarPath, facts), facts };
}

function readArticle(articlePath: string, sidecarPath: string): string | { problem: string } {
  // Read and decoded with nothing run in between, as above.
  const articleRead = readRegularFileTransient(articlePath);
  if (!articleRead.ok && articleRead.missing) return { problem: l10n.t('{0}: the article {1} is missing beside it; the sidecar is left as it is.', sidecarPath, basename(articlePath)) };
  if (!articleRead.ok) return { problem: `${articlePath}: ${articleRead.reason}` };
  const article = decodeArticle(articleRead.bytes, basename(articlePath));
  if (!article.ok) return { problem: `${articlePath}: ${article.reason}` };
  return toLf(article.text);
}

/**
 * A pair from its cache entry; undefined when its stored tags are damaged or the article, needed
 * and read now, fails (the full read then says why).
 */
function pairFromEntry(sidecarPath: string, articlePath: string, cached: CachedSidecar, reading: Reading, check?: CachedCheck): LoadedSummary | LoadedPair | undefined {
  const facts = factsFromEntry(cached.entry, check);
  const summary = { ok: true as const, sidecarPath, articlePath, header: cached.entry.header, invalid: problemLines(sidecarPath, facts), facts };
  if (reading === 'summary') return summary;
  const tags = cached.tags();
  if (!tags) return undefined;
  const pair = { ...summary, sidecar: { ...cached.entry.header, tags } };
  const articleLf = readArticle(articlePath, sidecarPath);
  return typeof articleLf === 'string' ? { ...pair, articleLf } : undefined;
}

function problemLines(sidecarPath: string, facts: CoreFacts): string[] {
  return facts.problems.map((p) => `${sidecarPath}:${p.line}:${p.column}: ${p.kind === 'invalid' ? l10n.t('{0} (left out, kept in the file as written)', p.message) : p.message}`);
}

function cacheKeyOf(path: string): string {
  return portPathOf(path);
}

/**
 * The path absolute and '/'-separated (fromNativePath of resolve), as it is when it is so
 * already: resolve builds its answer a part at a time, and an export keeps one per article.
 */
export function portPathOf(path: string): string {
  return isNormalPath(path) && path.startsWith('/') ? path : fromNativePath(resolve(path));
}

/** loadPair, with anything unexpected turned into that file's one-line problem so a folder run goes on. */
export async function loadPairOrSay(sidecarPath: string, cache?: ParseCache): Promise<LoadedPair> {
  return (await loadOrSay(sidecarPath, cache, 'text')) as LoadedPair;
}

/**
 * The pair and what re-attaching its tags found (a warm cache answers both without re-attaching),
 * with anything unexpected turned into that file's one-line problem. Without `allTags`, a cached
 * check may list only the tags not anchored.
 */
export async function loadCheckedOrSay(sidecarPath: string, cache?: ParseCache, { allTags = true, taken }: { allTags?: boolean; taken?: Taken } = {}): Promise<LoadedSummary> {
  return loadOrSay(sidecarPath, cache, 'check', allTags, ['check'], taken);
}

/** The pair without its tags or text (what the cache alone answers), with anything unexpected turned into that file's one-line problem. */
export async function loadSummaryOrSay(sidecarPath: string, cache?: ParseCache, needs: readonly FactName[] = ['verification', 'oddIds'], taken?: Taken): Promise<LoadedSummary> {
  return loadOrSay(sidecarPath, cache, 'summary', true, needs, taken);
}

async function loadOrSay(sidecarPath: string, cache: ParseCache | undefined, reading: Reading, allChecked = true, needs?: readonly FactName[], taken?: Taken): Promise<LoadedSummary> {
  try {
    return await load(sidecarPath, cache, reading, allChecked, needs, taken);
  } catch (error) {
    return { ok: false, sidecarPath, articlePath: articlePathOf(sidecarPath), problems: [`${sidecarPath}: ${describeError(error)}`] };
  }
}

/** Every readable article/sidecar pair under the paths, with its text; the others are reported as they are met. */
export async function readablePairs(paths: readonly string[], report: (problem: string) => void, notice: (message: string) => void = report, cache?: ParseCache): Promise<{ pairs: ReadablePair[]; failed: boolean }> {
  const pairs: ReadablePair[] = [];
  const { failed } = await eachReadablePair(paths, report, notice, cache, (pair) => void pairs.push(pair));
  return { pairs, failed };
}

/**
 * The readable pairs handed to `each` one at a time, in the sidecars' order, and dropped once it
 * returns: a corpus of any size is read in the memory of READ_AHEAD pairs. The others are
 * reported as they are met.
 */
export async function eachReadablePair(paths: readonly string[], report: (problem: string) => void, notice: (message: string) => void, cache: ParseCache | undefined, each: (pair: ReadablePair) => void | Promise<void>): Promise<{ failed: boolean; sidecars: readonly string[] }> {
  return eachPair(CorpusListing.of(paths, notice, false), report, cache, false, (path) => loadOrSay(path, cache, 'text') as Promise<LoadedPair>, each);
}

/** eachReadablePair with only what counting needs: what a warm cache answers without reading tags or articles. */
export async function eachSummary(listing: CorpusListing, report: (problem: string) => void, cache: ParseCache | undefined, each: (pair: CountedPair) => void | Promise<void>): Promise<{ failed: boolean; sidecars: readonly string[] }> {
  return eachPair(listing, report, cache, true, (path) => countedOrSay(path, cache, listing.take(path)), each);
}

const COUNTED: readonly FactName[] = ['stats', 'outlet'];

/**
 * A pair's counts and outlet: from the cache's counts line when its entry has them (its head is
 * not read: that was a tenth of a warm `stats`), otherwise as loadSummaryOrSay reads them.
 */
async function countedOrSay(sidecarPath: string, cache: ParseCache | undefined, listed: Taken | undefined): Promise<({ ok: true } & CountedPair) | Failed> {
  if (!cache || cache.size === 0) return loadOrSay(sidecarPath, cache, 'summary', true, COUNTED, listed);
  const articlePath = articlePathOf(sidecarPath);
  const taken = listed ?? takeStamps(sidecarPath, articlePath);
  let counts: EntryCounts | undefined;
  try {
    counts = taken.stamps && cache.counts(cacheKeyOf(sidecarPath), taken.stamps.sidecar, taken.stamps.article);
  } catch {
    // The cache file could not be read there: the entry is read as without the counts line.
  }
  if (counts) return { ok: true, sidecarPath, articlePath, invalid: [], facts: factsFromSome({ problems: NO_PROBLEMS, tally: counts.tally, words: counts.words, outlet: counts.outlet }) };
  return loadOrSay(sidecarPath, cache, 'summary', true, COUNTED, taken);
}

const NO_PROBLEMS: readonly never[] = [];

async function eachPair<P extends CountedPair>(listing: CorpusListing, report: (problem: string) => void, cache: ParseCache | undefined, light: boolean, loadOne: (sidecarPath: string) => Promise<({ ok: true } & P) | Failed>, each: (pair: P) => void | Promise<void>): Promise<{ failed: boolean; sidecars: readonly string[] }> {
  let failed = false;
  const sidecars = listing.sidecars;
  await readInOrder(sidecars, { cache, light }, loadOne, async (pair) => {
    if (pair.ok) {
      pair.invalid.forEach(report); // the readable tags go on; the unreadable ones are named
      await each(pair);
    } else {
      pair.problems.forEach(report);
      failed = true;
    }
  });
  return { failed, sidecars };
}

/** Files read at once: enough to keep the disk and the thread pool busy while one is parsed. */
const READ_AHEAD = 16;

/**
 * Pairs asked for at once by a reading that gets back only small facts (stats, check, validate)
 * and keeps no cache (--no-cache): a parse worker answers in batches, and with 16 asked for, the
 * two workers of a 2-core machine went in lock step, each idle a fifth to a third of the time
 * while the other finished its batch. With 256 a cold `stats` took ~20 % less time and CPU, for
 * ~45 MB more at its peak. A run that fills the cache keeps READ_AHEAD: entries go into the cache
 * file as reads finish, and a warm run reads them in the corpus's order through read-ahead
 * windows, which entries 256 reads apart made miss (a warm `check` took twice as long).
 */
const LIGHT_READ_AHEAD = 256;

/** How many pairs a light reading (see LIGHT_READ_AHEAD) asks for at once, with or without a cache. */
function lightReadAhead(cache: ParseCache | undefined): number {
  return cache === undefined ? LIGHT_READ_AHEAD : READ_AHEAD;
}

/**
 * `load` over the items, up to READ_AHEAD at once, each result handed to `each` in the items'
 * order (so output is the same as one at a time). `load` must not reject.
 */
export async function inOrder<T, R>(items: readonly T[], load: (item: T) => Promise<R>, each: (result: R, item: T) => void | Promise<void>, readAhead: number = READ_AHEAD): Promise<void> {
  const window: Promise<R>[] = [];
  let started = 0;
  for (let i = 0; i < items.length; i++) {
    while (started < items.length && started < i + readAhead) window.push(load(items[started++]!));
    // Awaited before the next read starts: a slow consumer (a full disk, a slow pipe) holds the
    // reading back rather than letting loaded pairs pile up.
    await each(await window.shift()!, items[i]!);
    if (i % TURN_EVERY === TURN_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Items after which the event loop is given a turn. With every file read synchronously, a run
 * was one long chain of promises, and V8's garbage collector never got to run its tasks: its
 * heap, and the peak memory of a 100,000-article export, grew and varied from run to run.
 */
const TURN_EVERY = 256;

let repository: SidecarRepository | undefined;

/** The command line's sidecar repository: the editor's, over Node's file system. */
function sidecarRepository(): SidecarRepository {
  repository ??= new SidecarRepository({ fs: new NodeFileSystem(), store: new TagStore() });
  return repository;
}

/**
 * Every command-line write of a sidecar goes through here: the link check (a symbolic link is
 * written through only to the article's own sidecar), then the repository's guarded update.
 */
export async function updateSidecarFile(articlePath: string, update: Omit<SidecarUpdate, 'sidecarPath' | 'articleName'> & { sidecarPath?: string }): Promise<UpdateResult> {
  const repository = sidecarRepository();
  const sidecarPath = fromNativePath(update.sidecarPath ?? `${articlePath}.tags.yaml`);
  const target = await sidecarTarget(repository.fs, sidecarPath, fromNativePath(resolve(articlePath)));
  if ('problem' in target) return { ok: false, problem: target.problem };
  const result = await repository.update(fromNativePath(articlePath), { ...update, sidecarPath: target.path, articleName: basename(articlePath) });
  // Whatever happened, the entry may now describe a file that is gone: the next read makes a new one.
  forgetCached(cacheKeyOf(update.sidecarPath ?? `${articlePath}.tags.yaml`));
  forgetCached(target.path);
  return result;
}
