import * as l10n from '@vscode/l10n';

/** Where the CLI writes, so tests can capture it. */
export interface Output {
  line(text: string): void;
  error(text: string): void;
  /**
   * Text or UTF-8 bytes as they are, no line break added; resolves once they are written (a slow
   * pipe holds a large export back), and bytes given may be reused only then. Absent: whole lines only.
   */
  write?(text: string | Uint8Array): Promise<void>;
}

/**
 * Standard output failed (a full disk, a pipe closed by `head`): main.ts has said so once, and
 * the command stops here, its `finally` blocks run (the export's spool folder removed). Waiting
 * for a 'drain' that never comes had the process end with them never run.
 */
export class OutputFailed extends Error {}

/** Writes whose bytes standard output took at once: handed to the system, not queued. */
const takenAtOnce = new WeakSet<Promise<void>>();

/**
 * Whether the bytes of this write (an Output's) were taken at once: their buffer may be filled
 * again now, before the write's promise settles. A command printing in one synchronous loop (a
 * stats run's outlets) otherwise took a new buffer for each block, never reusing one.
 */
export function bytesTakenAtOnce(write: Promise<void>): boolean {
  return takenAtOnce.has(write);
}

export const consoleOutput: Output = {
  line: (text) => console.log(text),
  error: (text) => console.error(text),
  // Resolved once the chunk is written (a pipe's write completes later): its bytes may then be
  // reused, and a slow pipe holds the writer back. Rejected when standard output has failed.
  write: (chunk) => {
    const stdout = process.stdout;
    let taken = false;
    const written = new Promise<void>((resolve, reject) => {
      const failed = (): void => reject(new OutputFailed(l10n.t('standard output failed')));
      if (stdout.errored || stdout.destroyed) {
        failed();
        return;
      }
      stdout.write(chunk, (error) => (error ? failed() : resolve()));
      // Nothing left in the stream's queue: the system has the bytes (a file's stream writes
      // them before write returns; a pipe's, when the pipe has room), and nothing holds them.
      taken = stdout.writableLength === 0 && !stdout.errored;
    });
    if (taken) takenAtOnce.add(written);
    return written;
  },
};

/**
 * The items of a JSON array printed as JSON.stringify(…, null, 2) prints them at `depth`, a
 * line at a time after `opening` (what comes before the first item): each item is held back
 * until the next one says whether it needs a comma.
 */
export class JsonArrayLines {
  private held: string | undefined;
  private any = false;

  constructor(private readonly out: Output, private readonly depth: number, private readonly opening: string) {}

  item(value: unknown): void {
    if (this.held !== undefined) this.out.line(`${this.held},`);
    else this.out.line(this.opening);
    this.any = true;
    this.held = atDepth(value, this.depth);
  }

  /** Prints the last item; false when there was none (then nothing was printed, the opening included). */
  end(): boolean {
    if (this.held !== undefined) this.out.line(this.held);
    this.held = undefined;
    return this.any;
  }
}

/**
 * `'  '.repeat(depth) + JSON.stringify(value, null, 2)` with every line after the first indented
 * by `depth` levels too: the value printed inside `depth` arrays and cut out of them, which
 * JSON.stringify does in one pass (a replace of every line break after it cost as much again).
 */
export function atDepth(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Around the value: "[\n" and the next level's indent before it, "\n", the indent and "]" after it, per level.
  let before = 0;
  let after = 0;
  for (let level = 0; level < depth; level++) {
    before += 2 + 2 * (level + 1);
    after += 2 + 2 * level;
  }
  return text.slice(before - 2 * depth, text.length - after);
}

/** Characters of lines gathered before they are printed: one console write per block, not per line. */
const BLOCK = 1 << 16;
/** Bytes of a block of lines encoded as they come (see ByteBlocks). */
const BYTE_BLOCK = 1 << 18;

/**
 * `run` with its lines printed to `out` in blocks (a corpus command prints a line or more per
 * article; a console write each cost a tenth of a warm run). What is printed is the same; an
 * error line first prints the lines before it, so the two streams keep their order. Every block
 * has been written when this returns; a failed output throws (OutputFailed) at the next line.
 */
export async function inBlocks<T>(out: Output, run: (block: Output) => Promise<T>): Promise<T> {
  const block = out.write ? new ByteBlocks(out.write.bind(out)) : new LineBlocks(out);
  try {
    return await run({ line: (text) => block.line(text), error: (text) => block.error(text, out) });
  } finally {
    await block.end();
  }
}

/** Lines gathered and printed joined, through `line`: an output that takes only whole lines (the tests'). */
class LineBlocks {
  private lines: string[] = [];
  private size = 0;

  constructor(private readonly out: Output) {}

  line(text: string): void {
    this.lines.push(text);
    this.size += text.length + 1;
    if (this.size >= BLOCK) this.flush();
  }

  error(text: string, out: Output): void {
    this.flush();
    out.error(text);
  }

  end(): Promise<void> {
    this.flush();
    return Promise.resolve();
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    const block = this.lines.join('\n');
    this.lines = [];
    this.size = 0;
    this.out.line(block);
  }
}

/**
 * Lines encoded as UTF-8 straight into a buffer, handed to `write` when full: for standard output.
 * Joining each block's lines into one string and the console's encoding of it again were a third
 * of a cold `stats --json`'s main thread, which shares the 2 cores with the parse workers. A
 * buffer is written again only once its write has completed.
 */
class ByteBlocks {
  private buffer: Buffer = Buffer.allocUnsafe(BYTE_BLOCK);
  private used = 0;
  private readonly free: Buffer[] = [];
  private readonly pending = new Set<Promise<void>>();
  private failure: Error | undefined;

  constructor(private readonly write: (bytes: Uint8Array) => Promise<void>) {}

  line(text: string): void {
    if (this.failure !== undefined) throw this.failure;
    // At most 3 bytes per UTF-16 unit, and the line break.
    if (this.used + 3 * text.length + 1 > this.buffer.length) {
      this.flush();
      if (3 * text.length + 1 > this.buffer.length) {
        this.send(Buffer.from(`${text}\n`), undefined);
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    this.buffer[this.used++] = 0x0a;
  }

  error(text: string, out: Output): void {
    this.flush();
    out.error(text);
  }

  async end(): Promise<void> {
    this.flush();
    await Promise.all(this.pending);
    if (this.failure !== undefined) throw this.failure;
  }

  private flush(): void {
    if (this.used === 0) return;
    const full = this.buffer;
    this.send(full.subarray(0, this.used), full);
    this.buffer = this.free.pop() ?? Buffer.allocUnsafe(BYTE_BLOCK);
    this.used = 0;
  }

  /** Writes `bytes`; `reuse`, the buffer they are in, is taken again once they are written (or taken). */
  private send(bytes: Uint8Array, reuse: Buffer | undefined): void {
    const writing = this.write(bytes);
    const atOnce = reuse !== undefined && bytesTakenAtOnce(writing);
    if (atOnce) this.free.push(reuse);
    const written: Promise<void> = writing.then(
      () => {
        if (reuse && !atOnce) this.free.push(reuse);
      },
      (error: unknown) => {
        this.failure ??= error instanceof Error ? error : new OutputFailed(String(error));
      },
    ).finally(() => this.pending.delete(written));
    this.pending.add(written);
  }
}

/**
 * l10n.t(message, ...args) for a message said once per article of a corpus: looked up in the
 * bundle once, at the first call, and its placeholders filled in by position. l10n.t looks the
 * message up and formats it with a regular expression at every call: 25 ms of a warm `check`
 * of 10,000 articles, which is a twentieth of it.
 */
export function repeatedMessage(message: string): (...args: (string | number)[]) => string {
  let parts: { texts: string[]; slots: number[] } | undefined;
  return (...args) => {
    if (!parts) {
      // With no arguments, l10n.t leaves the placeholders as they are.
      const pieces = l10n.t(message).split(/\{(\d+)\}/);
      parts = { texts: pieces.filter((_, i) => i % 2 === 0), slots: pieces.filter((_, i) => i % 2 === 1).map(Number) };
    }
    let text = parts.texts[0]!;
    for (let i = 0; i < parts.slots.length; i++) text += String(args[parts.slots[i]!] ?? `{${parts.slots[i]}}`) + parts.texts[i + 1]!;
    return text;
  };
}
