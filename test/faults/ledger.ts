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

/**
 * The values of a sidecar text's `id:` lines, read line by line without any YAML parser: the
 * ledger's second reader, so counting tag entries does not rest on the parser under test. An
 * entry whose id line is mangled beyond `id: ` is not seen; values are as written (quotes and a
 * trailing comment taken off), so compare counts rather than values for text YAML may rewrite.
 */
export function tagIdLines(text: string): string[] {
  const ids: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    const m = ID_LINE.exec(line);
    if (m) ids.push((m[1] ?? '').replace(/[ \t]+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2'));
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
