// Playwright + Debian's Chromium against a code-server workbench.
import { appendFileSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser({ headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless,
    // Without the network switches Chromium keeps calling home, which this closed network only slows down.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
  return browser; // playwright kills the browsers it launched when this process exits
}

/** Drags the side bar's sash so tree labels are readable in screenshots. */
export async function widenSidebar(page, width = 440) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const [x, y] = [box.x + box.width, box.y + box.height / 2];
  await page.mouse.move(x - 1, y);
  await page.mouse.down();
  await page.mouse.move(x - 1 + width - box.width, y, { steps: 5 });
  await page.mouse.up();
}

/**
 * Run in the page (NEWSMARK_TIMER_JITTER=MS, or a test through page.evaluate): half of its
 * zero-delay timers fire up to MS late, as on a busy machine, so a race in the workbench's timing
 * shows every run instead of one CI run in ten. MS 0 puts setTimeout back.
 */
export function jitterTimers(ms) {
  const saved = window.newsmarkSetTimeout;
  if (saved) window.setTimeout = saved;
  delete window.newsmarkSetTimeout;
  if (!(ms > 0)) return;
  const setTimer = (window.newsmarkSetTimeout = window.setTimeout);
  window.setTimeout = (fn, delay, ...rest) => setTimer(fn, !delay && Math.random() < 0.5 ? Math.random() * ms : delay, ...rest);
}

/**
 * Opens URL in a new page and waits until the workbench has rendered. CONSOLELOG receives the page's
 * console. EXPOSE names functions for the page's window (e.g. codeAutomationExit, which the workbench
 * calls when the extension tests end): they are exposed before the page loads, when it looks for them.
 */
export async function openWorkbench(browser, url, { viewport = { width: 1600, height: 1000 }, consoleLog, expose = {} } = {}) {
  // Dark, so the workbench never follows a light system scheme when it auto-detects one.
  const context = await browser.newContext({ viewport, colorScheme: 'dark' });
  const page = await context.newPage();
  const jitter = Number(process.env.NEWSMARK_TIMER_JITTER) || 0;
  if (jitter > 0) await page.addInitScript(jitterTimers, jitter);
  if (consoleLog) {
    page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.stack || e}\n`));
  }
  for (const [name, fn] of Object.entries(expose)) await page.exposeFunction(name, fn);
  await page.goto(url);
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  return page;
}
