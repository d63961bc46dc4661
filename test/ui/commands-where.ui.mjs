// UI test of commands offered where they apply (issue 19, item 6): the palette and the editor's
// Newsmark menu list the tag commands only with the caret on a tag (the menu: in a tagged article); and of Edit Attributes as one
// multi-step input (media/screenshots/edit-attributes.png). Nothing here changes the sample.
import {
  chord, clickIntoWord, escapeRe, openArticle, quickInput, runFromPalette, screenshot, sidecarBytes, sleep, until, waitQuickInput, wordBox,
} from './helpers.mjs';

export const title = 'Commands where they apply';

const ARTICLE = 'daily-clarion.txt';
const PLAIN = 'reporters'; // untagged in the sample
const TAGGED = 'mouthpiece'; // a framing tag in the sample
const UNTAGGED = 'README.md'; // the samples' own README: an article with no sidecar
const UNTAGGED_WORD = 'fictional';

/** The palette's rows after typing TEXT (the list is filtered as a person types). */
async function paletteRows(page, text) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(text, { delay: 5 });
  await sleep(500);
  const rows = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts();
  await page.keyboard.press('Escape');
  await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 });
  return rows.map((r) => r.replace(/\u00a0/g, ' ').trim());
}

const menuItem = (page, label) => page.locator('.monaco-menu .action-item:not(.disabled) .action-label')
  .filter({ hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }).first();

/** Right-clicks WORD and opens Newsmark ▸; returns the submenu's item labels. */
async function newsmarkMenu(page, word) {
  const box = await wordBox(page, word);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
  const submenu = menuItem(page, 'Newsmark');
  await submenu.waitFor({ state: 'visible', timeout: 10_000 });
  await submenu.hover();
  await sleep(300);
  await submenu.click();
  await menuItem(page, 'Suggest Tags').waitFor({ state: 'visible', timeout: 5_000 });
  const labels = await page.locator('.monaco-menu .action-item:not(.disabled) .action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.locator('.monaco-menu').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  return labels.map((l) => l.trim()).filter(Boolean);
}

const TAG_COMMANDS = ['Change Category', 'Edit Note', 'Remove Tag', 'Mark Confirmed', 'Mark Disputed', 'Edit Attributes…'];

export const tests = [
  {
    title: 'F1 "Newsmark: Mark Confirmed" lists nothing with the caret on plain text, and the command on a tag',
    async fn({ page }) {
      await openArticle(page, ARTICLE);
      await clickIntoWord(page, PLAIN);
      const off = await paletteRows(page, 'Newsmark: Mark Confirmed');
      if (off.includes('Newsmark: Mark Confirmed')) throw new Error(`off a tag the palette offers ${JSON.stringify(off)}`);
      const accept = await paletteRows(page, 'Newsmark: Accept Re-attachment');
      if (accept.includes('Newsmark: Accept Re-attachment')) throw new Error('Accept Re-attachment is offered with no tag waiting for it');
      await clickIntoWord(page, TAGGED);
      const on = await paletteRows(page, 'Newsmark: Mark Confirmed');
      if (!on.includes('Newsmark: Mark Confirmed')) throw new Error(`on a tag the palette lacks Mark Confirmed: ${JSON.stringify(on)}`);
    },
  },
  {
    title: 'right-click a tag (the caret elsewhere): Newsmark ▸ offers the tag actions; in an article with no tags it does not',
    async fn({ page }) {
      await clickIntoWord(page, PLAIN);
      const onTag = await newsmarkMenu(page, TAGGED);
      const missing = TAG_COMMANDS.filter((c) => !onTag.includes(c));
      if (missing.length) throw new Error(`on a tag the menu lacks ${JSON.stringify(missing)} (it has ${JSON.stringify(onTag)})`);
      await openArticle(page, UNTAGGED);
      await clickIntoWord(page, UNTAGGED_WORD);
      const untagged = await newsmarkMenu(page, UNTAGGED_WORD);
      const extra = TAG_COMMANDS.filter((c) => untagged.includes(c));
      if (extra.length) throw new Error(`in an article without tags the menu offers ${JSON.stringify(extra)} (it has ${JSON.stringify(untagged)})`);
      await openArticle(page, ARTICLE);
    },
  },
  {
    title: 'Alt+N A on a figure: step 1/3, its value pre-filled; Enter, the unit; Escape leaves the sidecar alone (media/screenshots/edit-attributes.png)',
    async fn({ page, root, workspace }) {
      const before = sidecarBytes(workspace, ARTICLE);
      await clickIntoWord(page, 'people');
      await chord(page, 'a');
      await waitQuickInput(page, /Figure “2,471 people”: value/);
      const input = page.locator('.quick-input-widget input');
      await until('the value pre-filled', async () => (await input.inputValue()) === '2471', 5_000);
      const steps = (await page.locator('.quick-input-widget .quick-input-title').innerText()).replace(/\s+/g, ' ');
      if (!/1\s*\/\s*3/.test(steps)) throw new Error(`the title does not show step 1/3: ${JSON.stringify(steps)}`);
      await sleep(300);
      await screenshot(page, root, 'edit-attributes.png');
      await page.keyboard.press('Enter');
      await waitQuickInput(page, /: unit/);
      await until('the unit pre-filled', async () => (await input.inputValue()) === 'people', 5_000);
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 });
      await sleep(500);
      if (!sidecarBytes(workspace, ARTICLE).equals(before)) throw new Error(`${ARTICLE}.tags.yaml changed though the edit was cancelled`);
    },
  },
  {
    title: 'Alt+N N on a tag opens its note in a tab beside the article (media/screenshots/note-editor.png); reverted, the sidecar is untouched',
    async fn({ page, root, workspace }) {
      const before = sidecarBytes(workspace, ARTICLE);
      await clickIntoWord(page, 'people');
      await chord(page, 'n');
      const tab = page.locator('.part.editor .tab.active').filter({ hasText: 'Note on “2,471 people”' });
      await tab.waitFor({ state: 'visible', timeout: 10_000 });
      await sleep(300);
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Checked against the authority’s own count of 2 April:', { delay: 2 });
      await page.keyboard.press('Enter');
      await page.keyboard.type('  2,417 evacuated, 54 still unaccounted for.', { delay: 2 });
      await sleep(300);
      await screenshot(page, root, 'note-editor.png');
      await runFromPalette(page, 'File: Revert File');
      await page.locator('.part.editor .tab.active.dirty').waitFor({ state: 'detached', timeout: 5_000 });
      await page.keyboard.press('Control+w');
      await tab.waitFor({ state: 'detached', timeout: 5_000 });
      if (!sidecarBytes(workspace, ARTICLE).equals(before)) throw new Error(`${ARTICLE}.tags.yaml changed though the note was reverted`);
    },
  },
];
