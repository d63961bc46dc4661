// `npm run test:integration`: runs the compiled mocha suite inside VS Code's server build (code-server)
// driven by Debian's Chromium, then the Playwright UI tests in test/ui/*.ui.mjs against a second server.
// The UI tests in German (test/ui/*.ui.de.mjs) follow, against a third server started with --locale de.
// Options: --no-ui (integration only), --ui-only, --grep <text> (only the tests whose full title
// contains text; matching nothing is then not a failure), --invert (only those whose title does not),
// --web (the UI tests with the extension in the web worker extension host, as on vscode.dev).
// NEWSMARK_TIMER_JITTER=30 makes half of the page's zero-delay timers fire up to 30 ms late (a busy
// machine's timing, every run). NEWSMARK_FAULT_LEDGER is passed on to the extension host for the fault suite (scripts/test-faults.mjs).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION, LOG_DIR, ROOT, TESTS_INDEX, addLogCheck, copySamples, ensureBuilt, ensureCodeServer, ensureSystemPackages, extensionPath,
  launchBrowser, log, onCleanup, openWorkbench, scanLogs, serverExtensionPath, startCodeServer, waitForResults, workbenchUrl,
} from './codeserver.mjs';
import { printResults } from './results.mjs';

const argv = process.argv.slice(2);
const runIntegration = !argv.includes('--ui-only');
const runUi = !argv.includes('--no-ui');
const grepAt = argv.indexOf('--grep');
const grep = grepAt >= 0 ? argv[grepAt + 1] : undefined;
if (grepAt >= 0 && !grep) throw new Error('--grep needs the text to look for in test titles');
const invert = argv.includes('--invert');
const web = argv.includes('--web');
if (web && !argv.includes('--ui-only')) throw new Error('--web runs the UI tests only (npm run test:web runs the integration suite in the web worker host): add --ui-only');
if (invert && !grep) throw new Error('--invert needs --grep <text>');
/** Whether a test with this full title runs under --grep / --invert (as mocha's fgrep does). */
const selected = (fullTitle) => !grep || fullTitle.includes(grep) !== invert;
/** Passed to printResults: with a plain --grep, no matching tests is fine. */
const emptyOk = grep && !invert ? `none matches --grep ${JSON.stringify(grep)}` : undefined;
const SUITE_TIMEOUT_MS = Number(process.env.NEWSMARK_TEST_TIMEOUT_MS) || 5 * 60_000;
const UI_TEST_TIMEOUT_MS = Number(process.env.NEWSMARK_UI_TEST_TIMEOUT_MS) || 90_000;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
const tailOf = (file, n) => { try { return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).map((l) => `    ${l.slice(0, 300)}`).join('\n'); } catch { return '    (none)'; } };


async function integration(browser) {
  const started = Date.now();
  const workspace = copySamples();
  const scratch = mkdtempSync(join(tmpdir(), 'newsmark-results-'));
  onCleanup(() => rmSync(scratch, { recursive: true, force: true }));
  const resultsFile = join(scratch, 'results.json');
  const server = await startCodeServer({
    folder: workspace,
    name: 'code-server-integration',
    env: {
      NEWSMARK_TEST_RESULTS: resultsFile,
      NEWSMARK_TEST_WORKSPACE: workspace,
      NEWSMARK_TEST_GREP: grep ?? '',
      NEWSMARK_TEST_GREP_INVERT: invert ? '1' : '',
      ...(process.env.NEWSMARK_FAULT_LEDGER ? { NEWSMARK_FAULT_LEDGER: process.env.NEWSMARK_FAULT_LEDGER } : {}),
    },
  });
  const consoleLog = join(LOG_DIR, `integration-browser-${stamp()}.log`);
  log(`integration: code-server on ${server.url} (server log ${server.logFile}, browser console ${consoleLog})`);
  let results;
  let logProblems = [];
  try {
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionPath: serverExtensionPath(), testsPath: TESTS_INDEX });
    const page = await openWorkbench(browser, url, { consoleLog });
    try {
      results = await waitForResults(resultsFile, server, { timeoutMs: SUITE_TIMEOUT_MS });
    } catch (err) {
      await page.screenshot({ path: join(LOG_DIR, `integration-timeout-${stamp()}.png`) }).catch(() => {});
      // The extension host's console (mocha's spec reporter) is forwarded to the page: it shows where it hung.
      console.log(`  last lines of the browser console (${consoleLog}):\n${tailOf(consoleLog, 15)}`);
      results = { tests: [], error: { message: err.message } };
    }
    await page.context().close().catch(() => {});
  } finally {
    logProblems = await server.stop();
  }
  addLogCheck(results, [...logProblems, ...scanLogs([consoleLog])]);
  const header = `Integration tests inside VS Code ${results.vscodeVersion ?? '?'} (code-server ${CODE_SERVER_VERSION})`;
  log(`integration took ${((Date.now() - started) / 1000).toFixed(1)}s`);
  // The summary line comes last: CI reads "N passed, N failed" from the closing lines.
  return printResults('integration', results, { header, empty: emptyOk });
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`${what} timed out after ${ms / 1000}s`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// test/ui/*.ui.mjs export `tests = [{ title, fn(ctx) }]`; they run in order on one page and share ctx.
// test/ui/*.ui.<locale>.mjs (german.ui.de.mjs) run the same way in a code-server of their own,
// started with --locale <locale> and a language pack for it (scripts/languagePack.mjs).
const LANGUAGE_NAMES = { de: 'German' };

async function ui(browser, { locale } = {}) {
  const started = Date.now();
  const label = locale ? `ui-${locale}` : 'ui';
  const header = `UI tests${locale ? ` in ${LANGUAGE_NAMES[locale] ?? locale} (--locale ${locale})` : ''} (Playwright + Chromium, code-server ${CODE_SERVER_VERSION}${web ? ', extension in the web worker host' : ''})`;
  const uiDir = join(ROOT, 'test', 'ui');
  const suffix = locale ? `.ui.${locale}.mjs` : '.ui.mjs';
  const files = existsSync(uiDir) ? readdirSync(uiDir).filter((f) => f.endsWith(suffix)).sort() : [];
  // The tests --grep / --invert select, in order; none: no code-server is started for them.
  const selectedTests = [];
  try {
    for (const file of files) {
      const mod = await import(pathToFileURL(join(uiDir, file)).href);
      for (const t of mod.tests ?? []) {
        const fullTitle = `${mod.title ?? file} ${t.title}`;
        if (selected(fullTitle)) selectedTests.push({ fullTitle, t });
      }
    }
  } catch (err) {
    return printResults(label, { tests: [], error: { message: err.message, stack: err.stack } }, { header });
  }
  if (selectedTests.length === 0) return printResults(label, { tests: [] }, { header, empty: emptyOk });
  const workspace = copySamples('newsmark-ui-');
  // --web: the user setting that puts an extension with both `main` and `browser` in the web worker host.
  const settings = web ? { 'remote.extensionKind': { 'newsmark.newsmark': ['web'] } } : {};
  const server = await startCodeServer({ folder: workspace, name: locale ? `code-server-ui-${locale}` : 'code-server-ui', env: { NEWSMARK_TEST_WORKSPACE: workspace }, settings, locale });
  const consoleLog = join(LOG_DIR, `${label}-browser-${stamp()}.log`);
  log(`${label}: code-server on ${server.url} (server log ${server.logFile}, browser console ${consoleLog})`);
  const results = { tests: [] };
  try {
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionPath: serverExtensionPath() });
    const page = await openWorkbench(browser, url, { consoleLog });
    // userSettingsFile: a suite that changes a user setting (as a person would) puts it back there.
    const ctx = { page, workspace, root: ROOT, url, port: server.port, log, userSettingsFile: server.userSettingsFile, locale };
    for (const { fullTitle, t } of selectedTests) {
      const t0 = Date.now();
      try {
        await withTimeout(Promise.resolve().then(() => t.fn(ctx)), t.timeout ?? UI_TEST_TIMEOUT_MS, fullTitle);
        results.tests.push({ fullTitle, title: t.title, state: 'passed', duration: Date.now() - t0 });
      } catch (err) {
        const shot = join(LOG_DIR, `${label}-failure-${stamp()}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        // Extension errors often surface only as toasts ("command not found"), so show them with the failure.
        const toasts = await page.locator('.notification-toast .notification-list-item-message').allInnerTexts().catch(() => []);
        const message = `${err.message}${toasts.length ? `\nnotifications: ${toasts.join(' | ')}` : ''}\n(screenshot: ${shot})`;
        results.tests.push({ fullTitle, title: t.title, state: 'failed', duration: Date.now() - t0, error: { message, stack: err.stack?.replace(err.message, message) } });
      }
    }
    await page.context().close().catch(() => {});
  } catch (err) {
    results.error = { message: err.message, stack: err.stack };
  } finally {
    addLogCheck(results, [...(await server.stop()), ...scanLogs([consoleLog])]);
  }
  log(`${label} took ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return printResults(label, results, { header, empty: emptyOk });
}

async function main() {
  ensureBuilt();
  ensureSystemPackages();
  await ensureCodeServer();
  mkdirSync(LOG_DIR, { recursive: true });
  if (process.env.NEWSMARK_EXTENSION_PATH) log(`extension under test: ${extensionPath()} (NEWSMARK_EXTENSION_PATH)`);
  const browser = await launchBrowser();
  let failed = 0;
  try {
    if (runIntegration) failed += (await integration(browser)).failed;
    if (runUi) {
      failed += (await ui(browser)).failed;
      failed += (await ui(browser, { locale: 'de' })).failed;
    }
  } finally {
    await browser.close().catch(() => {});
  }
  return failed;
}

main().then(
  (failed) => process.exit(failed > 0 ? 1 : 0),
  (err) => { console.error(`test-codeserver: ${err.stack || err.message}`); process.exit(1); },
);
