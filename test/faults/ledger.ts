// The fault suite's ledger: every fault test (plain Node or inside VS Code's extension host)
// appends one JSON line here, and scripts/test-faults.mjs sums them into its closing line
// "faults tried: N, tags before: N, tags after: N, tags lost: N". Only node:fs, so it bundles
// into the integration tests as well.
import { appendFileSync } from 'node:fs';

export interface FaultLedgerEntry {
  /** Which fault suite or test, e.g. "crash: SIGKILL during sidecar writes". */
  suite: string;
  /** How many faults were injected (kills, failed writes, corrupted files…). */
  faults: number;
  /**
   * Tags that must survive the faults, summed over the faults, counted from what the test itself
   * generated or wrote (never from the code under test reading it back), so an entry that code
   * silently drops still counts here.
   */
  tagsBefore: number;
  /** Tags read back after the faults, summed likewise. */
  tagsAfter: number;
  /** Tags of the "before" state missing from what was read back: anything above 0 is data loss. */
  tagsLost: number;
}

export const FAULT_LEDGER_ENV = 'NEWSMARK_FAULT_LEDGER';

let noticeShown = false;

/** Appends one line to the ledger named by NEWSMARK_FAULT_LEDGER; without it, says so once and does nothing. */
export function recordFaults(entry: FaultLedgerEntry): void {
  for (const key of ['faults', 'tagsBefore', 'tagsAfter', 'tagsLost'] as const) {
    const value = entry[key];
    if (!Number.isInteger(value) || value < 0) throw new Error(`recordFaults(${entry.suite}): ${key} must be a whole number ≥ 0, got ${String(value)}`);
  }
  const file = process.env[FAULT_LEDGER_ENV];
  if (!file) {
    if (!noticeShown) {
      noticeShown = true;
      console.log(`(${FAULT_LEDGER_ENV} is not set: fault counts are not recorded; scripts/test-faults.mjs sets it)`);
    }
    return;
  }
  const line = { suite: entry.suite, faults: entry.faults, tagsBefore: entry.tagsBefore, tagsAfter: entry.tagsAfter, tagsLost: entry.tagsLost, pid: process.pid, time: new Date().toISOString() };
  // One write of one short line in append mode: lines from concurrent test processes do not interleave.
  appendFileSync(file, JSON.stringify(line) + '\n', 'utf8');
}

const ID_LINE = /^[ \t]*(?:-[ \t]+)*id:(?:[ \t]+(.*))?$/;
/** A key whose value opens a quoted scalar: `key: "…` or `- key: '…`. */
const OPENS_QUOTE = /^[ \t]*(?:-[ \t]+)*[^\s#"'][^#"']*?:[ \t]+(["'])(.*)$/;
/** A key whose value is a block scalar (`|`, `>`, with indicators): the lines indented under it are its text. */
const OPENS_BLOCK = /^([ \t]*)(?:-[ \t]+)*[^\s#"'][^#"']*?:[ \t]+[|>][0-9+-]*[ \t]*(?:#.*)?$/;

/** Where a quoted scalar that starts at `from` in `line` ends: the index after its closing quote, or -1 when it goes on. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/**
 * The values of a sidecar text's `id:` lines, read line by line without any YAML parser: the
 * ledger's second reader, so counting tag entries does not rest on the parser under test. Lines
 * inside a multi-line quoted or block scalar are text, not entries (a fuzzed header once held
 * " id: …" in a quoted sha256). An entry whose id line is mangled beyond `id: ` is not seen;
 * values are as written (quotes and a trailing comment taken off), so compare counts rather than
 * values for text YAML may rewrite.
 */
export function tagIdLines(text: string): string[] {
  const ids: string[] = [];
  let quote: string | undefined;
  let blockIndent: number | undefined;
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (quote !== undefined) {
      if (closingQuote(line, 0, quote) >= 0) quote = undefined;
      continue;
    }
    if (blockIndent !== undefined) {
      if (line.trim() === '' || /^[ \t]*/.exec(line)![0].length > blockIndent) continue;
      blockIndent = undefined;
    }
    const m = ID_LINE.exec(line);
    if (m) ids.push((m[1] ?? '').replace(/[ \t]+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2'));
    const opens = OPENS_QUOTE.exec(line);
    if (opens && closingQuote(opens[2]!, 0, opens[1]!) < 0) quote = opens[1];
    const block = OPENS_BLOCK.exec(line);
    if (block) blockIndent = block[1]!.length;
  }
  return ids;
}

/** The ids of `expected` not in `found`, each occurrence counted (an id expected twice must be found twice). */
export function missingIds(expected: readonly string[], found: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const id of found) left.set(id, (left.get(id) ?? 0) + 1);
  return expected.filter((id) => {
    const n = left.get(id) ?? 0;
    if (n > 0) left.set(id, n - 1);
    return n === 0;
  });
}
