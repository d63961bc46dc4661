// The fault ledger's arithmetic (scripts/faultLedger.mjs): `npm run test:faults` fails when a suite
// it expects left no line, when a tag was lost, or when a line's counts contradict each other.
// And the ledger's second reader (test/faults/ledger.ts), which counts tag entries without the
// YAML parser under test.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkLedger, EXPECTED_SUITES, parseLedger, summaryLine, type LedgerEntry } from '../../scripts/faultLedger.mjs';
import { FAULT_LEDGER_ENV, missingIds, recordFaults, tagIdLines } from '../faults/ledger';

const line = (suite: string, tagsBefore = 10, tagsAfter = 10, tagsLost = 0, faults = 3): LedgerEntry => ({ suite, faults, tagsBefore, tagsAfter, tagsLost });
/** One clean line for every expected suite: what a good run leaves. */
const fullRun = (): LedgerEntry[] => EXPECTED_SUITES.map((e) => line(e.name));

describe('fault ledger: what fails the run', () => {
  it('a run where every expected suite recorded and nothing was lost passes, and its closing line sums them', () => {
    const { totals, failures } = checkLedger(fullRun());
    assert.deepEqual(failures, []);
    const n = EXPECTED_SUITES.length;
    assert.equal(summaryLine(totals), `faults tried: ${3 * n}, tags before: ${10 * n}, tags after: ${10 * n}, tags lost: 0`);
  });

  it('an expected suite with no line fails the run, by name (a --grep that matched nothing, a ledger that never reached VS Code)', () => {
    const vscodeHalf = 'bad input: bad tag entries';
    const { failures } = checkLedger(fullRun().filter((e) => e.suite !== vscodeHalf));
    assert.equal(failures.length, 1);
    assert.match(failures[0]!, /1 expected suite\(s\) missing/);
    assert.ok(failures[0]!.includes(`"${vscodeHalf}"`));
  });

  it('an empty ledger names every expected suite as missing', () => {
    const { failures, totals } = checkLedger([]);
    assert.equal(totals.entries, 0);
    for (const e of EXPECTED_SUITES) assert.ok(failures.some((f) => f.includes(`"${e.name}"`)), e.name);
  });

  it('a lost tag fails the run and shows in the closing line', () => {
    const entries = fullRun();
    entries[0] = line(entries[0]!.suite, 10, 9, 1);
    const { totals, failures } = checkLedger(entries);
    assert.deepEqual(failures, [`1 tag(s) lost: ${entries[0].suite} (1)`]);
    assert.match(summaryLine(totals), /, tags lost: 1$/);
  });

  it('a line losing more tags than it had, or trying no faults, fails the run', () => {
    const entries = fullRun();
    entries[1] = line(entries[1]!.suite, 2, 0, 3);
    entries[2] = line(entries[2]!.suite, 0, 0, 0, 0);
    const { failures } = checkLedger(entries);
    assert.ok(failures.some((f) => f.startsWith(`${entries[1]!.suite}: 3 tags lost of 2 before`)), failures.join('\n'));
    assert.ok(failures.some((f) => f === `${entries[2]!.suite}: recorded no faults tried`), failures.join('\n'));
  });

  it('a line from a suite nobody expects fails the run: the expected list is stale', () => {
    const { failures } = checkLedger([...fullRun(), line('concurrency: two windows, random interleavings')]);
    assert.deepEqual(failures, ['concurrency: two windows, random interleavings: not an expected suite (add it to EXPECTED_SUITES in scripts/faultLedger.mjs)']);
  });

  it('a prefix stands for a test that records several names', () => {
    const expected = [{ name: 'memory fs: ', prefix: true }, { name: 'crash' }];
    assert.deepEqual(checkLedger([line('memory fs: torn writes'), line('memory fs: reads during writes'), line('crash')], expected).failures, []);
    assert.equal(checkLedger([line('crash: SIGKILL')], [{ name: 'crash' }]).failures.length, 2, 'without prefix, only the exact name');
  });

  it('a ledger line that is not JSON or lacks a count is a problem, never skipped', () => {
    const { entries, problems } = parseLedger('{"suite":"a","faults":1,"tagsBefore":1,"tagsAfter":1,"tagsLost":0}\n{"suite":"b","faults":1\n\n{"suite":"c","faults":1,"tagsBefore":-1,"tagsAfter":1,"tagsLost":0}\n');
    assert.deepEqual(entries.map((e) => e.suite), ['a']);
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /line 2 is not JSON/);
    assert.match(problems[1]!, /line 4 lacks a suite or whole counts/);
  });

  it('what recordFaults writes, the script reads back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmark-ledger-'));
    const previous = process.env[FAULT_LEDGER_ENV];
    try {
      process.env[FAULT_LEDGER_ENV] = join(dir, 'ledger.jsonl');
      recordFaults({ suite: 'crash: SIGKILL during sidecar writes', faults: 2, tagsBefore: 7, tagsAfter: 6, tagsLost: 1 });
      const { entries, problems } = parseLedger(readFileSync(join(dir, 'ledger.jsonl'), 'utf8'));
      assert.deepEqual(problems, []);
      assert.deepEqual(entries.map(({ suite, faults, tagsBefore, tagsAfter, tagsLost }) => ({ suite, faults, tagsBefore, tagsAfter, tagsLost })), [line('crash: SIGKILL during sidecar writes', 7, 6, 1, 2)]);
    } finally {
      if (previous === undefined) delete process.env[FAULT_LEDGER_ENV];
      else process.env[FAULT_LEDGER_ENV] = previous;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("fault ledger: the second reader's count of tag entries", () => {
  it('reads the id of every entry, quoted, commented or in a nested list, and nothing that is not an id key', () => {
    const text = [
      'newsmark: 1',
      'tags:',
      '  - id: aa000001',
      '    category: claim',
      '  - id: "aa000002" # from the desk',
      "  - category: figure",
      "    id: 'aa000003'",
      '  - - id: aa000004',
      '  - id:: framing',
      '  - identity: x',
      '    note: "id: not a key"',
    ].join('\n');
    assert.deepEqual(tagIdLines(text), ['aa000001', 'aa000002', 'aa000003', 'aa000004']);
  });

  it('the second reader does not take a line inside a multi-line quoted or block scalar for an entry (a fuzz seed did)', () => {
    const text = [
      'sha256: "',
      ' id: aa0000010000000000000000000000000000000000000000000000000000000000000000"',
      'tags:',
      '  - id: aa000001',
      "    note: 'first line",
      "      id: aa000009 it''s still the note'",
      '  - id: aa000002',
      '    text: "a \\" quote',
      '      id: aa000008"',
      '    note: |',
      '      id: aa000007',
      '  - id: aa000003',
    ].join('\n');
    assert.deepEqual(tagIdLines(text), ['aa000001', 'aa000002', 'aa000003']);
  });

  it('an entry gone from the text is missing, each occurrence counted', () => {
    assert.deepEqual(missingIds(['a', 'b', 'b', 'c'], ['b', 'c', 'd']), ['a', 'b']);
    assert.deepEqual(missingIds(['a'], ['a', 'a']), []);
  });
});
