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

export const consoleOutput: Output = {
  line: (text) => console.log(text),
  error: (text) => console.error(text),
  // Resolved once the chunk is written (a pipe's write completes later): its bytes may then be
  // reused, and a slow pipe holds the writer back. Rejected when standard output has failed.
  write: (chunk) => new Promise((resolve, reject) => {
    const stdout = process.stdout;
    const failed = (): void => reject(new OutputFailed(l10n.t('standard output failed')));
    if (stdout.errored || stdout.destroyed) {
      failed();
      return;
    }
    stdout.write(chunk, (error) => (error ? failed() : resolve()));
  }),
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

/**
 * The output with its lines printed in blocks (a corpus command prints a line or more per
 * article; a console write each cost a tenth of a warm run). What is printed is the same; an
 * error line first prints the lines before it, so the two streams keep their order.
 */
export function blockOutput(out: Output): Output & { flush(): void } {
  let lines: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (lines.length === 0) return;
    const block = lines.join('\n');
    lines = [];
    size = 0;
    out.line(block);
  };
  return {
    line(text) {
      lines.push(text);
      size += text.length + 1;
      if (size >= BLOCK) flush();
    },
    error(text) {
      flush();
      out.error(text);
    },
    flush,
  };
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
