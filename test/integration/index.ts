// Entry point that VS Code's extension host calls (extensionTestsPath). It runs every *.test.js
// built beside it and writes a results file for the launcher, which cannot see this process's
// console when it runs inside code-server.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { errorInfo, followRunner, tally, type Results } from './results';

export type { Results, TestResult } from './results';

// Atomic, so the launcher polling for the file never reads half of it.
function writeResults(results: Results): void {
  const target = process.env['NEWSMARK_TEST_RESULTS'];
  if (!target) return;
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, target);
}

export async function run(): Promise<void> {
  const started = Date.now();
  const results: Results = { vscodeVersion: vscode.version, passes: 0, failures: 0, pending: 0, duration: 0, tests: [] };
  try {
    // The launcher's --grep / --invert: run only the tests whose full title contains (or, inverted,
    // does not contain) this text; the fault suite's "Faults: …" tests are run apart this way.
    const grep = process.env['NEWSMARK_TEST_GREP'];
    const invert = grep !== undefined && grep !== '' && process.env['NEWSMARK_TEST_GREP_INVERT'] === '1';
    const mocha = new Mocha({ ui: 'bdd', timeout: 20000, color: false, ...(grep ? { fgrep: grep, invert } : {}) });
    const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
    for (const f of files) mocha.addFile(path.join(__dirname, f));

    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      followRunner(runner, Mocha.Runner.constants, (result) => results.tests.push(result));
    });
    if (files.length === 0) results.error = { message: `no *.test.js files in ${__dirname}` };
  } catch (err) {
    results.error = errorInfo(err);
  }
  tally(results, started);
  writeResults(results);

  if (results.error) throw new Error(`integration suite did not run: ${results.error.message}`);
  if (results.failures > 0) throw new Error(`${results.failures} integration test(s) failed`);
}
