/**
 * Work on one article's sidecar runs one job after another: a slow write never lands after a
 * newer one, and a read never falls between a write's check and its rename.
 */
export class ArticleQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const settled = next.then(() => undefined, () => undefined);
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }
}

/** Work started and not yet finished, so callers can wait until everything has settled. */
export class PendingWork {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly failed: (error: unknown) => void) {}

  /** Counts the work until it settles; a failure goes to `failed` (the caller still sees the rejection). */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch(this.failed);
    return work;
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
