// UI test of the "Get Started with Newsmark" walkthrough, opened from the palette (Welcome: Open
// Walkthrough…) as a person finds it. Its steps are ticked by what is done, not by opening them: Open Sample Corpus (the
// step's own button, then the folder dialog) copies the fictional samples into the workspace;
// the first tag there asks once who is tagging (the name typed goes on the tag and, later, on the
// review); Alt+N Y confirms; Suggest Tags, Compare Outlets and a CSV export run from the palette
// (started and cancelled first, they tick nothing).
// Then every step shows its check. Saves walkthrough.png (before) and walkthrough-done.png.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chord, clickIntoWord, doubleClickWord, newTagOnDisk, quickInput, restoreWorkbench, runFromPalette, screenshot, setSidebarVisible, sidecarTags, sleep, tagOnDiskBecomes, typeAndAccept, typeIntoFileDialog, until, waitQuickInput,
} from './helpers.mjs';

export const title = 'Walkthrough';

const STEPS = ['openCorpus', 'tagSpan', 'review', 'suggest', 'compare', 'export'];
const welcome = (page) => page.locator('.gettingStartedContainer').first();
const stepButton = (page, id) => welcome(page).locator(`button.getting-started-step[data-step-id$="newsmark.${id}"]`).first();
/** Which steps show their check (aria-checked on the step's button). */
const ticked = async (page) => {
  const out = {};
  for (const id of STEPS) out[id] = (await stepButton(page, id).getAttribute('aria-checked', { timeout: 2_000 }).catch(() => null)) === 'true';
  return out;
};
const statusBar = (page) => page.locator('.part.statusbar');

/** Opens the walkthrough (again: its tab is a preview, which the next editor opened replaces); the progress is kept. */
async function openWalkthrough(page) {
  await page.keyboard.press('Escape');
  const tab = page.locator('.part.editor .tab').filter({ hasText: 'Walkthrough: Newsmark' }).first();
  if (await tab.isVisible().catch(() => false)) await tab.click();
  else {
    await runFromPalette(page, 'Welcome: Open Walkthrough...');
    await waitQuickInput(page);
    await typeAndAccept(page, 'Get Started with Newsmark', 'Get Started with Newsmark');
  }
  await stepButton(page, 'tagSpan').waitFor({ state: 'visible', timeout: 15_000 });
}

export const tests = [
  {
    title: 'W1 Welcome: Open Walkthrough… opens "Get Started with Newsmark"; real actions — samples, tag (with the one-time name), review, suggest, compare, export — tick every step',
    timeout: 300_000,
    async fn(ctx) {
      const { page, root, workspace, userSettingsFile } = ctx;
      const samples = join(workspace, 'newsmark-samples');
      const exported = join(workspace, 'walkthrough-tags.csv');
      const userBefore = readFileSync(userSettingsFile, 'utf8');
      const settingsDir = join(workspace, '.vscode');
      if (existsSync(settingsDir)) throw new Error('the workspace has a .vscode folder already');
      try {
        // The test host turns the one-time question off; a person's first window has it on. Written
        // first: a settings file reaches the extension host only after VS Code's watcher sees it,
        // which on a busy machine took longer than the 1.5 s once waited before the first tag.
        // (The folder dialog lists .vscode too; its button accepts the folder it opened on.)
        mkdirSync(settingsDir, { recursive: true });
        writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ 'newsmark.askForAuthorName': true }));
        // The corpus step ticks when an article becomes open (VS Code ticks a context step only on a
        // change): an article an earlier suite left open would keep it from ever changing here.
        await page.keyboard.press('Escape');
        await runFromPalette(page, 'View: Close All Editors');
        await sleep(500);
        // Help: Welcome lists only a few walkthroughs (in code-server, the built-in ones; an extension's
        // shows among them after an install from a gallery); the full list is this command's pick.
        await openWalkthrough(page);
        const start = await ticked(page);
        ctx.log(`steps at the start: ${JSON.stringify(start)}`);
        for (const id of STEPS) if (start[id]) throw new Error(`step ${id} is ticked before anything was done`);
        // The first step's picture (a markdown page in a webview beside the steps) has drawn.
        await sleep(1500);
        await screenshot(page, root, 'walkthrough.png');

        // Step 1, by its own button: the samples are copied into a new folder in the one picked.
        await stepButton(page, 'openCorpus').click();
        const sampleButton = welcome(page).locator('.step-description-container .button-link, .step-description-container a, .step-description-container button').filter({ hasText: 'Open Sample Corpus' }).first();
        await sampleButton.click();
        await waitQuickInput(page, /Sample Corpus/);
        // The dialog opens on the workspace folder, the place wanted: its button accepts it as it is
        // (Enter would open the list's focused row, which may be "..").
        const input = quickInput(page).locator('input');
        await until('the dialog to open on the workspace folder', async () => (await input.inputValue()) === `${workspace}/`, 10_000);
        await sleep(1000);
        await quickInput(page).locator('.monaco-button').filter({ hasText: 'Copy Samples Here' }).first().click();
        await until('the samples copied into newsmark-samples/', () => existsSync(join(samples, 'daily-clarion.txt.tags.yaml')), 20_000);
        await page.locator('.part.editor .tab.active').filter({ hasText: 'daily-clarion.txt' }).waitFor({ state: 'visible', timeout: 15_000 });
        const before = sidecarTags(samples, 'daily-clarion.txt');
        if (before.length !== 12) throw new Error(`the copied Clarion has ${before.length} tags, the sample 12`);
        await openWalkthrough(page);
        await until('the corpus step ticked once an article of the folder is open', async () => (await ticked(page)).openCorpus, 10_000);
        if ((await ticked(page)).tagSpan) throw new Error('the tagging step is ticked before a tag was made');
        await page.locator('.part.editor .tab').filter({ hasText: 'daily-clarion.txt' }).first().click();

        // Started and cancelled at their first question, Suggest Tags and Export Tags… did nothing:
        // their steps stay open (they were ticked when the command ran).
        await runFromPalette(page, 'Newsmark: Suggest Tags');
        await waitQuickInput(page, /Suggest Tags/);
        await page.keyboard.press('Escape');
        await runFromPalette(page, 'Newsmark: Export Tags…');
        await waitQuickInput(page, /Export Tags: Format/);
        await page.keyboard.press('Escape');
        await openWalkthrough(page);
        await sleep(1000);
        const cancelled = await ticked(page);
        if (cancelled.suggest || cancelled.export) throw new Error(`a cancelled command ticked its step: ${JSON.stringify(cancelled)}`);
        await page.locator('.part.editor .tab').filter({ hasText: 'daily-clarion.txt' }).first().click();


        // Step 2: the first tag asks who is tagging; the name typed goes on the tag.
        // A word in no tag yet, so Alt+N Y has one tag to act on.
        await doubleClickWord(page, 'reporters');
        await chord(page, 'c');
        await waitQuickInput(page, /Who Is Tagging/);
        await typeAndAccept(page, 'Ana Petrov', 'Use “Ana Petrov”');
        const tag = await newTagOnDisk(samples, 'daily-clarion.txt', before, 'claim "reporters"');
        if (tag.category !== 'claim' || tag.text !== 'reporters' || tag.author !== 'Ana Petrov') throw new Error(`the new tag: ${JSON.stringify(tag)}`);
        await until('the status bar to say the tag was made', async () => (await statusBar(page).innerText()).includes('Tagged “reporters” as Claim.'), 5_000);
        if (!/"newsmark\.author":\s*"Ana Petrov"/.test(readFileSync(userSettingsFile, 'utf8'))) throw new Error('the name is not in the user settings');

        // Step 3: Alt+N Y with the caret in the tag just made: confirmed, by the name given. (The
        // click puts the focus back in the article: once, in CI, the keys went elsewhere after the
        // name question closed; a person would press them again, and so does the test.)
        const confirmed = (t) => t?.review === 'confirmed' && t.reviewer === 'Ana Petrov';
        await clickIntoWord(page, 'reporters');
        await chord(page, 'y');
        await tagOnDiskBecomes(samples, 'daily-clarion.txt', tag.id, 'confirmed by Ana Petrov', confirmed).catch(async () => {
          await clickIntoWord(page, 'reporters');
          await chord(page, 'y');
          await tagOnDiskBecomes(samples, 'daily-clarion.txt', tag.id, 'confirmed by Ana Petrov (keys pressed again)', confirmed);
        });

        // Steps 4 and 5 from the palette.
        await runFromPalette(page, 'Newsmark: Suggest Tags');
        await waitQuickInput(page, /Suggest Tags/);
        await typeAndAccept(page, 'This article', 'This article');
        await until('the suggestions counted', async () => (await page.locator('.notification-toast').allInnerTexts()).some((t) => /Newsmark (suggests \d+|found nothing new)/.test(t)), 15_000);
        await runFromPalette(page, 'Newsmark: Compare Outlets');
        await page.locator('.part.editor .tab').filter({ hasText: 'Compare Outlets' }).first().waitFor({ state: 'visible', timeout: 20_000 });

        // Step 6: a CSV export of the article, written where typed.
        await page.locator('.part.editor .tab').filter({ hasText: 'daily-clarion.txt' }).first().click();
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
        await typeIntoFileDialog(page, exported);
        await sleep(1000);
        await page.keyboard.press('Enter');
        await until('the CSV export on disk', () => existsSync(exported) && readFileSync(exported, 'utf8').includes('reporters'), 20_000);

        await openWalkthrough(page);
        let seen = {};
        await until('every step ticked', async () => {
          seen = await ticked(page);
          return STEPS.every((id) => seen[id]);
        }, 15_000).catch((err) => { throw new Error(`${err.message}: ${JSON.stringify(seen)}`); });
        // The picture: the walkthrough alone, every step checked.
        const compareTab = page.locator('.part.editor .tab').filter({ hasText: 'Compare Outlets' }).first();
        await compareTab.hover();
        await compareTab.locator('.codicon-close').first().click();
        await compareTab.waitFor({ state: 'detached', timeout: 10_000 });
        await setSidebarVisible(page, false);
        await openWalkthrough(page);
        await sleep(800);
        await screenshot(page, root, 'walkthrough-done.png');
      } finally {
        await restoreWorkbench(page);
        rmSync(samples, { recursive: true, force: true });
        rmSync(exported, { force: true });
        rmSync(settingsDir, { recursive: true, force: true });
        // The name typed is a user setting, as for a person; the suites after this one run without it.
        writeFileSync(userSettingsFile, userBefore);
        await sleep(1000);
      }
    },
  },
];
