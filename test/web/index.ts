// Entry point that VS Code's web worker extension host calls (extensionTestsPath; npm run test:web).
// It runs the integration suites bundled into it with mocha's browser build and writes the same
// results file as test/integration/index.ts. The worker has no Node: no fs, no process.env, no
// require of files at run time. So the launcher's options come from a file beside the workspace
// folder, the results go back through workspace.fs, and the test files are bundled in by
// scripts/build.mjs (the module newsmark:integration-tests).
import * as vscode from 'vscode';
import { errorInfo, followRunner, tally, type Results, type TestResult } from '../integration/results';

/** The launcher writes this beside the workspace folder (outside it, so no suite sees it). */
const OPTIONS_FILE = 'newsmark-web-test.json';

interface Options {
  /** Run only the tests whose full title contains this text (or, with invert, does not). */
  grep?: string;
  invert?: boolean;
  /** Name of the results file, beside the options file. */
  results: string;
}

/**
 * What the runner saw of the host it ran in. The launcher says the suite ran in the web worker
 * extension host only when kind says so.
 */
export interface HostFacts {
  kind: 'web worker' | 'not a web worker';
  /** typeof globalThis.process: "undefined" in the web worker host. */
  process: string;
  /** The global object's class, e.g. DedicatedWorkerGlobalScope. */
  globalScope: string;
  userAgent: string;
}

export interface WebResults extends Results {
  host: HostFacts;
  /** Integration test files this bundle leaves out, each with the reason. */
  leftOut: { file: string; reason: string }[];
}

function hostFacts(): HostFacts {
  // Read off globalThis: a bare `process` in this bundle is the module-local shim the npm assert
  // package gets (see processShim.ts), not the host's.
  const scope = globalThis as { process?: unknown; WorkerGlobalScope?: unknown; navigator?: { userAgent?: string } };
  const inWorker = typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof (scope.WorkerGlobalScope as abstract new () => object);
  return {
    kind: inWorker && scope.process === undefined ? 'web worker' : 'not a web worker',
    process: typeof scope.process,
    globalScope: Object.prototype.toString.call(globalThis).slice('[object '.length, -1),
    userAgent: scope.navigator?.userAgent ?? '',
  };
}

function besideWorkspace(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the web tests run with the samples copy open as a folder');
  return vscode.Uri.joinPath(folder.uri, '..', name);
}

async function readOptions(): Promise<Options> {
  const bytes = await vscode.workspace.fs.readFile(besideWorkspace(OPTIONS_FILE));
  return JSON.parse(new TextDecoder().decode(bytes)) as Options;
}

// Written whole and then renamed, so the launcher polling for the file never reads half of it.
async function writeResults(name: string, results: WebResults): Promise<void> {
  const target = besideWorkspace(name);
  const partial = besideWorkspace(`${name}.partial`);
  await vscode.workspace.fs.writeFile(partial, new TextEncoder().encode(JSON.stringify(results, null, 2)));
  await vscode.workspace.fs.rename(partial, target, { overwrite: true });
}

export async function run(): Promise<void> {
  const started = Date.now();
  const results: WebResults = { vscodeVersion: vscode.version, passes: 0, failures: 0, pending: 0, duration: 0, tests: [], host: hostFacts(), leftOut: [] };
  const options = await readOptions();
  const record = (result: TestResult): void => {
    results.tests.push(result);
    // Progress for the browser console log, which the launcher shows when the suite hangs.
    console.log(`[newsmark web test] ${result.state} ${result.fullTitle}`);
  };
  try {
    await import('mocha/mocha'); // the browser build: defines the global `mocha`
    // Base prints nothing (the browser build's default, html, needs a DOM): the results are
    // collected from the runner's events below.
    mocha.setup({ ui: 'bdd', timeout: 20000, reporter: Mocha.reporters.Base });
    if (options.grep) mocha.fgrep(options.grep);
    if (options.grep && options.invert) mocha.invert();
    // The test files register their suites on mocha's globals as they load, so only after setup.
    const bundled = await import('newsmark:integration-tests');
    results.leftOut = bundled.leftOut;

    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      followRunner(runner, Mocha.Runner.constants, record);
    });
    if (bundled.files.length === 0) results.error = { message: 'the web test bundle holds no integration test files' };
  } catch (err) {
    results.error = errorInfo(err);
  }
  tally(results, started);
  await writeResults(options.results, results);

  if (results.error) throw new Error(`web integration suite did not run: ${results.error.message}`);
  if (results.failures > 0) throw new Error(`${results.failures} integration test(s) failed in the web worker host`);
}
