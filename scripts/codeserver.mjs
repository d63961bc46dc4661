// Shared helpers for running the extension inside VS Code's server build (code-server from npm),
// because @vscode/test-electron cannot download VS Code on machines that only reach the npm registry.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installLanguagePack } from './languagePack.mjs';
import { readResults } from './results.mjs';
import { CHROMIUM } from './workbench.mjs';

export { CHROMIUM, launchBrowser, openWorkbench, widenSidebar } from './workbench.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE_DIR = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const LOG_DIR = join(ROOT, '.vscode-test', 'logs');
const PKG_DIR = join(CACHE_DIR, 'node_modules', 'code-server');
const VSCODE_DIR = join(PKG_DIR, 'lib', 'vscode');
// Written last, so a directory without it is a half-finished install.
const MARKER = join(CACHE_DIR, '.newsmark-install-complete');

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export const log = (msg) => console.log(`[newsmark] ${msg}`);

// --- cleanup: every child we start must die with us, including on Ctrl-C -------------------------
const cleanups = new Set();
export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
function runCleanups() {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try { fn(); } catch { /* best effort while exiting */ }
  }
}
process.on('exit', runCleanups);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    runCleanups();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

// --- system packages ------------------------------------------------------------------------------
const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const SYSTEM_PACKAGES = {
  chromium: () => existsSync(CHROMIUM),
  ripgrep: () => hasCommand('rg'),
  // kerberos (VS Code's proxy auth) compiles against these headers.
  'libkrb5-dev': () => spawnSync('dpkg', ['-s', 'libkrb5-dev'], { stdio: 'ignore' }).status === 0,
};

export function ensureSystemPackages() {
  const missing = Object.entries(SYSTEM_PACKAGES).filter(([, present]) => !present()).map(([name]) => name);
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  const asRoot = process.getuid?.() === 0 ? [] : hasCommand('sudo') ? ['sudo', '-n'] : null;
  if (!asRoot || !hasCommand('apt-get')) {
    throw new Error(`missing system packages (${missing.join(', ')}) and cannot apt-get install them here: ` +
      `install them yourself, e.g. "sudo apt-get install -y ${missing.join(' ')}"`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => {
    const [cmd, ...rest] = [...asRoot, 'apt-get', ...args];
    const r = spawnSync(cmd, rest, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`"${[cmd, ...rest].join(' ')}" failed (exit ${r.status}); install ${missing.join(' ')} by hand`);
  };
  apt(['update']);
  // With recommends, as on the machines this was verified on: chromium's fonts come in that way.
  apt(['install', '-y', '-qq', ...missing]);
  const still = missing.filter((name) => !SYSTEM_PACKAGES[name]());
  if (still.length) throw new Error(`apt-get finished but these are still missing: ${still.join(', ')}`);
}

// --- code-server install --------------------------------------------------------------------------
function runLogged(cmd, args, { cwd, env, logFile }) {
  return new Promise((res, rej) => {
    const fd = openSync(logFile, 'a');
    writeFileSync(fd, `\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
    const p = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const unregister = onCleanup(() => p.kill('SIGKILL'));
    p.on('error', (err) => { unregister(); rej(err); });
    p.on('exit', (code) => {
      unregister();
      if (code === 0) res(); else rej(new Error(`${cmd} ${args.join(' ')} exited ${code}`));
    });
  });
}

function tail(file, lines = 40) {
  try { return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return '(no log)'; }
}

export function codeServerPaths() {
  return { dir: CACHE_DIR, pkgDir: PKG_DIR, vscodeDir: VSCODE_DIR, entry: join(PKG_DIR, 'out', 'node', 'entry.js') };
}

export async function ensureCodeServer() {
  const paths = codeServerPaths();
  if (existsSync(MARKER)) return paths;
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, 'code-server-install.log');
  if (existsSync(CACHE_DIR)) {
    log(`found an unfinished code-server install in ${CACHE_DIR}; starting over`);
    rmSync(CACHE_DIR, { recursive: true, force: true });
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  // Its own package.json keeps npm from treating the project as the install root.
  writeFileSync(join(CACHE_DIR, 'package.json'), JSON.stringify({ name: 'newsmark-code-server', private: true }, null, 2));
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE_DIR} (once; log: ${logFile})`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const quiet = ['--no-audit', '--no-fund', '--loglevel=warn'];
  // npm_config_yes: the user's npmrc may say yes=false, which makes rebuild prompt and hang with no tty.
  const env = { npm_config_yes: 'true', npm_config_update_notifier: 'false' };
  const steps = [
    // Install scripts would try to download things (VS Code deps, ripgrep) from outside the registry.
    ['code-server package', CACHE_DIR, ['install', '--ignore-scripts', ...quiet, `code-server@${CODE_SERVER_VERSION}`]],
    ['VS Code server dependencies', VSCODE_DIR, ['install', '--omit=dev', '--ignore-scripts', ...quiet]],
    ['native modules (watcher, spdlog, watchdog, pty)', VSCODE_DIR, ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', 'node-pty']],
    ['argon2', CACHE_DIR, ['rebuild', 'argon2']],
  ];
  try {
    for (const [what, cwd, args] of steps) {
      log(`  ${what}… (${elapsed()})`);
      await runLogged(npm, args, { cwd, env, logFile });
    }
    // kerberos is only for proxy authentication; a failed build must not block the tests.
    log(`  kerberos (optional)… (${elapsed()})`);
    await runLogged(npm, ['rebuild', 'kerberos'], { cwd: VSCODE_DIR, env, logFile })
      .catch((e) => log(`  kerberos did not build (${e.message}); proxy auth will be unavailable, which the tests do not need`));
    // The server resolves its modules through node_modules.asar, which only the packaged product ships.
    const asar = join(VSCODE_DIR, 'node_modules.asar');
    if (!existsSync(asar)) symlinkSync('node_modules', asar);
    // ripgrep's postinstall downloads its binary from GitHub; Debian's rg stands in.
    const rgBin = join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
    mkdirSync(dirname(rgBin), { recursive: true });
    const systemRg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
    if (!systemRg) throw new Error('ripgrep (rg) not found; run ensureSystemPackages() first');
    copyFileSync(systemRg, rgBin);
    chmodSync(rgBin, 0o755);
    if (!existsSync(paths.entry)) throw new Error(`code-server entry point missing: ${paths.entry}`);
  } catch (err) {
    console.error(tail(logFile));
    throw new Error(`code-server install failed: ${err.message} (full log: ${logFile})`);
  }
  writeFileSync(MARKER, `code-server ${CODE_SERVER_VERSION} installed ${new Date().toISOString()}\n`);
  log(`code-server ${CODE_SERVER_VERSION} ready (${elapsed()})`);
  return paths;
}

// --- running it -----------------------------------------------------------------------------------
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  // A fresh profile per run would meet Newsmark's one-time "Who is tagging?" at the first tag of
  // whichever suite tags first; the tests of that question turn it back on.
  'newsmark.askForAuthorName': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'editor.wordWrap': 'on', // articles are prose with one paragraph per line
  'files.autoSave': 'off', // as in desktop VS Code (the web build saves after a delay by default)
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Every run adds logs and screenshots; keep the newest few dozen.
function pruneLogs(keep = 40) {
  mkdirSync(LOG_DIR, { recursive: true });
  const files = readdirSync(LOG_DIR).filter((f) => f !== 'code-server-install.log')
    .map((f) => ({ f, t: statSync(join(LOG_DIR, f)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(keep)) rmSync(join(LOG_DIR, f), { force: true });
}

async function answers(url) {
  try {
    const r = await fetch(url, { signal: globalThis.AbortSignal.timeout(2000) });
    return r.status < 500;
  } catch { return false; }
}

/**
 * Lines of VS Code's logs that mean the Tags view's rows went wrong (a row registered twice, a
 * reveal of a row VS Code cannot place): a run that logs any of them fails, whatever its tests said.
 * ("No tree item with id … found" is not among them: VS Code logs it whenever a redraw lands while
 * it is still fetching the rows of the one before — any click on Group by Category can do that —
 * and the redraw that caused it puts the rows right.)
 */
export const TREE_VIEW_ERRORS = /is already registered|Cannot resolve tree item/;

function logFilesUnder(dir) {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.log')).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** The lines of FILES that match TREE_VIEW_ERRORS, each with the file it came from. */
export function scanLogs(files, pattern = TREE_VIEW_ERRORS) {
  const found = [];
  for (const file of files) {
    let text;
    try { text = readFileSync(file, 'utf8'); } catch { continue; }
    for (const line of text.split('\n')) if (pattern.test(line)) found.push(`${basename(file)}: ${line.trim().slice(0, 300)}`);
  }
  return found;
}

/**
 * Starts code-server on FOLDER with a fresh user-data and extensions dir.
 * env is added to code-server's environment, which its extension host inherits.
 * locale ('de'): a minimal language pack for it is installed first (scripts/languagePack.mjs) and
 * code-server starts with --locale, so extensions get that language's bundle (the workbench's own
 * strings stay English).
 */
export async function startCodeServer({ folder, env = {}, port, name = 'code-server', settings = {}, locale } = {}) {
  const { entry } = codeServerPaths();
  port ??= await freePort();
  const scratch = mkdtempSync(join(tmpdir(), 'newsmark-cs-'));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  pruneLogs();
  const logFile = join(LOG_DIR, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}-${port}.log`);

  // An empty gallery keeps the workbench from querying open-vsx.org, which this network cannot reach.
  const childEnv = { EXTENSIONS_GALLERY: '{}', ...process.env, ...env };
  // Inside a VS Code terminal these make code-server hand the folder to that instance instead of serving.
  for (const k of Object.keys(childEnv)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete childEnv[k];
  }
  // Otherwise code-server writes a default config (with a password) into the user's ~/.config.
  const config = join(scratch, 'config.yaml');
  if (locale) {
    const removeScratch = () => rmSync(scratch, { recursive: true, force: true });
    const forget = onCleanup(removeScratch); // also when interrupted while the pack installs
    try {
      await installLanguagePack({ locale, entry, scratch, userDataDir, extensionsDir, config, env: childEnv, logFile });
    } catch (err) {
      removeScratch();
      throw err;
    } finally {
      forget();
    }
  }
  const args = [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir, '--config', config, ...(locale ? ['--locale', locale] : []), folder];
  const fd = openSync(logFile, 'a');
  // Own process group, so stop() also reaches the extension host and other grandchildren.
  const proc = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);

  let exited = null;
  const exitPromise = new Promise((res) => proc.on('exit', (code, signal) => { exited = { code, signal }; res(exited); }));
  const killGroup = (sig) => { try { process.kill(-proc.pid, sig); } catch { /* already gone */ } };
  const unregister = onCleanup(() => { killGroup('SIGKILL'); rmSync(scratch, { recursive: true, force: true }); });

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 90_000;
  while (!(await answers(`${url}healthz`))) {
    if (exited) throw new Error(`code-server exited (${exited.code ?? exited.signal}) before answering; log ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) { killGroup('SIGKILL'); throw new Error(`code-server did not answer on ${url} within 90s; log ${logFile}:\n${tail(logFile)}`); }
    await sleep(250);
  }

  async function stop() {
    if (!exited) {
      killGroup('SIGTERM');
      await Promise.race([exitPromise, sleep(5000)]);
      killGroup('SIGKILL');
    }
    unregister();
    // VS Code's own logs (the extension host's among them) go with the scratch folder: read them first.
    const problems = scanLogs([...logFilesUnder(join(userDataDir, 'logs')), logFile]);
    rmSync(scratch, { recursive: true, force: true });
    return problems;
  }
  return { url, port, proc, logFile, userSettingsFile: join(userDataDir, 'User', 'settings.json'), exitPromise, stop, tail: (n) => tail(logFile, n), get exited() { return exited; } };
}

/** The workbench URL that loads EXTENSIONPATH (and optionally runs the tests at TESTSPATH) in the remote extension host. */
export function workbenchUrl({ port, folder, extensionPath, testsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${resolve(p)}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(resolve(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The extension under test; NEWSMARK_EXTENSION_PATH lets the harness be checked against another extension. */
export function extensionPath() {
  return resolve(process.env.NEWSMARK_EXTENSION_PATH || ROOT);
}

let linkedExtension;
/**
 * The extension path to hand to code-server. The project root contains the code-server install
 * (.vscode-test/), and a development extension that contains the server makes VS Code mistreat its
 * built-in extensions (seen: the dark theme setting is ignored). A symlink from outside hides that.
 */
export function serverExtensionPath() {
  const ext = extensionPath();
  const rel = relative(ext, CACHE_DIR);
  if (rel.startsWith('..') || isAbsolute(rel)) return ext;
  if (!linkedExtension) {
    const dir = mkdtempSync(join(tmpdir(), 'newsmark-ext-'));
    linkedExtension = join(dir, basename(ext));
    symlinkSync(ext, linkedExtension);
    onCleanup(() => rmSync(dir, { recursive: true, force: true })); // removes the link, not its target
  }
  return linkedExtension;
}

/** The sample articles; NEWSMARK_SAMPLES_PATH lets the harness be checked against other samples. */
export function samplesPath() {
  return resolve(process.env.NEWSMARK_SAMPLES_PATH || join(ROOT, 'samples'));
}

/**
 * A throwaway copy of the samples, since tests edit sidecars: ROOT/samples, where ROOT is a new
 * folder of its own in the temporary folder. The workspace has no siblings, so a path typed into
 * VS Code's file dialog does not depend on what else the temporary folder holds. Both go when the
 * harness exits, passed or failed.
 */
export function copySamples(prefix = 'newsmark-ws-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  onCleanup(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'samples');
  mkdirSync(dir);
  const samples = samplesPath();
  if (existsSync(samples)) {
    const r = spawnSync('cp', ['-a', `${samples}/.`, dir], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`copying ${samples} to ${dir} failed (exit ${r.status})`);
  }
  return dir;
}

/** The compiled integration suite the extension host runs. */
export const TESTS_INDEX = join(ROOT, 'out', 'test', 'integration', 'index.js');

/** Builds the extension and the tests if their output is missing (npm test builds first anyway). */
export function ensureBuilt() {
  const needed = [TESTS_INDEX];
  if (!process.env.NEWSMARK_EXTENSION_PATH) needed.push(join(ROOT, 'dist', 'extension.js'));
  if (needed.every((f) => existsSync(f))) return;
  log('build output missing; running node scripts/build.mjs');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

/**
 * Waits for the results file FILE that a test runner inside SERVER writes when its suite ends.
 * ended() may say why no file will come (e.g. the workbench reported the tests over): checked
 * after a last look for the file.
 */
export async function waitForResults(file, server, { timeoutMs, ended = () => undefined }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(file)) return readResults(file);
    if (server.exited) {
      throw new Error(`code-server exited (${server.exited.code ?? server.exited.signal}) before the tests finished; log ${server.logFile}:\n${server.tail(40)}`);
    }
    const why = ended();
    if (why) {
      await sleep(2000); // the file may be a rename away
      if (existsSync(file)) return readResults(file);
      throw new Error(`${why}, but no results file came; tail of ${server.logFile}:\n${server.tail(40)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`no test results after ${timeoutMs / 1000}s; tail of ${server.logFile}:\n${server.tail(60)}`);
    }
    await sleep(500);
  }
}

/**
 * The logs are scanned after every run: a tree-view error there ("already registered", "Cannot
 * resolve tree item") means rows went wrong even if every assertion passed, so it is a failure.
 */
export function addLogCheck(results, problems) {
  if (!results.tests || (results.tests.length === 0 && problems.length === 0)) return;
  const fullTitle = 'VS Code\'s logs show no Tags view errors';
  if (problems.length === 0) results.tests.push({ fullTitle, title: fullTitle, state: 'passed', duration: 0 });
  else {
    const message = `${problems.length} tree-view error lines in the logs, e.g.:\n${problems.slice(0, 8).join('\n')}`;
    results.tests.push({ fullTitle, title: fullTitle, state: 'failed', duration: 0, error: { message, stack: message } });
  }
}
