// UI test of the Tags view's review features, taking the README screenshots as it goes:
// media/screenshots/review-by-article.png (Summary expanded, a disputed tag's wavy underline),
// review-by-category.png (after the title-bar "Group by Category" button) and filter.png
// ("Filter Tags…" → Figure). It leaves the view as it found it: by article, no filter.
import { readdirSync } from 'node:fs';
import {
  activeEditor, chord, clickIntoWord, countsItem, expectedCounts, openArticle, openNewsmarkView, quickInput, quickRows,
  resizeSidebar, screenshot, setRowExpanded, sidebar, sleep, sortedTags, subtree, titleAction, topRows, treeInfo, until,
  waitQuickInput, wordBox,
} from './helpers.mjs';

export const title = 'Review screens';

const ARTICLE = 'daily-clarion.txt';
const DISPUTED = '2,471'; // "2,471 people": the Varnia Wire and Harbor Gazette say 2,417
const CATEGORY_LABELS = ['Claim', 'Denial', 'Figure', 'Editorial framing'];
const ATTENTION = ['Summary', 'Needs review', 'Orphaned'];
const WIDE = 440; // as in media/screenshots/tags-view.png

let narrow; // the side bar's width before, restored at the end

const articles = (workspace) => readdirSync(workspace).filter((f) => f.endsWith('.tags.yaml')).map((f) => f.slice(0, -'.tags.yaml'.length)).sort();
const allTags = (workspace) => articles(workspace).flatMap((a) => sortedTags(workspace, a));
const viewMessage = (page) => sidebar(page).locator('.message').first();

/** The top-level rows other than Summary and the attention groups must be exactly WANT (all rendered). */
async function expectGroups(page, want) {
  let seen = [];
  await until(`top-level rows ${JSON.stringify(want)}`, async () => {
    seen = (await topRows(page)).map((r) => r.label).filter((l) => !ATTENTION.includes(l));
    return JSON.stringify(seen) === JSON.stringify(want);
  }, 10_000).catch((err) => { throw new Error(`${err.message}; saw ${JSON.stringify(seen)}`); });
}

/** Clicks the title-bar button TITLE; NEXT is the button that must replace it (toggles), if any. */
async function clickTitleAction(page, title, next) {
  const button = titleAction(page, title);
  await sidebar(page).hover(); // title actions of an unfocused view show on hover
  await button.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
    const seen = await sidebar(page).locator('.composite.title .action-label[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    throw new Error(`no "${title}" button in the side bar's title (saw ${JSON.stringify(seen)})`);
  });
  await button.click();
  if (next) await titleAction(page, next).waitFor({ state: 'visible', timeout: 5_000 });
}

/** Expands or collapses the top-level row LABEL. */
async function setTopExpanded(page, label, expanded) {
  const row = (await topRows(page)).find((r) => r.label === label);
  if (!row) throw new Error(`no top-level row ${JSON.stringify(label)}`);
  await setRowExpanded(page, row.index, expanded);
}

/** Expands the top-level row PARENT and every collapsed row under it (rendered ones; a few levels deep). */
async function expandUnder(page, parent) {
  await setTopExpanded(page, parent, true);
  for (let round = 0; round < 20; round++) {
    const closed = (await subtree(page, parent)).find((r) => r.expanded === false);
    if (!closed) return;
    await setRowExpanded(page, closed.index, true);
  }
}

/** For the README: focus back in the editor (the tree's last-clicked row unfocused), the pointer out of the way. */
async function shoot(page, root, name) {
  await page.keyboard.press('Control+1');
  await until('the editor to have focus', () => activeEditor(page).evaluate((el) => el.classList.contains('focused')), 5_000);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown'); // the caret on the empty line 2: no word highlighted around it
  await page.mouse.move(800, 990);
  await sleep(400);
  await screenshot(page, root, name);
}

export const tests = [
  {
    title: `Alt+N X in "${DISPUTED} people": the tag is disputed on disk and gets a wavy underline`,
    async fn({ page, workspace }) {
      await openArticle(page, ARTICLE);
      const tag = sortedTags(workspace, ARTICLE).find((t) => t.text.startsWith(DISPUTED));
      if (!tag) throw new Error(`no "${DISPUTED}" tag in ${ARTICLE}.tags.yaml`);
      await clickIntoWord(page, 'people');
      await chord(page, 'x');
      await until('review: disputed on disk', () => sortedTags(workspace, ARTICLE).find((t) => t.id === tag.id)?.review === 'disputed', 10_000);
      await page.keyboard.press('Control+Home'); // the caret off the tag: no selection or occurrence highlight over it
      await until('a wavy underline under the disputed tag', async () => {
        const box = await wordBox(page, DISPUTED);
        return activeEditor(page).evaluate((root, b) => [...root.querySelectorAll('.view-lines span')].some((el) => {
          const r = el.getBoundingClientRect();
          return window.getComputedStyle(el).textDecorationStyle === 'wavy' && r.left <= b.x + 1 && r.right >= b.x + b.width - 1 && r.top <= b.y + b.height / 2 && r.bottom >= b.y + b.height / 2;
        }), box);
      }, 5_000);
      await until('the status bar counts', async () => (await countsItem(page).innerText()).trim() === expectedCounts(sortedTags(workspace, ARTICLE)), 5_000);
    },
  },
  {
    title: 'grouped by article, the Summary node lists the counts on disk (media/screenshots/review-by-article.png)',
    async fn({ page, workspace, root }) {
      await openNewsmarkView(page);
      narrow = await resizeSidebar(page, WIDE);
      await clickTitleAction(page, 'Collapse All');
      await expectGroups(page, articles(workspace));
      await setTopExpanded(page, 'Summary', true);
      const tags = allTags(workspace);
      const count = (pred) => String(tags.filter(pred).length);
      const want = {
        Claim: count((t) => t.category === 'claim'), Figure: count((t) => t.category === 'figure'),
        Confirmed: count((t) => t.review === 'confirmed'), Disputed: count((t) => t.review === 'disputed'), Unreviewed: count((t) => !t.review),
      };
      if (want.Disputed === '0') throw new Error('no disputed tag on disk');
      let seen = {};
      await until(`Summary rows ${JSON.stringify(want)}`, async () => {
        seen = Object.fromEntries((await subtree(page, 'Summary')).map((r) => [r.label, r.description]));
        return Object.entries(want).every(([k, v]) => seen[k] === v);
      }, 5_000).catch((err) => { throw new Error(`${err.message}; saw ${JSON.stringify(seen)}`); });
      const summary = (await topRows(page)).find((r) => r.label === 'Summary');
      if (!summary.description.startsWith(`${tags.length} tags in ${articles(workspace).length} articles`)) throw new Error(`Summary says ${JSON.stringify(summary)}`);
      // The article in the editor, opened down to its tags: the disputed one says so.
      await expandUnder(page, ARTICLE);
      let row;
      await until(`the "${DISPUTED}" row to say "✗ disputed"`, async () => {
        row = (await subtree(page, ARTICLE)).find((r) => r.label.startsWith(DISPUTED));
        return row?.description.includes('✗ disputed');
      }, 5_000).catch((err) => { throw new Error(`${err.message}; it says ${JSON.stringify(row)}`); });
      await shoot(page, root, 'review-by-article.png');
    },
  },
  {
    title: 'the "Group by Category" button makes the categories the top level (media/screenshots/review-by-category.png)',
    async fn({ page, root }) {
      await setTopExpanded(page, 'Summary', false);
      await clickTitleAction(page, 'Group by Category', 'Group by Article');
      await expectGroups(page, CATEGORY_LABELS);
      // Under a category the articles are collapsed; open the editor's article under Figure.
      const under = await subtree(page, 'Figure');
      const article = under.find((r) => r.level === 2 && r.label === ARTICLE);
      if (!article) throw new Error(`no ${ARTICLE} under Figure (saw ${JSON.stringify(under.map((r) => r.label))})`);
      await setRowExpanded(page, article.index, true);
      let labels = [];
      await until(`a "${DISPUTED}" row under Figure ▸ ${ARTICLE}`, async () => {
        labels = (await subtree(page, 'Figure')).filter((r) => r.level === 3).map((r) => r.label);
        return labels.some((l) => l.startsWith(DISPUTED));
      }, 5_000).catch((err) => { throw new Error(`${err.message} (saw ${JSON.stringify(labels)})`); });
      await shoot(page, root, 'review-by-category.png');
    },
  },
  {
    title: '"Filter Tags…" → Figure: only figures, and the view message says "Filter: Figure" (media/screenshots/filter.png)',
    async fn({ page, workspace, root }) {
      await clickTitleAction(page, 'Group by Article', 'Group by Category');
      await clickTitleAction(page, 'Collapse All'); // the articles come back expanded: too long to all render
      await expectGroups(page, articles(workspace));
      await clickTitleAction(page, 'Filter Tags…');
      await waitQuickInput(page, /Filter Tags/);
      const figure = quickRows(page).filter({ has: page.locator('.label-name', { hasText: /^\s*Figure\s*$/ }) }).first();
      await figure.click();
      await until('Figure checked', async () => (await figure.getAttribute('aria-checked')) === 'true', 5_000);
      await page.keyboard.press('Enter');
      await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 });
      const tags = allTags(workspace);
      const figures = tags.filter((t) => t.category === 'figure').length;
      const want = `Filter: Figure — ${figures} of ${tags.length} tags`;
      await until(`the view message "${want}…"`, async () => (await viewMessage(page).innerText()).startsWith(want), 5_000)
        .catch(async (err) => { throw new Error(`${err.message}; it says ${JSON.stringify(await viewMessage(page).innerText().catch(() => '?'))}`); });
      await titleAction(page, 'Clear Filter').waitFor({ state: 'visible', timeout: 5_000 });
      const summary = (await topRows(page)).find((r) => r.label === 'Summary');
      if (!summary?.description.startsWith(`${figures} tags in`)) throw new Error(`Summary under the filter says ${JSON.stringify(summary)}`);
      // Every article opened: its only category is Figure, with just its figures.
      for (const article of articles(workspace)) await expandUnder(page, article);
      let seen;
      await until(`only Figure rows, ${figures} tag rows`, async () => {
        const rows = await treeInfo(page);
        seen = { categories: [...new Set(rows.filter((r) => r.level === 2).map((r) => r.label))], tags: rows.filter((r) => r.level === 3).length };
        return JSON.stringify(seen.categories) === '["Figure"]' && seen.tags === figures;
      }, 5_000).catch((err) => { throw new Error(`${err.message}; saw ${JSON.stringify(seen)}`); });
      await shoot(page, root, 'filter.png');
    },
  },
  {
    title: '"Clear Filter" removes the message and its own button',
    async fn({ page, workspace }) {
      await clickTitleAction(page, 'Clear Filter');
      await clickTitleAction(page, 'Collapse All');
      await until('no view message', async () => !(await viewMessage(page).isVisible()) || (await viewMessage(page).innerText()).trim() === '', 5_000);
      await titleAction(page, 'Clear Filter').waitFor({ state: 'hidden', timeout: 5_000 });
      await expectGroups(page, articles(workspace));
      // Leave the side bar as the other tests expect it: its old width, the Explorer showing.
      if (narrow) await resizeSidebar(page, narrow);
      await page.locator('.part.activitybar [aria-label^="Explorer"]').first().click();
      await until('the Explorer', async () => /explorer/i.test(await sidebar(page).locator('.composite.title').innerText()), 5_000);
    },
  },
];
