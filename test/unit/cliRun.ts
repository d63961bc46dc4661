// Running the CLI in-process for tests: every call checks its exit code, every test works in a
// temporary folder of its own that is removed afterwards.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import './cacheDir';

export const SAMPLES = join(__dirname, '..', '..', 'samples');

export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function run(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { line: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs the CLI and checks its exit code, showing what it printed when the code is not the one expected. */
export async function runExpecting(code: number, args: string[]): Promise<Run> {
  const result = await run(args);
  assert.equal(result.code, code, `newsmark ${args.join(' ')} exited ${result.code}:\n${result.out}\n${result.err}`);
  return result;
}

/** A fresh temporary folder for one test, removed afterwards whatever happens. */
export async function inTemp(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-cli-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A copy of the samples in `dir/corpus`. */
export function corpusIn(dir: string): string {
  const corpus = join(dir, 'corpus');
  cpSync(SAMPLES, corpus, { recursive: true });
  return corpus;
}
