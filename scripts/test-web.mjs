// `npm run test:web`: the integration suites inside VS Code's web worker extension host, where the
// extension runs in vscode.dev-like browsers: code-server serves the workbench, Debian's Chromium
// runs it, and the extension (its package.json `browser` build) and the tests (dist/test-web/index.js,
// built by scripts/build.mjs from test/web/index.ts) run in a web worker, without Node. The Faults
// suite is left out (npm run test:faults runs it, in the Node host); the run prints what it left out.
// It says "ran in the web worker extension host" only when the runner inside saw a worker global and
// no `process`; any other host is a failure.
// Options: --grep <text> (only the tests whose full title contains text; matching nothing is then not
// a failure), --invert (only those whose title does not).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CODE_SERVER_VERSION, LOG_DIR, ROOT, addLogCheck, copySamples, ensureCodeServer, ensureSystemPackages, extensionPath,
  launchBrowser, log, openWorkbench, scanLogs, serverExtensionPath, startCodeServer, waitForResults, workbenchUrl,
} from './codeserver.mjs';
import { printResults } from './results.mjs';

const argv = process.argv.slice(2);
const grepAt = argv.indexOf('--grep');
const grep = grepAt >= 0 ? argv[grepAt + 1] : undefined;
if (grepAt >= 0 && !grep) throw new Error('--grep needs the text to look for in test titles');
const invert = argv.includes('--invert');
if (invert && !grep) throw new Error('--invert needs --grep <text>');
const emptyOk = grep && !invert ? `none matches --grep ${JSON.stringify(grep)}` : undefined;
const SUITE_TIMEOUT_MS = Number(process.env.NEWSMARK_TEST_TIMEOUT_MS) || 5 * 60_000;

/** The web test bundle, inside the extension folder: from anywhere else the workbench runs it in the Node host. */
const WEB_TESTS = join('dist', 'test-web', 'index.js');
// Shared with test/web/index.ts, which reads the options and writes the results beside the workspace folder.
const OPTIONS_FILE = 'newsmark-web-test.json';
const RESULTS_FILE = 'web-results.json';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
const tailOf = (file, n) => { try { return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).map((l) => `    ${l.slice(0, 300)}`).join('\n'); } catch { return '    (none)'; } };

/** The extension's manifest, its id, and its browser entry; builds first if an output is missing. */
function webBuild() {
  const ext = extensionPath();
  const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
  if (!manifest.browser) {
    throw new Error(`${join(ext, 'package.json')} has no "browser" entry: the extension has no web build for the web worker host to run`);
  }
  const needed = [join(ext, manifest.browser), join(ext, WEB_TESTS)];
  if (!needed.every((f) => existsSync(f)) && !process.env.NEWSMARK_EXTENSION_PATH) {
    log('build output missing; running node scripts/build.mjs');
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  const missing = needed.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`missing after the build: ${missing.join(', ')}`);
  return { id: `${manifest.publisher}.${manifest.name}`, browser: manifest.browser };
}

/**
 * The runner reports what it saw of its host; a suite that ran anywhere but the web worker host
 * fails, whatever its tests said.
 */
function checkHost(results) {
  const host = results.host;
  if (host?.kind === 'web worker') return `ran in the web worker extension host (VS Code ${results.vscodeVersion}; global ${host.globalScope}, no process)`;
  const fullTitle = 'the suite ran in the web worker extension host';
  const message = host ? `the runner found globalThis to be [object ${host.globalScope}] and process of type ${host.process}` : 'no runner reported where it ran';
  (results.tests ??= []).push({ fullTitle, title: fullTitle, state: 'failed', duration: 0, error: { message } });
  return `NOT in the web worker extension host: ${message}`;
}

async function main() {
  const { id, browser: browserEntry } = webBuild();
  ensureSystemPackages();
  await ensureCodeServer();
  mkdirSync(LOG_DIR, { recursive: true });
  if (process.env.NEWSMARK_EXTENSION_PATH) log(`extension under test: ${extensionPath()} (NEWSMARK_EXTENSION_PATH)`);
  const started = Date.now();
  const workspace = copySamples('newsmark-web-');
  const beside = dirname(workspace); // a folder of its own, removed on exit
  writeFileSync(join(beside, OPTIONS_FILE), JSON.stringify({ grep, invert, results: RESULTS_FILE }));
  const resultsFile = join(beside, RESULTS_FILE);

  const browser = await launchBrowser();
  const consoleLog = join(LOG_DIR, `web-browser-${stamp()}.log`);
  let results;
  let logProblems = [];
  // A manifest with both `main` and `browser` runs in the Node host unless the user asks for the web one.
  const server = await startCodeServer({ folder: workspace, name: 'code-server-web', settings: { 'remote.extensionKind': { [id]: ['web'] } } });
  log(`web: code-server on ${server.url}, extension ${id} (${browserEntry}) (server log ${server.logFile}, browser console ${consoleLog})`);
  try {
    let exitCode;
    const extension = serverExtensionPath();
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionPath: extension, testsPath: join(extension, WEB_TESTS) });
    const page = await openWorkbench(browser, url, {
      consoleLog,
      expose: {
        // The workbench calls these when they exist: its log lines, and the end of the extension tests.
        codeAutomationLog: (type, args) => appendFileSync(consoleLog, `[workbench ${type}] ${typeof args === 'string' ? args : JSON.stringify(args)}\n`),
        codeAutomationExit: (code) => { exitCode = code; },
      },
    });
    try {
      results = await waitForResults(resultsFile, server, {
        timeoutMs: SUITE_TIMEOUT_MS,
        ended: () => (exitCode === undefined ? undefined : `the workbench reported the extension tests over (exit code ${exitCode})`),
      });
    } catch (err) {
      await page.screenshot({ path: join(LOG_DIR, `web-timeout-${stamp()}.png`) }).catch(() => {});
      console.log(`  last lines of the browser console (${consoleLog}):\n${tailOf(consoleLog, 15)}`);
      results = { tests: [], error: { message: err.message } };
    }
    await page.context().close().catch(() => {});
  } finally {
    logProblems = await server.stop();
    await browser.close().catch(() => {});
  }

  const where = checkHost(results);
  addLogCheck(results, [...logProblems, ...scanLogs([consoleLog])]);
  for (const { file, reason } of results.leftOut ?? []) log(`web: left out ${file}: ${reason}`);
  log(`web took ${((Date.now() - started) / 1000).toFixed(1)}s`);
  // The summary line comes last: CI reads "N passed, N failed" from the closing lines.
  const header = `Integration tests: ${where} (code-server ${CODE_SERVER_VERSION})`;
  return printResults('web', results, { header, empty: emptyOk }).failed;
}

main().then(
  (failed) => process.exit(failed > 0 ? 1 : 0),
  (err) => { console.error(`test-web: ${err.stack || err.message}`); process.exit(1); },
);
