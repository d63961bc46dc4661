// UI test of two VS Code windows on one folder (two browser windows on the same code-server,
// each with its own extension host): a tag made in one shows up in the other; a tag made in one
// while the other holds unsaved tag changes is merged there, and after its save both windows and
// the file agree.
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench } from '../../scripts/workbench.mjs';
import { chord, doubleClickWord, openArticle, openNewsmarkView, sidebar, sidecarPath, sidecarTags, sleep, titleAction, treeInfo, until } from './helpers.mjs';

export const title = 'Two windows';

const ARTICLE = 'twin.txt';
let second; // the other window's page

/** The count the Tags view shows beside ARTICLE in PAGE, and whether it says unsaved. */
async function shown(page) {
  await sidebar(page).hover();
  const collapse = titleAction(page, 'Collapse All');
  if (await collapse.isVisible().catch(() => false)) await collapse.click();
  const row = (await treeInfo(page)).find((r) => r.label === ARTICLE);
  return row ? { count: Number(row.description.split(' ')[0]), unsaved: /unsaved/.test(row.description) } : undefined;
}

async function expectShown(page, which, count, unsaved = false) {
  let seen;
  await until(`${which} window to show ${count} tags${unsaved ? ' (unsaved)' : ''} for ${ARTICLE}`, async () => {
    seen = await shown(page);
    return seen?.count === count && seen.unsaved === unsaved;
  }, 20_000).catch((err) => { throw new Error(`${err.message}; it shows ${JSON.stringify(seen)}`); });
}

export const tests = [
  {
    title: 'a tag made in one window shows up in the other',
    timeout: 170_000,
    async fn({ page, workspace, url }) {
      copyFileSync(join(workspace, 'varnia-wire.txt'), join(workspace, ARTICLE));
      copyFileSync(sidecarPath(workspace, 'varnia-wire.txt'), sidecarPath(workspace, ARTICLE));
      const n = sidecarTags(workspace, ARTICLE).length;
      second = await openWorkbench(page.context().browser(), url);
      await openNewsmarkView(second);
      await openNewsmarkView(page);
      await expectShown(second, 'the second', n);
      await expectShown(page, 'the first', n);

      await openArticle(page, ARTICLE);
      await doubleClickWord(page, 'briefing');
      await chord(page, 'f');
      await until('the figure on disk', () => sidecarTags(workspace, ARTICLE).length === n + 1, 10_000);
      await expectShown(second, 'the second', n + 1);
    },
  },
  {
    title: 'a tag saved in one window while the other holds unsaved tags is merged there; after its save all agree',
    timeout: 170_000,
    async fn({ page, workspace }) {
      const n = sidecarTags(workspace, ARTICLE).length;
      await openArticle(second, ARTICLE);
      await second.keyboard.press('Control+End');
      await second.keyboard.type('\nUpdated at 10:40.'); // the second window's article is unsaved…
      await doubleClickWord(second, 'Sarkany');
      await chord(second, 'c'); // …so its claim waits for the save
      await expectShown(second, 'the second', n + 1, true);

      await doubleClickWord(page, 'hydrologist');
      await chord(page, 'd'); // the first window saves its denial at once
      await until('the denial on disk', () => sidecarTags(workspace, ARTICLE).length === n + 1, 10_000);
      await expectShown(second, 'the second', n + 2, true); // merged: theirs and its own

      await second.keyboard.press('Control+s');
      await until('both new tags on disk', () => sidecarTags(workspace, ARTICLE).length === n + 2, 10_000);
      await expectShown(second, 'the second', n + 2);
      await expectShown(page, 'the first', n + 2);
      const texts = sidecarTags(workspace, ARTICLE).map((t) => t.text);
      for (const word of ['briefing', 'Sarkany', 'hydrologist']) if (!texts.includes(word)) throw new Error(`${word} is not tagged on disk: ${JSON.stringify(texts)}`);
      const article = readFileSync(join(workspace, ARTICLE), 'utf8');
      if (!article.endsWith('Updated at 10:40.')) throw new Error('the second window saved its article');
    },
  },
  {
    title: 'closes the second window and leaves the workspace as it found it',
    async fn({ page, workspace }) {
      await second?.context().close();
      await page.keyboard.press('Control+k');
      await page.keyboard.press('Control+w');
      rmSync(sidecarPath(workspace, ARTICLE), { force: true });
      await until(`${ARTICLE} gone from the Tags view`, async () => !(await treeInfo(page)).some((r) => r.label === ARTICLE), 15_000);
      rmSync(join(workspace, ARTICLE), { force: true });
      await sleep(300);
    },
  },
];
