// One way of printing results for every launcher, so CI always finds the same closing line:
// "<label>: N passed, N failed" (", N skipped" when there are pending tests).
import { readFileSync } from 'node:fs';

export function readResults(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const indent = (text, pad) => String(text).split('\n').map((l) => pad + l).join('\n');

/**
 * results: { tests: [{ fullTitle, state, duration?, error?: { message, stack? } }], error?: { message, stack? } }
 * Returns { passed, failed, skipped }; a suite that could not run counts as one failure, and so does
 * one that ran no tests unless `empty` says why that is fine (e.g. a --grep that matched nothing).
 */
export function printResults(label, results, { header, empty } = {}) {
  if (header) console.log(header);
  const tests = results.tests ?? [];
  for (const t of tests) {
    const ms = t.duration ? ` (${t.duration}ms)` : '';
    if (t.state === 'passed') console.log(`  ✓ ${t.fullTitle}${ms}`);
    else if (t.state === 'pending') console.log(`  - ${t.fullTitle} (skipped)`);
    else {
      console.log(`  ✗ ${t.fullTitle}${ms}`);
      if (t.error) console.log(indent(t.error.stack || t.error.message, '      '));
    }
  }
  const passed = tests.filter((t) => t.state === 'passed').length;
  let failed = tests.filter((t) => t.state === 'failed').length;
  const skipped = tests.filter((t) => t.state === 'pending').length;
  if (results.error) {
    console.log(`  ✗ ${label} suite did not run: ${results.error.message}`);
    if (results.error.stack) console.log(indent(results.error.stack, '      '));
    failed = Math.max(failed, 1);
  }
  if (!tests.length && !results.error) {
    if (empty) console.log(`  - no tests ran: ${empty}`);
    else {
      console.log(`  ✗ no tests ran`);
      failed = Math.max(failed, 1);
    }
  }
  console.log(`${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return { passed, failed, skipped };
}
