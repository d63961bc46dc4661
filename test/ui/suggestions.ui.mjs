// UI test of tag suggestions as a person meets them: "Newsmark: Suggest Tags" from the palette,
// dashed outlines in the text, a Suggestions group in the Tags view, and the row's Accept button
// turning one into a tag on disk. Takes media/screenshots/suggestions.png for the README.
import {
  openArticle, openNewsmarkView, pickItem, resizeSidebar, rowWithText, runFromPalette, screenshot, setRowExpanded, sidebar, sortedTags, subtree, until,
} from './helpers.mjs';

export const title = 'Suggestions';

const ARTICLE = 'harbor-gazette.txt';

/** Colours of the active editor's dashed borders and outlines, one per element: the suggestion decorations. */
const dashedColours = (page) => page.locator('.part.editor .monaco-editor').first().evaluate((editor) =>
  [...editor.querySelectorAll('.view-overlays div, .view-lines span')].flatMap((el) => {
    const style = getComputedStyle(el);
    return [
      ...(style.borderStyle.includes('dashed') ? [style.borderTopColor] : []),
      ...(style.outlineStyle === 'dashed' ? [style.outlineColor] : []),
    ];
  }));
const dashedOutlines = async (page) => (await dashedColours(page)).length;

export const tests = [
  {
    title: 'F1 "Newsmark: Suggest Tags", this article: dashed outlines in the text and a Suggestions group in the Tags view',
    async fn({ page, root }) {
      await openArticle(page, ARTICLE);
      await openNewsmarkView(page);
      const narrow = await resizeSidebar(page, 440);
      await runFromPalette(page, 'Newsmark: Suggest Tags');
      await pickItem(page, 'This article');
      await until('a Suggestions group in the Tags view', async () => (await rowWithText(page, 'Suggestions').count()) > 0, 15_000);
      await until('dashed outlines around suggested spans', async () => (await dashedOutlines(page)) > 0, 10_000);
      // Each category's suggestions in its own colour: the article has suggestions of several categories.
      await until('dashed outlines in more than one colour', async () => new Set(await dashedColours(page)).size > 1, 10_000);
      await page.keyboard.press('Control+Home');
      await screenshot(page, root, 'suggestions.png');
      if (narrow) await resizeSidebar(page, narrow);
    },
  },
  {
    title: "a suggestion row's Accept button makes it a tag by newsmark-suggest on disk",
    async fn({ page, workspace }) {
      const before = sortedTags(workspace, ARTICLE).length;
      // The Figure group under Suggestions (an article's own Figure group may be showing too).
      const group = (await subtree(page, 'Suggestions')).find((r) => r.level === 2 && r.label === 'Figure');
      if (!group) throw new Error('no Figure group under Suggestions');
      await setRowExpanded(page, group.index, true);
      const row = sidebar(page).locator(`.monaco-list-row[data-index="${group.index + 1}"][aria-level="3"]`);
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.hover();
      await row.locator('.action-label[aria-label^="Accept Suggestion"]').click();
      await until('one more tag on disk, by newsmark-suggest', () => {
        const tags = sortedTags(workspace, ARTICLE);
        return tags.length === before + 1 && tags.some((t) => t.author === 'newsmark-suggest' && t.category === 'figure');
      }, 10_000);
      await page.locator('.part.activitybar [aria-label^="Explorer"]').first().click();
    },
  },
];
