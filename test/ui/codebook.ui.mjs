// UI test of the codebook (issue 17): with the SemEval-2020 techniques and the Media Frames code,
// tagging as framing opens the sub-label pick (its key picks at once), the Tags view grouped by
// category gathers the tags under their sub-labels (media/screenshots/codebook-sublabels.png), and
// the status bar item sets the article's primary frame. It leaves the workspace as it found it.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  activeEditor, chord, doubleClickWord, openArticle, openNewsmarkView, pickItem, quickItems, resizeSidebar, screenshot, setRowExpanded,
  sidebar, sidecarPath, sleep, sortedTags, subtree, titleAction, topRows, typeAndAccept, until, waitQuickInput,
} from './helpers.mjs';

export const title = 'Codebook';

const ARTICLE = 'daily-clarion.txt';
const CODEBOOK = `version: 1
name: Flood coverage (SemEval-2020 techniques, Media Frames)
categories:
  framing:
    labels:
      - { id: Loaded_Language, name: Loaded language, key: l, definition: Words chosen for their emotional charge. }
      - { id: "Name_Calling,Labeling", name: Name calling or labelling, key: n, definition: A label meant to be loved or hated. }
      - { id: Doubt, name: Doubt, key: d, definition: Credibility questioned to weaken what someone says. }
codes:
  - id: primary_frame
    name: Primary frame
    values: [Economic, Political, Security and defense, Health and safety]
`;

let sidecarBefore;
let narrow;
const codebookPath = (workspace) => join(workspace, 'newsmark.codebook.yaml');
const statusCodes = (page) => page.locator('.part.statusbar .statusbar-item').filter({ hasText: /Set codes|Security and defense/ }).first();

async function tagWithSubLabel(page, workspace, word, pickIt) {
  const before = new Set(sortedTags(workspace, ARTICLE).map((t) => t.id));
  await doubleClickWord(page, word);
  await chord(page, 'e');
  await waitQuickInput(page, /Editorial framing: Sub-label/);
  await pickIt();
  let made;
  await until(`a framing tag on "${word}" with its sub-label on disk`, () => {
    made = sortedTags(workspace, ARTICLE).find((t) => !before.has(t.id));
    return made?.label !== undefined;
  }, 10_000);
  return made;
}

export const tests = [
  {
    title: 'tagging as framing offers the sub-labels with their keys; the key "l" picks Loaded language at once',
    async fn({ page, workspace }) {
      sidecarBefore = readFileSync(sidecarPath(workspace, ARTICLE));
      writeFileSync(codebookPath(workspace), CODEBOOK);
      await sleep(1500); // the codebook watcher
      await openArticle(page, ARTICLE);
      const made = await tagWithSubLabel(page, workspace, 'disgrace', async () => {
        const items = await quickItems(page);
        const labels = items.map((i) => i.label);
        if (JSON.stringify(labels) !== JSON.stringify(['Loaded language', 'Name calling or labelling', 'Doubt'])) throw new Error(`the pick lists ${JSON.stringify(labels)}`);
        if (!items[0].text.includes('key l')) throw new Error(`no key shown: ${items[0].text}`);
        await page.keyboard.type('l');
      });
      if (made.label !== 'Loaded_Language' || made.category !== 'framing') throw new Error(`tagged ${JSON.stringify(made)}`);
    },
  },
  {
    title: 'typing to filter and Enter picks a sub-label too: "Name_Calling,Labeling" on disk, comma and all',
    async fn({ page, workspace }) {
      const made = await tagWithSubLabel(page, workspace, 'crumbling', () => typeAndAccept(page, 'ing or', 'Name calling or labelling'));
      if (made.label !== 'Name_Calling,Labeling') throw new Error(`label ${made.label}`);
    },
  },
  {
    title: 'grouped by category, Editorial framing lists its tags under their sub-labels (media/screenshots/codebook-sublabels.png)',
    async fn({ page, root }) {
      await openNewsmarkView(page);
      narrow = await resizeSidebar(page, 440);
      await sidebar(page).hover();
      await titleAction(page, 'Collapse All').click();
      await titleAction(page, 'Group by Category').click();
      await titleAction(page, 'Group by Article').waitFor({ state: 'visible', timeout: 5_000 });
      let framing;
      await until('an Editorial framing row', async () => (framing = (await topRows(page)).find((r) => r.label === 'Editorial framing')) !== undefined, 10_000);
      if (!framing.expanded) await setRowExpanded(page, framing.index, true);
      let groups = [];
      await until('the sub-label groups under Editorial framing', async () => {
        groups = (await subtree(page, 'Editorial framing')).filter((r) => r.level === 2).map((r) => `${r.label} ${r.description}`);
        return groups.includes('Loaded language 1') && groups.includes('Name calling or labelling 1') && groups.some((g) => g.startsWith('(no sub-label)'));
      }, 10_000).catch((err) => { throw new Error(`${err.message}: saw ${JSON.stringify(groups)}`); });
      const loaded = (await subtree(page, 'Editorial framing')).find((r) => r.level === 2 && r.label === 'Loaded language');
      await setRowExpanded(page, loaded.index, true);
      const article = (await subtree(page, 'Editorial framing')).find((r) => r.level === 3 && r.label === ARTICLE);
      if (!article) throw new Error(`no ${ARTICLE} under Loaded language`);
      await setRowExpanded(page, article.index, true);
      await page.keyboard.press('Control+1');
      await page.mouse.move(800, 990);
      await sleep(400);
      await screenshot(page, root, 'codebook-sublabels.png');
    },
  },
  {
    title: 'the status bar shows "Set codes"; a click and "Security and defense" write codes: primary_frame to the sidecar',
    async fn({ page, workspace }) {
      await activeEditor(page).click({ position: { x: 200, y: 60 } });
      await until('the article codes item in the status bar', () => statusCodes(page).isVisible(), 10_000);
      await statusCodes(page).click();
      await waitQuickInput(page, /Article Codes \(1\/1\) — Primary frame/);
      await pickItem(page, 'Security and defense');
      await until('codes on disk', () => /codes:\n\s+primary_frame: Security and defense/.test(readFileSync(sidecarPath(workspace, ARTICLE), 'utf8')), 10_000);
      await until('the status bar shows the frame', async () => /Security and defense/.test(await statusCodes(page).innerText()), 5_000);
    },
  },
  {
    title: 'leaves the workspace as it found it, for the suites after it',
    async fn({ page, workspace }) {
      await titleAction(page, 'Group by Article').click().catch(() => {});
      if (narrow) await resizeSidebar(page, narrow);
      if (existsSync(codebookPath(workspace))) rmSync(codebookPath(workspace));
      writeFileSync(sidecarPath(workspace, ARTICLE), sidecarBefore);
      await until('the sidecar as before', () => readFileSync(sidecarPath(workspace, ARTICLE)).equals(sidecarBefore), 5_000);
      await sleep(1000);
    },
  },
];
