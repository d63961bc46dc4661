/**
 * Paces the Tags view's answers to VS Code's requests for rows, so that an answer never arrives
 * while the workbench is still handing out the rows of another request.
 *
 * VS Code (1.100) gathers the row requests its tree makes in one task into a batch and gives each
 * request a zero-delay timer; the first timer to fire sends the batch, the others take their rows
 * from its answer. An answer (to this batch or any other) that arrives before the last of those
 * timers has fired makes the tree ask for more rows, which starts a new batch, and the timers
 * still waiting take the new batch's answer instead: a row shows another row's children (an
 * article listing the Needs-review group's tags) until it is redrawn. On a busy machine those
 * timers fire milliseconds apart, and the extension host answers in less.
 *
 * So an answer goes out only once `gapMs` have passed since the last request came in and since
 * the last answer went out: by then every timer of the batches sent has fired. The extension
 * host asks for a request's rows one parent after another, each as the last is answered; those
 * asked for while an answer is going out (in the same task) are answered at once.
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

export class ReplyPacer {
  private readonly waiting: (() => void)[] = [];
  private lastRequest = Number.NEGATIVE_INFINITY;
  private lastAnswer = Number.NEGATIVE_INFINITY;
  /** An answer is going out: what is asked for now is the rest of its request. */
  private answering = false;
  private pumping = false;
  /** Open windows of atOnce: requests made in them are answered at once. */
  private immediate = 0;

  constructor(private readonly gapMs: number, private readonly clock: PacerClock) {}

  /** Whether a request is waiting for its answer. */
  get pending(): boolean {
    return this.waiting.length > 0;
  }

  /** `rows()` worked out when the answer goes out: at once within an answer, else paced. */
  answer<T>(rows: () => T): T | Promise<T> {
    if (this.answering || this.immediate > 0) return rows();
    this.lastRequest = this.clock.now();
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        try {
          resolve(rows());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      void this.pump();
    });
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

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        const wait = Math.max(this.lastRequest, this.lastAnswer) + this.gapMs - this.clock.now();
        if (wait > 0) {
          await this.clock.after(wait);
          continue; // a request may have come in meanwhile
        }
        this.answering = true;
        this.lastAnswer = this.clock.now();
        try {
          this.waiting.shift()!();
          await this.clock.nextTask(); // the rest of the request is asked for before the next task
        } finally {
          this.answering = false;
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}
