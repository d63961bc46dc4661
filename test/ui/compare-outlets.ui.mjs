// UI test of "Newsmark: Compare Outlets" on the sample corpus, where the Daily Clarion prints 2,471
// evacuees and two other outlets 2,417. The status bar's "1 figure mismatch" opens the panel; the
// mismatch is highlighted in its three cells; the keyboard alone moves from the tabs into the table,
// to the Clarion's cell, and Enter selects "2,471 people" in its article beside the panel. axe-core
// checks every tab in the dark, light and high-contrast themes, and the panel's colours are the
// theme's. Saves compare-outlets-dark.png, compare-outlets-light.png and compare-quotes.png.
import { axeInEveryTheme, axeRun, focusedInWebview as focused, restoreWorkbench, screenshot, setSidebarVisible, until, webviewContent } from './helpers.mjs';

export const title = 'Compare outlets';

const mismatchItem = (page) => page.locator('.part.statusbar .statusbar-item').filter({ hasText: /\d+ figure mismatch/ }).first();

/** axe-core's violations in the panel, one tab at a time (axe sees only what is shown); the tab is chosen by clicking it. */
async function axeViolations(doc) {
  const out = [];
  for (const tab of ['Figures', 'Quotes', 'Profile']) {
    await doc.locator('[role="tab"]').filter({ hasText: tab }).click();
    out.push(...(await axeRun(doc)).map((v) => `${tab}: ${v}`));
  }
  await doc.locator('[role="tab"]').filter({ hasText: 'Figures' }).click();
  return out;
}

export const tests = [
  {
    title: 'C1 the status bar counts the mismatch and opens Compare Outlets; the mismatch is highlighted, reached by keys, and Enter reveals it',
    timeout: 180_000,
    async fn(ctx) {
      const { page, root } = ctx;
      const problems = [];
      const onConsole = (msg) => { if (/Content.Security.Policy|Refused to/i.test(msg.text())) problems.push(msg.text()); };
      page.on('console', onConsole);
      try {
        await until('the status bar to say "1 figure mismatch"', async () => (await mismatchItem(page).innerText().catch(() => '')).includes('1 figure mismatch'), 30_000);
        // Room for the panel and the article side by side, as in the README's screenshots.
        await setSidebarVisible(page, false);
        await mismatchItem(page).click();
        await page.locator('.part.editor .tab').filter({ hasText: 'Compare Outlets' }).first().waitFor({ state: 'visible', timeout: 15_000 });
        const doc = webviewContent(page);
        await until('the figure table', async () => (await doc.locator('table.figures').count()) === 1, 20_000);

        // The mismatch: three cells, both values, flagged in words as well as colour.
        const cells = await doc.locator('button.fig.k-mismatch').evaluateAll((els) => els.map((el) => ({ text: el.innerText, label: el.getAttribute('aria-label'), bg: getComputedStyle(el).backgroundColor })));
        ctx.log(`mismatched cells: ${cells.map((c) => c.text.replace(/\s+/g, " ")).join(" | ")}`);
        const values = cells.map((c) => c.text.match(/2,4\d\d/)?.[0]).sort();
        if (JSON.stringify(values) !== JSON.stringify(['2,417', '2,417', '2,471'])) throw new Error(`mismatched cells ${JSON.stringify(values)}`);
        const theme = await doc.locator('body').evaluate((body) => {
          const probe = body.ownerDocument.createElement('div');
          probe.style.backgroundColor = 'var(--vscode-inputValidation-errorBackground)';
          body.append(probe);
          const value = getComputedStyle(probe).backgroundColor;
          probe.remove();
          return { error: value, background: getComputedStyle(body).backgroundColor, finding: body.querySelector('tr.k-mismatch td.finding')?.textContent ?? '' };
        });
        if (cells.some((c) => c.bg !== theme.error)) throw new Error(`mismatched cells are ${cells.map((c) => c.bg)}, the theme's error background is ${theme.error}`);
        if (!/mismatch/.test(theme.finding) || !theme.finding.includes('2,471') || !theme.finding.includes('2,417')) throw new Error(`the row's finding says ${JSON.stringify(theme.finding)}`);

        // Keyboard only: into the tab list, into the table, right along the row to the Clarion's 2,471.
        await doc.locator('[role="tab"][aria-selected="true"]').focus();
        if ((await focused(doc))?.role !== 'tab') throw new Error('the Figures tab did not take focus');
        await page.keyboard.press('ArrowRight');
        await until('the Quotes tab to be selected by the arrow key', async () => (await doc.locator('#panel-quotes').isVisible()) && (await focused(doc))?.label?.startsWith('Quotes'));
        await page.keyboard.press('ArrowLeft');
        await until('the Figures tab again', () => doc.locator('#panel-figures').isVisible());
        await page.keyboard.press('Tab');
        const first = await focused(doc);
        if (first?.role !== null && first?.tag !== 'TH') throw new Error(`Tab from the tabs landed on ${JSON.stringify(first)}`);
        let row = 0;
        while (!(await focused(doc))?.label?.startsWith('evacuees') && row++ < 20) await page.keyboard.press('ArrowDown');
        let at = await focused(doc);
        for (let step = 0; step < 12 && !(at?.id && at.label?.includes('2,471')); step++) {
          await page.keyboard.press('ArrowRight');
          at = await focused(doc);
        }
        if (!at?.label?.includes('2,471') || !at.id) throw new Error(`the arrow keys did not reach the 2,471 cell (at ${JSON.stringify(at)})`);
        ctx.log(`focused by keys: ${at.label}`);
        await page.keyboard.press('Enter');
        const articleTab = page.locator('.part.editor .tab').filter({ hasText: 'daily-clarion.txt' }).first();
        await articleTab.waitFor({ state: 'visible', timeout: 15_000 });
        // The keyboard stays in the panel, to go on to the next cell; the span is selected beside it.
        const still = await focused(doc);
        if (still?.id !== at.id) throw new Error(`after Enter the panel's focus moved to ${JSON.stringify(still)}`);
        const panelStill = await page.locator('.part.editor .tab').filter({ hasText: 'Compare Outlets' }).first().isVisible();
        if (!panelStill) throw new Error('revealing the span hid the panel');
        await screenshot(page, root, 'compare-outlets-dark.png');
        await articleTab.click();
        await until('"2,471 people" selected in the Clarion', async () => /\(12 selected\)/.test(await page.locator('[id="status.editor.selection"]').innerText().catch(() => '')), 10_000);

        await doc.locator('[role="tab"]').filter({ hasText: 'Quotes' }).click();
        await until('an altered quote', async () => (await doc.locator('.verdict.v-altered').count()) > 0);
        await screenshot(page, root, 'compare-quotes.png');
        await doc.locator('[role="tab"]').filter({ hasText: 'Profile' }).click();
        await until('the profile chart', async () => (await doc.locator('svg.bar rect').count()) > 0);
        await screenshot(page, root, 'compare-profile.png');

        const all = await axeInEveryTheme(page, async (doc) => (await doc.locator('table.figures').count()) === 1, {
          each: async (name, doc) => {
            if (name !== 'light') return;
            await doc.locator('[role="tab"]').filter({ hasText: 'Figures' }).click();
            const bg = await doc.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
            const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
            if (!(r > 200 && g > 200 && b > 200)) throw new Error(`the panel is not light in the light theme: ${bg}`);
            await screenshot(page, root, 'compare-outlets-light.png');
          },
          run: axeViolations,
        });
        if (all.length) throw new Error(`axe-core:\n${all.join('\n')}`);
        if (problems.length) throw new Error(problems.join('\n'));
      } finally {
        page.off('console', onConsole);
        await restoreWorkbench(page);
      }
    },
  },
];
