// What a run of the integration suite reports to its launcher, shared by the Node host's runner
// (index.ts) and the web worker host's (test/web/index.ts): one way to follow mocha's events and
// count them. No node: or vscode import, so it bundles for both hosts.
import type Mocha from 'mocha';

export interface TestResult {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  duration?: number;
  error?: { message: string; stack?: string };
}

export interface Results {
  vscodeVersion: string;
  passes: number;
  failures: number;
  pending: number;
  duration: number;
  tests: TestResult[];
  /** Set when the suite could not run at all (e.g. a test file threw while loading). */
  error?: { message: string; stack?: string };
}

export function errorInfo(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { message: String(err) };
}

/** Hands every passed, failed (hooks included: a failing hook is a failure too) and pending test to `record`. */
export function followRunner(runner: Mocha.Runner, constants: typeof Mocha.Runner.constants, record: (result: TestResult) => void): void {
  runner.on(constants.EVENT_TEST_PASS, (test) => record({ title: test.title, fullTitle: test.fullTitle(), state: 'passed', duration: test.duration ?? 0 }));
  runner.on(constants.EVENT_TEST_FAIL, (test, err) => record({ title: test.title, fullTitle: test.fullTitle(), state: 'failed', duration: test.duration ?? 0, error: errorInfo(err) }));
  runner.on(constants.EVENT_TEST_PENDING, (test) => record({ title: test.title, fullTitle: test.fullTitle(), state: 'pending' }));
}

/** Fills in the counts and the duration from the recorded tests. */
export function tally(results: Results, started: number): void {
  results.passes = results.tests.filter((t) => t.state === 'passed').length;
  results.failures = results.tests.filter((t) => t.state === 'failed').length;
  results.pending = results.tests.filter((t) => t.state === 'pending').length;
  results.duration = Date.now() - started;
}
