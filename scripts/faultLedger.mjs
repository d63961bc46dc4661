// The fault ledger's arithmetic, apart from running the tests (scripts/test-faults.mjs) so it can
// be tested (test/unit/faultLedger.test.ts). Each fault test appends one JSON line
// (test/faults/ledger.ts); this reads them, checks that every expected suite is there and that
// each line's counts hold together, and sums them into the closing line.

/**
 * Every suite that must leave a line in the ledger: the one list to keep up to date when a fault
 * test is added, renamed or removed. A suite missing from the ledger means its tests did not run
 * (a --grep that matched nothing, NEWSMARK_FAULT_LEDGER not reaching VS Code's extension host, a
 * test that failed before recording), and the run fails. `prefix: true` accepts any name starting
 * with `name`, for a test that records several.
 */
export const EXPECTED_SUITES = [
  // Plain Node: test/faults/*.test.ts
  { name: 'fuzz: sidecar loader, random and mutated YAML' },
  { name: 'crash: SIGKILL during sidecar writes' },
  { name: 'cli: two command-line writers at once' },
  { name: 'concurrency: two repositories on one in-memory file system' },
  { name: 'memory fs: torn writes, writers between check and rename, reads during writes' },
  // Inside VS Code: the "Faults: …" tests of test/integration/faults.test.ts
  { name: 'lifecycle: article deleted and restored' },
  { name: 'lifecycle: dirty article renamed' },
  { name: 'lifecycle: sidecar whose article never existed' },
  { name: 'concurrency: sidecar changed under unsaved changes' },
  { name: 'concurrency: same tag changed on both sides' },
  { name: 'bad input: conflict markers under unsaved changes' },
  { name: 'bad input: bad tag entries' },
  { name: 'bad input: sidecar over the size limit' },
  { name: 'bad input: sidecar there but unreadable' },
];

const COUNTS = ['faults', 'tagsBefore', 'tagsAfter', 'tagsLost'];

/** The ledger's lines as entries; a line that is not a whole entry is a problem, never skipped. */
export function parseLedger(text) {
  const entries = [];
  const problems = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      problems.push(`ledger line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof entry?.suite !== 'string' || entry.suite === '' || COUNTS.some((k) => !Number.isInteger(entry[k]) || entry[k] < 0)) {
      problems.push(`ledger line ${i + 1} lacks a suite or whole counts: ${line.slice(0, 200)}`);
      return;
    }
    entries.push(entry);
  });
  return { entries, problems };
}

function matches(expected, suite) {
  return expected.prefix ? suite.startsWith(expected.name) : suite === expected.name;
}

/**
 * Sums the entries and lists what fails the run: an expected suite with no line, a line from a
 * suite nobody expects (the list above is stale, so a missing suite could go unnoticed), a line
 * whose counts contradict each other, and any tag lost.
 */
export function checkLedger(entries, expected = EXPECTED_SUITES) {
  const totals = { entries: entries.length, faults: 0, tagsBefore: 0, tagsAfter: 0, tagsLost: 0 };
  const failures = [];
  for (const entry of entries) {
    for (const k of COUNTS) totals[k] += entry[k];
    if (entry.tagsLost > entry.tagsBefore) failures.push(`${entry.suite}: ${entry.tagsLost} tags lost of ${entry.tagsBefore} before: the counts contradict each other`);
    if (entry.faults === 0) failures.push(`${entry.suite}: recorded no faults tried`);
    if (!expected.some((e) => matches(e, entry.suite))) failures.push(`${entry.suite}: not an expected suite (add it to EXPECTED_SUITES in scripts/faultLedger.mjs)`);
  }
  const missing = expected.filter((e) => !entries.some((entry) => matches(e, entry.suite)));
  if (missing.length > 0) failures.push(`${missing.length} expected suite(s) missing from the ledger: ${missing.map((e) => `"${e.name}"${e.prefix ? ' (prefix)' : ''}`).join(', ')}`);
  if (totals.tagsLost > 0) failures.push(`${totals.tagsLost} tag(s) lost: ${entries.filter((e) => e.tagsLost > 0).map((e) => `${e.suite} (${e.tagsLost})`).join(', ')}`);
  return { totals, failures };
}

/** The closing line; "tags lost" is tags the user did not delete that are gone. */
export function summaryLine(totals) {
  return `faults tried: ${totals.faults}, tags before: ${totals.tagsBefore}, tags after: ${totals.tagsAfter}, tags lost: ${totals.tagsLost}`;
}
