/** What VS Code calls a Disposable, written out so this file (and its unit test) needs no vscode. */
export interface DisposableLike {
  dispose(): unknown;
}

/**
 * A base for the classes that own listeners, commands, status bar items and the like: each is
 * handed to `register` as it is made, and `dispose()` lets them go in reverse order (the last made
 * may lean on the first), once however often it is called. Something registered after disposal
 * is disposed at once, so a late callback never leaves a listener behind.
 */
export abstract class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposed = false;

  protected register<T extends DisposableLike>(disposable: T): T {
    if (this.disposed) void disposable.dispose();
    else this.owned.push(disposable);
    return disposable;
  }

  /** Several at once, in the order they were made. */
  protected registerAll(...disposables: DisposableLike[]): void {
    for (const disposable of disposables) this.register(disposable);
  }

  /** Every one is disposed even if one throws; the first error is then rethrown. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const disposable of this.owned.splice(0).reverse()) {
      try {
        void disposable.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}
