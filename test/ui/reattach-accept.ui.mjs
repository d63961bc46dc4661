// UI test of Accept Re-attachment as an analyst meets it: type inside a tagged phrase, pause, and
// the tag grows in place and is flagged; its row's ✓ button first shows what the tag said before
// and says now, and only "Accept" makes it an ordinary tag again. Works on an article of its own.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chord, doubleClickWord, screenshot, openArticle, openNewsmarkView, runFromPalette, sidebar, sleep, sortedTags, until } from './helpers.mjs';

export const title = 'Accept Re-attachment';

const ARTICLE = 'accept-demo.txt';
// Fictional text written for this test.
const TEXT = 'Ferry board answers\n\nThe board said the crossings were suspended for safety reasons, a spokesman added.\n';

export const tests = [
  {
    title: 'typing inside a tag grows it in place; its ✓ button shows the old and new text and accepts only when asked',
    async fn({ page, workspace, root }) {
      writeFileSync(join(workspace, ARTICLE), TEXT);
      try {
        await openArticle(page, ARTICLE);
        await doubleClickWord(page, 'suspended');
        await chord(page, 'c');
        await until('a claim on disk', () => sortedTags(workspace, ARTICLE).length === 1, 10_000);
        // Type inside the tagged word, key by key, then pause and save.
        await doubleClickWord(page, 'suspended');
        await page.keyboard.press('ArrowLeft'); // the caret to the start of the word
        for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight'); // sus|pended
        await page.keyboard.type('XX', { delay: 60 });
        await sleep(600);
        await page.keyboard.press('Control+s');
        await until('the tag saved grown in place, flagged, with its old text', () => {
          const [tag] = sortedTags(workspace, ARTICLE);
          return tag?.text === 'susXXpended' && tag.status === 'fuzzy' && tag.previous_text === 'suspended';
        }, 10_000);

        await openNewsmarkView(page);
        const row = sidebar(page).locator('.monaco-list-row').filter({ hasText: /^\s*susXXpended/ }).first();
        await row.waitFor({ state: 'visible', timeout: 10_000 });
        const accept = async () => {
          await row.hover();
          await row.locator('.action-label[aria-label^="Accept Re-attachment"]').click();
          const dialog = page.locator('.monaco-dialog-box');
          await dialog.waitFor({ state: 'visible', timeout: 10_000 });
          return dialog;
        };
        // First time: the question shows both texts; Cancel leaves the tag flagged.
        let dialog = await accept();
        const message = await dialog.innerText();
        await screenshot(page, root, 'accept-reattachment.png');
        if (!/Was: “suspended”/.test(message) || !/Now: “susXXpended”/.test(message)) throw new Error(`the question does not show both texts: ${JSON.stringify(message)}`);
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
        // Second time (the ✓ button is only on tags still waiting, so Cancel kept it flagged):
        // Accept makes it an ordinary tag, on disk too.
        dialog = await accept();
        await dialog.getByRole('button', { name: 'Accept' }).click();
        await until('the tag accepted on disk', () => {
          const [tag] = sortedTags(workspace, ARTICLE);
          return tag?.text === 'susXXpended' && tag.status === undefined && tag.previous_text === undefined;
        }, 10_000);
      } finally {
        await runFromPalette(page, 'View: Revert File').catch(() => {});
        await runFromPalette(page, 'View: Close All Editors').catch(() => {});
        rmSync(join(workspace, ARTICLE), { force: true });
        rmSync(join(workspace, `${ARTICLE}.tags.yaml`), { force: true });
      }
    },
  },
];
