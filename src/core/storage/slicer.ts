/**
 * Long work on the extension host (loading a workspace's sidecars) runs in slices: before each
 * unit of work the slicer checks how long the current slice has run and, past its budget, lets
 * the event loop run everything else that is waiting before going on. Every extension shares the
 * host's one thread, so a load that never yielded would freeze them all for its whole length.
 *
 * A unit itself is never cut: one huge sidecar (10k tags) is one slice, however long.
 */

/** The clock and the way to give the thread back, so tests can drive both. */
export interface SliceClock {
  now(): number;
  /** Resolves in a later task of the event loop, after what was waiting has run. */
  nextTask(): Promise<void>;
}

/**
 * performance.now(), and setImmediate where there is one (Node); elsewhere (the web worker
 * extension host) a message to itself, which, unlike a zero timeout, is not held back 4 ms once
 * timeouts nest.
 */
export const EVENT_LOOP_CLOCK: SliceClock = {
  now: () => performance.now(),
  nextTask: () => new Promise<void>((resolve) => {
    const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
    if (immediate) immediate(resolve);
    else postToSelf(resolve);
  }),
};

let channel: { port: { postMessage(message: undefined): void }; waiting: (() => void)[] } | undefined;

function postToSelf(resolve: () => void): void {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(resolve, 0);
    return;
  }
  if (!channel) {
    const { port1, port2 } = new MessageChannel();
    const waiting: (() => void)[] = [];
    // The browser's port: setting onmessage starts it (the Node typings know only on('message')).
    (port1 as unknown as { onmessage: () => void }).onmessage = () => waiting.shift()?.();
    channel = { port: port2, waiting };
  }
  channel.waiting.push(resolve);
  channel.port.postMessage(undefined);
}

/** A unit of work run when the thread has time for it (TimeSlicer.run, or at once). */
export type Slice = (work: () => void) => Promise<void>;

/** Runs the work at once: where nothing else shares the thread (the command line, tests). */
export const AT_ONCE: Slice = (work) => Promise.resolve(work());

/** Well under the 50 ms after which a task counts as long, leaving room for the unit that starts just before the budget runs out. */
export const SLICE_BUDGET_MS = 10;

export class TimeSlicer {
  private sliceStart: number;
  /** The yield everyone waiting shares: callers resumed by it re-check the budget one after another. */
  private pause: Promise<void> | undefined;

  constructor(private readonly budgetMs: number = SLICE_BUDGET_MS, private readonly clock: SliceClock = EVENT_LOOP_CLOCK) {
    this.sliceStart = clock.now();
  }

  /**
   * Runs one unit of work (synchronous, so nothing else starts in the middle of it) once the slice
   * has budget left; past the budget, first lets the event loop run other tasks and starts a new
   * slice. The check and the work happen in one go: units waiting together (reads that finished
   * at once) each see the time the ones before them took. Time spent waiting for I/O counts
   * against the slice too, which only makes a yield come early: a few microseconds each.
   */
  async run<T>(work: () => T): Promise<T> {
    while (this.clock.now() - this.sliceStart >= this.budgetMs) {
      this.pause ??= this.clock.nextTask().then(() => {
        this.pause = undefined;
        this.sliceStart = this.clock.now();
      });
      await this.pause;
    }
    return work();
  }
}

/**
 * The slicer of this thread (the extension host's): the workspace load, the Tags view's counts
 * and the cache's reads and writes all take their turns through it, so that together they stay
 * within one budget per turn of the event loop. A slicer each let their budgets add up within
 * one turn (10 ms of loading, 10 ms of counting, then the view's own task).
 */
export const THREAD_SLICER = new TimeSlicer();
