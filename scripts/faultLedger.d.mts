// Types for scripts/faultLedger.mjs, so test/unit/faultLedger.test.ts type-checks against it.
export interface ExpectedSuite {
  name: string;
  prefix?: boolean;
}
export interface LedgerEntry {
  suite: string;
  faults: number;
  tagsBefore: number;
  tagsAfter: number;
  tagsLost: number;
}
export interface LedgerTotals {
  entries: number;
  faults: number;
  tagsBefore: number;
  tagsAfter: number;
  tagsLost: number;
}
export const EXPECTED_SUITES: readonly ExpectedSuite[];
export function parseLedger(text: string): { entries: LedgerEntry[]; problems: string[] };
export function checkLedger(entries: readonly LedgerEntry[], expected?: readonly ExpectedSuite[]): { totals: LedgerTotals; failures: string[] };
export function summaryLine(totals: LedgerTotals): string;
