// UI test of review as a person sees it: Mark Confirmed from the palette answers in the status bar
// (no notification toast), the confirmed tag gets its thin underline, and hovering it says who
// confirmed it and who tagged it. Takes media/screenshots/confirmed-mark.png for the README.
import { activeEditor, clearNotifications, clickIntoWord, openArticle, runFromPalette, screenshot, sleep, toasts, until } from './helpers.mjs';

export const title = 'Review you can see';

const ARTICLE = 'harbor-gazette.txt';
const WORD = 'vessels'; // in the figure tag "two dozen vessels"
const statusBarText = (page) => page.locator('.part.statusbar').innerText();

/** Spans of the active editor drawn with a solid underline (the confirmed mark; a disputed tag's is wavy). */
const solidUnderlined = (page) => activeEditor(page).evaluate((editor) =>
  [...editor.querySelectorAll('.view-lines span')].filter((el) => {
    const style = getComputedStyle(el);
    return style.textDecorationLine.includes('underline') && style.textDecorationStyle === 'solid';
  }).map((el) => el.textContent).join(''));

/** The palette lists Mark … only on a tag (its when clause follows the cursor a moment after the click): a second try after a pause. */
async function markFromPalette(page, command) {
  try {
    await runFromPalette(page, command);
  } catch {
    await page.keyboard.press('Escape');
    await sleep(1000);
    await runFromPalette(page, command);
  }
}

export const tests = [
  {
    title: 'Mark Confirmed answers in the status bar, not a notification; the tag gets its thin underline and the hover says confirmed and names the author',
    async fn({ page, root }) {
      // The reviewer's name in the hover, from newsmark.author, is checked by the integration test
      // "Review you can see" (set through the API); a settings file written here did not reach the
      // extension host reliably, so this test checks what a person sees without a name set.
      try {
        await openArticle(page, ARTICLE);
        await clearNotifications(page);
        await clickIntoWord(page, WORD);
        await markFromPalette(page, 'Newsmark: Mark Confirmed');
        await until('the status bar to say the figure is confirmed', async () => /Figure “two dozen vessels” confirmed/.test(await statusBarText(page)), 10_000);
        if ((await toasts(page).count()) > 0) throw new Error(`a notification appeared: ${await toasts(page).first().innerText()}`);
        await until('a solid underline under the confirmed tag', async () => (await solidUnderlined(page)).includes('vessels'), 10_000);

        const hover = page.locator('.monaco-hover:visible').filter({ hasText: /Confirmed\s+\(reviewer\s+not\s+recorded\)/ }).first();
        // Shown at the caret with Show or Focus Hover: a mouse hover waits on VS Code's delay and on
        // the pointer really moving, which under load went unseen more than once.
        await until('the hover of the confirmed tag', async () => {
          await clickIntoWord(page, WORD);
          await runFromPalette(page, 'Show or Focus Hover');
          return hover.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
        }, 30_000);
        if (!/tagged\sby\ssample/.test(await hover.innerText())) throw new Error(`the hover does not name the author: ${await hover.innerText()}`);
        await sleep(800); // the hover fades in
        await screenshot(page, root, 'confirmed-mark.png');

        // The message goes by itself after a few seconds.
        await page.mouse.move(5, 5);
        await sleep(4500);
        if (/two dozen vessels” confirmed/.test(await statusBarText(page))) throw new Error('the status bar message stays');
      } finally {
        await page.keyboard.press('Escape');
        await clickIntoWord(page, WORD).catch(() => {});
        await markFromPalette(page, 'Newsmark: Mark Unreviewed').catch(() => {});
      }
    },
  },
];
