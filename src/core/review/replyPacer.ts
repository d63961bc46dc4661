/**
 * Paces the Tags view's answers to VS Code's requests for rows, so that an answer never arrives
 * while the workbench is still handing out the rows of a batch of several.
 *
 * VS Code (1.100, and microsoft/vscode#243911 is still open) gathers the row requests its tree
 * makes in one task into a batch and gives each request a zero-delay timer; the first timer to
 * fire sends the batch, the others take their rows from its answer. A request the tree makes after
 * the first timer and before the last (the tree asks for more rows when an answer arrives) starts
 * a new batch, and the timers still waiting take the new batch's answer instead: a row shows
 * another row's children (an article listing another article's tags) until it is redrawn. On a
 * busy machine those timers fire milliseconds apart, and the extension host answers in less.
 *
 * A batch of one has no timers left once it is sent, so its answer goes out at once: expanding a
 * row is not slowed. A batch of several is known when the extension host asks for its second row
 * (it asks for a batch's rows one after another, each as the one before is answered, in the same
 * task); from then on no answer goes out until `holdMs` after that batch came in, by when its
 * timers have fired. And answers go out at least `spacingMs` apart: a batch that an answer makes
 * the tree ask for is on its way, and whether it is a batch of several is not known yet.
 *
 * The hold cannot help when the tree makes a request of its own while a batch of several is held
 * (an analyst expanding a row, a reveal opening its parents): that request can start a new batch
 * before the held batch's last timers fire, and those take its rows. The pacer sees it come in
 * while another batch is held or waits, and reports it (`onOverlap`), so the view can redraw
 * once the tree is quiet.
 */
import type { SliceClock } from '../storage/slicer';

export interface PacerClock extends SliceClock {
  /** Resolves after `ms` milliseconds. */
  after(ms: number): Promise<void>;
}

export const EVENT_LOOP_TIMER = (clock: SliceClock): PacerClock => ({
  now: () => clock.now(),
  nextTask: () => clock.nextTask(),
  after: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/** One request from the workbench: the rows of one or more parents. */
interface Batch {
  readonly cameIn: number;
  several: boolean;
}

interface Waiting {
  /** Not the batch's first row: only the hold applies, not the spacing. */
  readonly rest: boolean;
  readonly reply: () => void;
}

export class ReplyPacer {
  private readonly waiting: Waiting[] = [];
  /** No answer goes out before this: a batch of several came in `holdMs` before it. */
  private holdUntil = Number.NEGATIVE_INFINITY;
  private lastAnswer = Number.NEGATIVE_INFINITY;
  /** The batch whose row is being answered in this task: what is asked now is the rest of it. */
  private answering: Batch | undefined;
  private pumping = false;
  /** Open windows of atOnce: requests made in them are answered at once. */
  private immediate = 0;

  /** Until then, a new batch coming in overlaps a batch of several whose timers may still be waiting. */
  private overlapUntil = Number.NEGATIVE_INFINITY;

  constructor(private readonly holdMs: number, private readonly spacingMs: number, private readonly clock: PacerClock, private readonly onOverlap: () => void = () => {}) {}

  /** Whether a request is waiting for its answer. */
  get pending(): boolean {
    return this.waiting.length > 0;
  }

  /**
   * `rows()` worked out and answered now, whatever holds the others (the view's roots: see
   * TagsTreeProvider), yet as a row of a batch: a row the tree asked for with it (one expanded as
   * the roots were asked for) makes it a batch of several, held as any other.
   */
  answerAtOnce<T>(rows: () => T): T {
    if (this.immediate > 0) return rows();
    return this.answerNow(this.batchOf(this.clock.now()), rows);
  }

  /** `rows()` worked out when the answer goes out: at once when nothing holds it, else later. */
  answer<T>(rows: () => T): T | Promise<T> {
    if (this.immediate > 0) return rows();
    const now = this.clock.now();
    const batch = this.batchOf(now);
    if (batch === this.answering) return now >= this.holdUntil ? this.answerNow(batch, rows) : this.queue(batch, true, rows);
    if (this.waiting.length === 0 && now >= this.holdUntil && now >= this.lastAnswer + this.spacingMs) return this.answerNow(batch, rows);
    return this.queue(batch, false, rows);
  }

  /** The batch a request coming in now is part of: the one answered in this task (which then has several rows), else a new one. */
  private batchOf(now: number): Batch {
    const batch = this.answering;
    if (batch) {
      if (!batch.several) {
        batch.several = true;
        this.holdUntil = Math.max(this.holdUntil, batch.cameIn + this.holdMs);
        this.overlapUntil = Math.max(this.overlapUntil, batch.cameIn + this.holdMs);
      }
      return batch;
    }
    // Another batch is held, or waits to be answered (whether it has several rows is not known yet).
    if (now < this.overlapUntil || this.waiting.length > 0) this.onOverlap();
    return { cameIn: now, several: false };
  }

  /**
   * Runs `work` with the requests it makes in this task answered at once: the extension host's own
   * (a reveal working out its row's parents), which no timer in the workbench waits on. Paced, such
   * a request left the extension host fetching the same rows twice when the workbench asked for
   * them meanwhile, and the second fetch failed ("Element with id summary is already registered").
   */
  atOnce<T>(work: () => T): T {
    this.immediate++;
    void this.clock.nextTask().then(() => this.immediate--);
    return work();
  }

  /**
   * Answers every waiting request now, and what is asked for in this task: for a redraw that goes
   * at once (the analyst's own action), so that the workbench has what it waits for before the
   * redraw asks for rows anew, instead of a held answer arriving for rows the redraw replaced.
   * Rows such an answer hands to the wrong parent are replaced by the redraw that follows.
   */
  flush(): void {
    // The redraw that follows replaces every row: what the tree asks for next is its doing.
    this.overlapUntil = Number.NEGATIVE_INFINITY;
    this.immediate++;
    void this.clock.nextTask().then(() => this.immediate--);
    for (let next = this.waiting.shift(); next !== undefined; next = this.waiting.shift()) next.reply();
  }

  /** Answers in this task, and takes what is asked for until the next task as the rest of `batch`. */
  private answerNow<T>(batch: Batch, rows: () => T): T {
    const opened = this.answering === undefined;
    this.answering = batch;
    this.lastAnswer = this.clock.now();
    if (opened) void this.clock.nextTask().then(() => {
      if (this.answering === batch) this.answering = undefined;
    });
    return rows();
  }

  private queue<T>(batch: Batch, rest: boolean, rows: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const reply = (): void => {
        try {
          resolve(this.answerNow(batch, rows));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      // The rest of a batch goes before requests that came in after it: its answer is one reply.
      if (rest) this.waiting.unshift({ rest, reply });
      else this.waiting.push({ rest, reply });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let next = this.waiting[0]; next !== undefined; next = this.waiting[0]) {
        const from = next.rest ? this.holdUntil : Math.max(this.holdUntil, this.lastAnswer + this.spacingMs);
        const wait = from - this.clock.now();
        if (wait > 0) {
          await this.clock.after(wait);
          continue; // a batch of several may have come in meanwhile
        }
        if (this.answering !== undefined) {
          await this.clock.nextTask(); // another batch is being answered in this task
          continue;
        }
        this.waiting.shift()!.reply();
        await this.clock.nextTask(); // the rest of the batch is asked for before the next task
      }
    } finally {
      this.pumping = false;
    }
  }
}
