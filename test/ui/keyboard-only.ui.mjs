// UI test of Newsmark without a mouse: page.mouse is made to throw for the whole test, and every
// step is keys — Quick Open, selection by Ctrl+Shift+Right, the Alt+N chords, the Command Palette,
// the pickers and the file dialogs typed into. It tags (the status bar says so, for a screen
// reader), confirms, removes (said too) and tags again, suggests, exports a CSV, and opens Compare
// Outlets, Report Preview and the Agreement Report. A tag made while Compare Outlets is open
// changes its summary, and the panel's live region announces the new one.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chord, newTagOnDisk, openArticle, quickInput, restoreWorkbench, runFromPalette, sidecarPath, sidecarTags, sleep, tagOnDiskBecomes, typeAndAccept, typeIntoFileDialog, until, waitQuickInput,
} from './helpers.mjs';

export const title = 'Keyboard only';

// Fictional articles written for this test.
const FIRST = 'keys-harlow.txt';
const SECOND = 'keys-brenna.txt';
const TEXT = {
  [FIRST]: 'Volunteers arrived in Harlow on Monday, the council said, and 1,250 sandbags were filled by noon.\n',
  [SECOND]: 'Ferries resumed in Brenna on Tuesday after the harbour master denied that the quay was unsafe.\n',
};

const statusBar = (page) => page.locator('.part.statusbar');
const tab = (page, text) => page.locator('.part.editor .tab').filter({ hasText: text }).first();
/** The text of SELECTOR in the webview page whose <h1> is HEADING (found anew each time: a redraw brings a new frame). */
async function inPanel(page, heading, selector) {
  for (const frame of page.frames()) {
    const text = await frame.evaluate(([h, sel]) => (document.querySelector('h1')?.textContent === h ? document.querySelector(sel)?.textContent ?? null : null), [heading, selector]).catch(() => null);
    if (text !== null) return text.trim();
  }
  return null;
}

/** Selects the first word of the active article with the keyboard. */
async function selectFirstWord(page) {
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+ArrowRight');
  let seen = '';
  await until('a word selected', async () => /\(\d+ selected\)/.test(seen = await page.locator('[id="status.editor.selection"]').innerText()), 5_000)
    .catch((err) => { throw new Error(`${err.message} (the status bar says ${JSON.stringify(seen)})`); });
}

/** Types PATH into the open file dialog (code-server's own) and accepts it. */
async function typePath(page, path) {
  await typeIntoFileDialog(page, path);
  await sleep(1500);
  await page.keyboard.press('Enter');
}

export const tests = [
  {
    title: 'K1 without the mouse: tag, review, untag, suggest, export, and open Compare Outlets, Report Preview and the Agreement Report; the live region announces a change',
    timeout: 300_000,
    async fn(ctx) {
      const { page, workspace } = ctx;
      const exported = join(workspace, 'keys-export.csv');
      const setB = join(workspace, '..', 'keys-set-b');
      const saved = {};
      for (const name of ['click', 'dblclick', 'down', 'up', 'move', 'wheel']) {
        saved[name] = page.mouse[name];
        page.mouse[name] = () => { throw new Error(`the keyboard-only test used the mouse (${name})`); };
      }
      try {
        for (const [name, text] of Object.entries(TEXT)) writeFileSync(join(workspace, name), text);
        await sleep(1500); // for the file watcher, before Quick Open lists them

        // Tag: the status bar says what was tagged, as a screen reader will read it.
        await openArticle(page, FIRST);
        await selectFirstWord(page);
        await chord(page, 'c');
        const tag = await newTagOnDisk(workspace, FIRST, [], 'claim "Volunteers"');
        if (tag.category !== 'claim' || tag.text !== 'Volunteers') throw new Error(`the new tag: ${JSON.stringify(tag)}`);
        await until('the status bar to say "Tagged “Volunteers” as Claim."', async () => (await statusBar(page).innerText()).includes('Tagged “Volunteers” as Claim.'), 5_000);

        // Review: Alt+N Y on the selected tag.
        await chord(page, 'y');
        await tagOnDiskBecomes(workspace, FIRST, tag.id, 'confirmed', (t) => t?.review === 'confirmed');

        // Untag: Alt+N Backspace; the status bar says so too.
        // (A moment first: a remove at once after the article's first sidecar was written has met
        // "There is no tag at the cursor" once, while the new file was being read back.)
        await sleep(1000);
        await chord(page, 'Backspace');
        await tagOnDiskBecomes(workspace, FIRST, tag.id, 'removed', (t) => t === undefined);
        await until('the status bar to say the tag was removed', async () => (await statusBar(page).innerText()).includes('Removed the claim tag on “Volunteers”.'), 5_000);
        await page.keyboard.press('Escape');

        // Tag again, for the panels to show something; then suggest in this article.
        await selectFirstWord(page);
        await chord(page, 'c');
        await newTagOnDisk(workspace, FIRST, [], 'claim "Volunteers" again');
        await runFromPalette(page, 'Newsmark: Suggest Tags');
        await waitQuickInput(page, /Suggest Tags/);
        await typeAndAccept(page, 'This article', 'This article');
        await until('the suggestions counted', async () => (await page.locator('.notification-toast').allInnerTexts()).some((t) => /Newsmark (suggests \d+|found nothing new)/.test(t)), 15_000);
        await page.keyboard.press('Escape');

        // Export the article as CSV, the save dialog typed into.
        await runFromPalette(page, 'Newsmark: Export Tags…');
        await waitQuickInput(page, /Export Tags: Format/);
        await page.keyboard.type('CSV', { delay: 5 });
        await until('"CSV" first', async () => /^CSV/.test((await quickInput(page).locator('.monaco-list-row.focused').first().innerText().catch(() => '')).trim()), 5_000);
        await page.keyboard.press('Enter');
        await waitQuickInput(page, /Export Tags: What/);
        // Enter on "Current article" (the first row); the save dialog takes the pick's place at once.
        await until('"Current article" first', async () => /^Current article/.test((await quickInput(page).locator('.monaco-list-row.focused').first().innerText().catch(() => '')).trim()), 5_000);
        await page.keyboard.press('Enter');
        await waitQuickInput(page, /Export CSV/);
        await typePath(page, exported);
        await until('the CSV on disk', () => existsSync(exported) && readFileSync(exported, 'utf8').includes('Volunteers'), 20_000);

        // Compare Outlets, then a tag in an untagged article (group 1, by Ctrl+1): the panel's
        // summary changes and its live region says the new one.
        await runFromPalette(page, 'Newsmark: Compare Outlets');
        await tab(page, 'Compare Outlets').waitFor({ state: 'visible', timeout: 20_000 });
        let summaryBefore = null;
        await until('the Compare Outlets summary', async () => (summaryBefore = await inPanel(page, 'Compare outlets', '#summary')) !== null, 20_000);
        if ((await inPanel(page, 'Compare outlets', '#announce')) !== '') throw new Error('the live region speaks before anything changed');
        await page.keyboard.press('Control+1');
        await openArticle(page, SECOND);
        await selectFirstWord(page);
        await chord(page, 'c');
        await newTagOnDisk(workspace, SECOND, [], 'claim "Ferries"');
        let said = '';
        await until('the Compare Outlets live region to announce the new summary', async () => {
          said = (await inPanel(page, 'Compare outlets', '#announce')) ?? '';
          return said.startsWith('Updated: ') && said !== `Updated: ${summaryBefore}`;
        }, 20_000).catch((err) => { throw new Error(`${err.message} (it says ${JSON.stringify(said)}; the summary was ${JSON.stringify(summaryBefore)})`); });
        const summaryAfter = await inPanel(page, 'Compare outlets', '#summary');
        if (said !== `Updated: ${summaryAfter}`) throw new Error(`announced ${JSON.stringify(said)}, the summary is ${JSON.stringify(summaryAfter)}`);
        ctx.log(`live region: ${said}`);

        // Report Preview of the article.
        await page.keyboard.press('Control+1');
        await runFromPalette(page, 'Newsmark: Preview Report');
        await tab(page, 'Report:').waitFor({ state: 'visible', timeout: 20_000 });

        // The Agreement Report against a second coder's folder, typed into the folder dialog.
        mkdirSync(setB, { recursive: true });
        copyFileSync(join(workspace, FIRST), join(setB, FIRST));
        copyFileSync(sidecarPath(workspace, FIRST), join(setB, `${FIRST}.tags.yaml`));
        if (sidecarTags(setB, FIRST).length !== 1) throw new Error('set B is not a copy of the tagged article');
        await runFromPalette(page, 'Newsmark: Agreement Report');
        await waitQuickInput(page, /Agreement Report/);
        if (/Compare What/.test(await quickInput(page).locator('.quick-input-title').innerText())) await typeAndAccept(page, 'Another annotation set', 'Another annotation set…');
        await typePath(page, `${setB}/`);
        await tab(page, 'Agreement Report').waitFor({ state: 'visible', timeout: 20_000 });
        await until('the Agreement Report drawn', async () => (await inPanel(page, 'Agreement report', 'table.agreement caption, table.agreement th')) !== null, 20_000);
      } catch (err) {
        // The harness's screenshot comes after the clean-up below; this one shows the moment.
        await page.screenshot({ path: join(ctx.root, '.vscode-test', 'logs', 'keyboard-only-failure.png') }).catch(() => {});
        throw err;
      } finally {
        Object.assign(page.mouse, saved);
        await runFromPalette(page, 'Newsmark: Stop Comparing').catch(() => {});
        await restoreWorkbench(page);
        for (const name of Object.keys(TEXT)) {
          rmSync(join(workspace, name), { force: true });
          rmSync(sidecarPath(workspace, name), { force: true });
        }
        rmSync(exported, { force: true });
        rmSync(setB, { recursive: true, force: true });
      }
    },
  },
];
