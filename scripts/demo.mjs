// `npm run demo`: serves samples/ in code-server with the extension loaded and prints the URL to open.
// `npm run demo -- --screenshot out.png [--open NAME] [--port N]` does the same headless in Chromium,
// opens a sample article and the Newsmark view, saves a screenshot and exits.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  ROOT, ensureCodeServer, ensureSystemPackages, extensionPath, launchBrowser, log, openWorkbench,
  samplesPath, serverExtensionPath, startCodeServer, widenSidebar, workbenchUrl,
} from './codeserver.mjs';

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function screenshot(url, folder, file) {
  const browser = await launchBrowser();
  const page = await openWorkbench(browser, url, { viewport: { width: 1600, height: 1000 } });
  const article = option('--open') ?? readdirSync(folder).filter((f) => f.endsWith('.txt')).sort()[0];
  if (article) {
    // Quick Open is what a person would use, and needs no knowledge of the extension's commands.
    await page.locator('.part.editor').click({ position: { x: 400, y: 300 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(article);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.part.editor .tab.active').filter({ hasText: article }).waitFor({ timeout: 15_000 })
      .catch(() => log(`warning: ${article} did not open`));
    // Background decorations render as generated "ced-*" classes; before the extension draws any, just move on.
    await page.locator('.part.editor .monaco-editor [class*="ced-"]').first().waitFor({ timeout: 8_000 })
      .catch(() => log('note: no editor decorations appeared (extension not drawing yet?)'));
  } else {
    log(`note: no .txt article in ${folder} to open`);
  }
  const item = page.locator('.part.activitybar [aria-label^="Newsmark"]').first();
  try {
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    const active = await item.evaluate((el) => el.closest('li')?.classList.contains('checked') ?? false);
    if (!active) await item.click();
  } catch {
    log('note: no "Newsmark" activity-bar item (extension not contributing its view yet?)');
  }
  await widenSidebar(page);
  await page.mouse.move(800, 990); // no hover tooltip in the picture
  await sleep(1500); // let the tree and decorations settle
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  await browser.close();
  log(`screenshot written to ${file}`);
}

async function main() {
  const shot = option('--screenshot');
  const port = option('--port') ? Number(option('--port')) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error('--port must be a port number');
  // With NEWSMARK_EXTENSION_PATH the extension comes from elsewhere and this project's build is not needed.
  if (!process.env.NEWSMARK_EXTENSION_PATH) {
    log('building (node scripts/build.mjs)');
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  ensureSystemPackages();
  await ensureCodeServer();
  const folder = samplesPath();
  if (!existsSync(folder)) throw new Error(`no samples folder at ${folder}`);
  // The demo shows tagged articles in the News Article grammar (off by default for users).
  const server = await startCodeServer({ folder, port, name: 'code-server-demo', settings: {
    'newsmark.newsArticleGrammarForText': true,
    // As a person's first install: the walkthrough opens, and the first tag asks who is tagging.
    'workbench.welcomePage.walkthroughs.openOnInstall': true,
    'workbench.startupEditor': 'welcomePageInEmptyWorkbench',
    'newsmark.askForAuthorName': true,
  } });
  const url = workbenchUrl({ port: server.port, folder, extensionPath: serverExtensionPath() });
  if (shot) {
    try {
      await screenshot(url, folder, resolve(shot));
    } finally {
      await server.stop();
    }
    return 0;
  }
  console.log(`\nNewsmark demo: code-server is serving ${folder} with the extension from ${extensionPath()}`);
  console.log(`Open this URL (from another machine, forward port ${server.port} first, e.g. ssh -L ${server.port}:127.0.0.1:${server.port}):\n\n  ${url}\n`);
  console.log(`Server log: ${server.logFile}. Edits to samples/ are real. Ctrl-C to stop.`);
  const { code, signal } = await server.exitPromise;
  throw new Error(`code-server exited (${code ?? signal}); see ${server.logFile}`);
}

main().then(
  (code) => process.exit(code),
  (err) => { console.error(`demo: ${err.message}`); process.exit(1); },
);
