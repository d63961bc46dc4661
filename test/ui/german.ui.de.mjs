// UI test of Newsmark in German: scripts/test-codeserver.mjs runs this file (*.ui.de.mjs) in a
// code-server of its own, started with --locale de and a minimal German language pack
// (scripts/languagePack.mjs), so VS Code hands Newsmark its German bundles while the workbench's
// own strings stay English. The expected texts come from l10n/bundle.l10n.de.json and
// package.nls.de.json, never from a copy here. Takes media/screenshots/german-*.png (with
// NEWSMARK_UPDATE_SCREENSHOTS=1; .vscode-test/screenshots/ otherwise).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { widenSidebar } from '../../scripts/workbench.mjs';
import {
  chord, doubleClickWord, escapeRe, newTagOnDisk, openArticle, openNewsmarkView, quickInput, runFromPalette, screenshot, sidebar, sidecarTags, sleep, treeInfo, typeAndAccept, until, waitQuickInput,
} from './helpers.mjs';

export const title = 'German';

const ARTICLE = 'varnia-wire.txt';
const WORD = 'dozen'; // "about two dozen vessels": untagged in the sample

const readJson = (root, file) => JSON.parse(readFileSync(join(root, file), 'utf8'));

/** The German text of MESSAGE (the English key) with ARGS in its {0}, {1} …; fails if the bundle lacks it. */
function german(root, message, ...args) {
  const text = readJson(root, 'l10n/bundle.l10n.de.json')[message];
  if (typeof text !== 'string') throw new Error(`l10n/bundle.l10n.de.json has no German for ${JSON.stringify(message)}`);
  return text.replace(/\{(\d+)\}/g, (whole, i) => (args[i] === undefined ? whole : String(args[i])));
}

/** A category's name in German if the bundle translates it (the core's category names), else the English one the code shows. */
const categoryName = (root, english) => readJson(root, 'l10n/bundle.l10n.de.json')[english] ?? english;

/** A pattern for the German text of MESSAGE with a number in each placeholder. */
const germanPattern = (root, message) => escapeRe(german(root, message)).replace(/\\\{\d+\\\}/g, '[\\d.,]+');

const statusItems = (page) => page.locator('.part.statusbar .statusbar-item');

export const tests = [
  {
    title: 'the workbench resolved German, and Alt+N F answers in the status bar with the German message',
    async fn({ page, root, workspace }) {
      // What the workbench passes to the extension host as vscode.env.language (set by the language
      // pack's generated nls.messages.js; English without one).
      const language = await page.evaluate(() => globalThis._VSCODE_NLS_LANGUAGE);
      if (language !== 'de') throw new Error(`the workbench's display language is ${JSON.stringify(language)}, not "de": code-server did not take up the language pack`);
      await openArticle(page, ARTICLE);
      const before = sidecarTags(workspace, ARTICLE);
      await doubleClickWord(page, WORD);
      await chord(page, 'f');
      // The answer stays five seconds: look for it before reading the sidecar back.
      const expected = german(root, 'Tagged “{0}” as {1}.', WORD, categoryName(root, 'Figure'));
      let seen = [];
      await until(`the status bar to say ${JSON.stringify(expected)}`, async () => {
        seen = (await statusItems(page).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
        return seen.some((t) => t.includes(expected));
      }, 4_000).catch((err) => { throw new Error(`${err.message} (status bar: ${JSON.stringify(seen)})`); });
      await screenshot(page, root, 'german-status-bar.png');
      const tag = await newTagOnDisk(workspace, ARTICLE, before, `figure "${WORD}"`);
      if (tag.category !== 'figure' || tag.text !== WORD) throw new Error(`the new tag is ${JSON.stringify(tag)}`);
    },
  },
  {
    title: 'the command palette lists Newsmark\'s commands by their German titles (package.nls.de.json)',
    async fn({ page, root }) {
      const titleDe = readJson(root, 'package.nls.de.json')['command.tagFigure.title'];
      const titleEn = readJson(root, 'package.nls.json')['command.tagFigure.title'];
      if (!titleDe || titleDe === titleEn) throw new Error(`package.nls.de.json has no German title for command.tagFigure (${JSON.stringify(titleDe)})`);
      const entry = `Newsmark: ${titleDe}`;
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = quickInput(page).locator('input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type(entry, { delay: 5 });
      let labels = [];
      await until(`${JSON.stringify(entry)} as the focused entry of the command palette`, async () => {
        // The first label of each focused row: the second (when there is one) is VS Code's English original, shown beside a translated title.
        labels = await quickInput(page).locator('.monaco-list-row.focused').evaluateAll((rows) => rows.filter((r) => r.offsetParent !== null)
          .map((r) => (r.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
        return labels.length === 1 && labels[0] === entry;
      }, 10_000).catch((err) => { throw new Error(`${err.message} (focused: ${JSON.stringify(labels)})`); });
      await sleep(200);
      await screenshot(page, root, 'german-palette.png');
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 });
    },
  },
  {
    title: 'the Tags view\'s summary row is German',
    async fn({ page, root }) {
      await openNewsmarkView(page);
      await widenSidebar(page, 440);
      const label = german(root, 'Summary');
      const counts = new RegExp(`^${germanPattern(root, '{0} tags in {1} articles')} · ${germanPattern(root, '{0} per 1,000 words')}$`);
      // The summary is the tree's first row; the tree may have scrolled to the tag made above.
      const box = await sidebar(page).locator('.monaco-list').first().boundingBox();
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
      let rows = [];
      await until(`a row ${JSON.stringify(label)} whose description matches ${counts}`, async () => {
        await page.mouse.wheel(0, -5_000);
        rows = await treeInfo(page);
        return rows.some((r) => r.level === 1 && r.label === label && counts.test(r.description));
      }, 10_000).catch((err) => { throw new Error(`${err.message} (rows: ${JSON.stringify(rows.slice(0, 8))})`); });
      // The pointer off the tree and off the text (below the article's last line), so neither a
      // row's hover actions nor a tag's hover are in the picture.
      const viewport = page.viewportSize() ?? { width: 1600, height: 1000 };
      await page.mouse.move(viewport.width / 2, viewport.height - 60);
      await sleep(300);
      await screenshot(page, root, 'german-tags-view.png');
    },
  },
  {
    title: 'the walkthrough is German: its title, its steps, and the step\'s page (media/walkthrough/de/)',
    async fn({ page, root }) {
      const nls = readJson(root, 'package.nls.de.json');
      await page.keyboard.press('Escape');
      await runFromPalette(page, 'Welcome: Open Walkthrough...');
      await waitQuickInput(page);
      await typeAndAccept(page, nls['walkthrough.gettingStarted.title'], nls['walkthrough.gettingStarted.title']);
      const steps = page.locator('.gettingStartedContainer .getting-started-step');
      await steps.first().waitFor({ state: 'visible', timeout: 15_000 });
      for (const step of ['openCorpus', 'tagSpan', 'review']) {
        const stepTitle = nls[`walkthrough.gettingStarted.${step}.title`];
        await steps.filter({ hasText: stepTitle }).first().waitFor({ state: 'visible', timeout: 5_000 })
          .catch(() => { throw new Error(`no walkthrough step titled ${JSON.stringify(stepTitle)}`); });
      }
      // The open step's page is drawn in a webview (nested frames): its first sentence, as the
      // German page says it without its Markdown marks.
      const markdown = readFileSync(join(root, nls['walkthrough.gettingStarted.openCorpus.markdown']), 'utf8');
      const sentence = markdown.split('\n').find((l) => l.trim() !== '' && !l.startsWith('!['))
        .replace(/\*\*|`/g, '').slice(0, 40);
      let texts = [];
      await until(`the step's page to show ${JSON.stringify(sentence)}`, async () => {
        texts = await Promise.all(page.frames().map((f) => f.evaluate(() => document.body?.innerText ?? '').catch(() => '')));
        return texts.some((t) => t.replace(/\s+/g, ' ').includes(sentence));
      }, 15_000).catch((err) => { throw new Error(`${err.message} (frames: ${JSON.stringify(texts.map((t) => t.slice(0, 80)))})`); });
      await sleep(500);
      await screenshot(page, root, 'german-walkthrough.png');
    },
  },
];
