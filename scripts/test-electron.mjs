// `npm run test:electron`: the same compiled suite in desktop VS Code via @vscode/test-electron,
// for machines that can download VS Code (this project's CI cannot: it uses test-codeserver.mjs).
// NEWSMARK_VSCODE_VERSION picks the VS Code version (default: the one code-server 4.100.3 ships).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { TESTS_INDEX, copySamples, ensureBuilt, extensionPath, log, onCleanup } from './codeserver.mjs';
import { printResults, readResults } from './results.mjs';

const VSCODE_VERSION = process.env.NEWSMARK_VSCODE_VERSION || '1.100.3';


// Electron needs a display; on a headless Linux box re-run this script under xvfb-run if it is there.
function needsXvfb() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return false;
  const has = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
  if (!has) log('warning: no DISPLAY and no xvfb-run; VS Code will probably fail to start (apt-get install -y xvfb)');
  return has;
}

async function main() {
  if (needsXvfb()) {
    const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
    return r.status ?? 1;
  }
  ensureBuilt();
  const workspace = copySamples();
  const scratch = mkdtempSync(join(tmpdir(), 'newsmark-results-'));
  onCleanup(() => rmSync(scratch, { recursive: true, force: true }));
  const resultsFile = join(scratch, 'results.json');
  const launchArgs = [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'];
  // Chromium refuses to run as root with its sandbox on.
  if (process.getuid?.() === 0) launchArgs.push('--no-sandbox');

  let runError;
  try {
    await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: extensionPath(),
      extensionTestsPath: TESTS_INDEX,
      launchArgs,
      extensionTestsEnv: { NEWSMARK_TEST_RESULTS: resultsFile, NEWSMARK_TEST_WORKSPACE: workspace },
    });
  } catch (err) {
    runError = err; // a failing suite rejects too; the results file tells which it was
  }
  const results = existsSync(resultsFile)
    ? readResults(resultsFile)
    : { tests: [], error: { message: `VS Code did not produce results: ${runError?.message ?? 'unknown error'}` } };
  const header = `Integration tests inside VS Code ${results.vscodeVersion ?? VSCODE_VERSION} (Electron)`;
  const { failed } = printResults('integration', results, { header });
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => { console.error(`test-electron: ${err.stack || err.message}`); process.exit(1); },
);
