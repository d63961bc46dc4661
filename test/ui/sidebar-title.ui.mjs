// UI test: the Newsmark side bar's title is read whole at VS Code's default side bar width (300
// pixels), beside all the Tags view's title-bar buttons (with a filter on, eight) — not cut off
// with an ellipsis, as "NEWSMARK: TAGS" was ("NEWSMAR…").
import { openNewsmarkView, resizeSidebar, runFromPalette, sidebar, treeRows, until } from './helpers.mjs';

export const title = 'Side bar title';

/** The side bar title's text, and whether it is cut off (wider than its box, or under the buttons). */
const titleState = (page) => sidebar(page).locator('.composite.title').evaluate((bar) => {
  const label = bar.querySelector('.title-label h2') ?? bar.querySelector('.title-label');
  const actions = bar.querySelector('.title-actions');
  const text = label?.textContent?.trim() ?? '';
  const box = label?.getBoundingClientRect();
  const buttons = actions?.getBoundingClientRect();
  const overflow = label ? label.scrollWidth > label.clientWidth + 1 : true;
  const under = Boolean(box && buttons && buttons.width > 0 && box.left + label.scrollWidth > buttons.left + 1);
  return { text, overflow, under, width: Math.round(bar.getBoundingClientRect().width) };
});

export const tests = [
  {
    title: 'the title is shown whole at the default side bar width, beside its buttons',
    async fn({ page }) {
      await openNewsmarkView(page);
      // With tags listed the title bar has all its buttons (Collapse All too), and a filter adds Clear Filter.
      await until('the Tags tree listing the samples', async () => (await treeRows(page).count()) > 2, 30_000);
      await runFromPalette(page, 'Newsmark: Filter Tags by Text…');
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
      await page.keyboard.type('port');
      await page.keyboard.press('Enter');
      await until('the filter on', async () => (await sidebar(page).locator('.title-actions .action-label[aria-label^="Clear Filter"]').count()) > 0, 10_000);
      const before = await resizeSidebar(page, 300);
      try {
        await until('the side bar at 300 pixels', async () => Math.abs((await sidebar(page).boundingBox()).width - 300) < 3);
        await page.mouse.move(5, 5); // away from the side bar: nothing hovered
        const state = await titleState(page);
        if (!/newsmark/i.test(state.text)) throw new Error(`the side bar shows ${JSON.stringify(state.text)}, not Newsmark`);
        if (state.overflow || state.under) throw new Error(`the title ${JSON.stringify(state.text)} is cut off at ${state.width} pixels (${JSON.stringify(state)})`);
      } finally {
        if (before) await resizeSidebar(page, before);
        await runFromPalette(page, 'Newsmark: Clear Filter'); // the suites after this one expect every tag listed
      }
    },
  },
];
