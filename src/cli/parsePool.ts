/**
 * Worker threads that read and parse sidecars (and count words, hash articles, check tags) while
 * the main thread stats files, uses the cache and writes output: the YAML parse is most of a
 * cold run's work, and it runs on every core but one.
 *
 * When a command needs every tag and the article's text on the main thread (export, figures,
 * quotes), handing them over (structured clones) and starting workers cost about 60 % more CPU
 * than the parse saved on a 2-core machine: such readings use availableParallelism() - 1 workers
 * with 3 or more cores, none below. A light reading (stats, validate, check) gets back only the
 * facts it prints, in batches, and the tags as the cache's JSON string when it fills the cache:
 * the main thread is then mostly idle, so it uses a worker per core from 2 cores (measured on
 * 2 cores, 10,000 sidecars × 50 tags: about 18 % more CPU, in half the time). Either way only
 * from POOL_THRESHOLD sidecars. NEWSMARK_WORKERS sets the number of workers
 * (0: none). A worker's answer is the same plain data a parse on the main thread gives
 * (test/unit/parsePool.test.ts), so what a command prints does not depend on it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CacheEntry, FileStamp } from '../core/cache/entry';
import type { FactName, SomeFacts } from '../core/cache/facts';
import type { Tag } from '../core/tag';
import { languageBundle } from './language';

/** Sidecars below which a command parses on its main thread: worker start-up outweighs the gain. */
export const POOL_THRESHOLD = 1000;
/** Cores below which the pool is not used by default (see above). */
export const POOL_MIN_CORES = 3;

export interface ParseRequest {
  readonly id: number;
  readonly sidecarPath: string;
  /** Send the article's text back (commands that use it: export, figures, quotes). */
  readonly withText: boolean;
  /** Re-attach the tags too (check). */
  readonly withCheck: boolean;
  /**
   * How the tags come back: as objects (a command that uses them), as the cache's stored JSON
   * (only to be written to the cache: one string is cloned, not thousands of objects), or not at all.
   */
  readonly tags: 'objects' | 'stored' | 'none';
  /** Only these facts, not a whole cache entry (nothing is to be cached). */
  readonly facts?: readonly FactName[];
  /**
   * With `facts`: the check's tags only when not anchored (what `check` prints without --json),
   * as a cached check's summary gives them: cloning every tag back cost more than re-attaching them.
   */
  readonly notableOnly?: boolean;
  readonly stamps?: { readonly sidecar: FileStamp; readonly article: FileStamp };
}

export type ParseReply =
  | { readonly id: number; readonly ok: true; readonly header: CacheEntry['header']; readonly facts: { entry: CacheEntry } | { some: SomeFacts }; readonly tags?: readonly Tag[]; readonly storedTags?: string; readonly articleLf?: string }
  | { readonly id: number; readonly ok: false; readonly problems: string[] }
  | { readonly id: number; readonly ok: 'threw'; readonly message: string };

type Answer = Exclude<ParseReply, { ok: 'threw' }>;

let answered = 0;

/** How many pairs workers have parsed in this process (tests check that the workers did the work). */
export function parsedOnWorkers(): number {
  return answered;
}

let started = 0;
let stopped = 0;

/** How many workers this process has started (tests check that a warm run starts none). */
export function workersStarted(): number {
  return started;
}

/** How many of them have stopped (tests check that a command does not wait for them, and that they stop). */
export function workersStopped(): number {
  return stopped;
}

/** Workers started as the command started (ParsePool.startEarly), until a reading takes them. */
let early: ParsePool | undefined;

export class ParsePool {
  private readonly waiting = new Map<number, { resolve: (reply: Answer | undefined) => void; reject: (error: Error) => void; worker: number }>();
  private readonly busy: number[];
  private next = 0;

  /** Over workers running dist/parseWorker.js (forCorpus, startEarly start them; tests give their own). */
  constructor(private readonly workers: Worker[]) {
    this.busy = workers.map(() => 0);
    workers.forEach((w, i) => {
      // A worker sends its answers in batches (see parseWorker.ts).
      w.on('message', (replies: readonly ParseReply[]) => replies.forEach((reply) => this.settle(reply)));
      // A worker that dies hands its parses back, to the main thread.
      w.on('error', () => this.failAll(i));
      w.on('exit', () => stopped++);
    });
  }

  /** A pool for this many sidecars, or undefined when the main thread should parse them itself. */
  static forCorpus(sidecars: number, light = false): ParsePool | undefined {
    const count = workerCount(sidecars, light);
    const ready = early;
    early = undefined;
    if (ready && ready.workers.length === count) {
      for (const worker of ready.workers) worker.ref();
      return ready;
    }
    void ready?.close();
    return ParsePool.start(count);
  }

  /**
   * Starts the workers a light reading of a large corpus will ask for (forCorpus), before it
   * does: see ./earlyWorkers.ts. Until then they do not keep the process alive, so a run that
   * never asks for them (too few sidecars, a usage error) ends as it would have.
   */
  static startEarly(): ParsePool | undefined {
    if (early) return early;
    early = ParsePool.start(workerCount(Number.POSITIVE_INFINITY, true));
    for (const worker of early?.workers ?? []) worker.unref();
    return early;
  }

  /**
   * The pool startEarly started in the command line's first bundle (dist/cli.js), for this one
   * (dist/cliMain.js) to take: the same class, built into both.
   */
  static adoptEarly(pool: ParsePool | undefined): void {
    early ??= pool;
  }

  private static start(count: number): ParsePool | undefined {
    const script = workerScript();
    if (count === 0 || !script) return undefined;
    started += count;
    return new ParsePool(Array.from({ length: count }, () => new Worker(script.code, { eval: script.eval, workerData: { l10nBundle: languageBundle() } })));
  }

  /**
   * Reads and parses one pair on the least busy worker; undefined when the workers have stopped
   * (one could not start, or died), and the pair is to be parsed on the main thread instead.
   */
  read(request: Omit<ParseRequest, 'id'>): Promise<Answer | undefined> {
    const id = this.next++;
    const least = Math.min(...this.busy);
    if (least === Number.POSITIVE_INFINITY) return Promise.resolve(undefined);
    const worker = this.busy.indexOf(least);
    this.busy[worker]!++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker });
      this.workers[worker]!.postMessage({ ...request, id } satisfies ParseRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(reply: ParseReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    this.busy[waiting.worker]!--;
    answered++;
    if (reply.ok === 'threw') waiting.reject(new Error(reply.message));
    else waiting.resolve(reply);
  }

  private failAll(worker: number): void {
    for (const [id, waiting] of this.waiting) {
      if (waiting.worker !== worker) continue;
      this.waiting.delete(id);
      waiting.resolve(undefined);
    }
    this.busy[worker] = Number.POSITIVE_INFINITY; // never chosen again
  }
}

function workerCount(sidecars: number, light: boolean): number {
  const asked = process.env['NEWSMARK_WORKERS'];
  const cores = availableParallelism();
  return asked !== undefined && /^\d+$/.test(asked) ? Number(asked)
    : sidecars < POOL_THRESHOLD ? 0
    : light ? (cores >= 2 ? cores : 0)
    : cores >= POOL_MIN_CORES ? cores - 1 : 0;
}

/** dist/parseWorker.js beside the built CLI; when running from source (tests), the TypeScript file through tsx's require hook. */
function workerScript(): { code: string; eval: boolean } | undefined {
  const built = join(__dirname, 'parseWorker.js');
  if (existsSync(built)) return { code: built, eval: false };
  const source = join(__dirname, 'parseWorker.ts');
  if (!existsSync(source)) return undefined;
  try {
    return { code: `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(source)});`, eval: true };
  } catch {
    return undefined;
  }
}
