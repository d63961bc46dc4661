// UI test of tagging with the keyboard, as a person does it: open an article with Quick Open,
// double-click a word, press the Alt+N chords, and check the sidecar on disk after every step.
// Also takes media/screenshots/hover.png (highlight + hover of the new tag).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  activeEditor, chord, clickIntoWord, openArticle, pickItem, quickItems, sleep, tagOnDiskBecomes,
  screenshotDir, tagWordAndCheck, until, waitQuickInput, wordBox,
} from './helpers.mjs';

export const title = 'Tagging with keys';

const ARTICLE = 'varnia-wire.txt';
const WORD = 'dozen'; // "about two dozen vessels": untagged in the sample
const NOTE = 'Harbor Gazette says "two dozen vessels" too';

// Shared between the steps below (they run in order on one page).
let tag;

export const tests = [
  {
    title: 'double-click a word, Alt+N F: the sidecar on disk gains a figure tag',
    async fn(ctx) {
      await openArticle(ctx.page, ARTICLE);
      tag = await tagWordAndCheck(ctx, ARTICLE, WORD, 'figure', () => chord(ctx.page, 'f'));
      // The highlight: a decoration class over the word (the extension's only inline decorations).
      await until('a highlight over the new tag', async () => {
        const box = await wordBox(ctx.page, WORD);
        return activeEditor(ctx.page).evaluate((root, b) => [...root.querySelectorAll('.view-overlays div[class], .view-lines span[class]')]
          .some((el) => /ced-|newsmark/i.test(el.className) && (() => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.left <= b.x + 1 && r.right >= b.x + b.width - 1 && r.top <= b.y + b.height / 2 && r.bottom >= b.y + b.height / 2;
          })()), box);
      }, 5_000);
    },
  },
  {
    title: 'cursor in the tag, Alt+N N opens the note in a tab beside the article; type, Ctrl+S: the sidecar has the note',
    async fn({ page, workspace }) {
      if (!tag) throw new Error('no tag from the previous step');
      await clickIntoWord(page, WORD);
      await chord(page, 'n');
      const tab = page.locator('.part.editor .tab.active').filter({ hasText: `Note on “${WORD}”` });
      await tab.waitFor({ state: 'visible', timeout: 10_000 });
      await until('the note editor to have the focus', () => page.evaluate(() => document.activeElement?.closest('.editor-instance') !== null
        && document.activeElement?.closest('.editor-group-container.active') !== null), 5_000);
      await page.keyboard.type(NOTE, { delay: 5 });
      await page.locator('.part.editor .tab.active.dirty').waitFor({ state: 'visible', timeout: 5_000 });
      await page.keyboard.press('Control+s');
      await tagOnDiskBecomes(workspace, ARTICLE, tag.id, 'the note', (t) => t?.note === NOTE && t.category === 'figure');
      await page.locator('.part.editor .tab.active.dirty').waitFor({ state: 'detached', timeout: 5_000 });
      await page.keyboard.press('Control+w');
      await tab.waitFor({ state: 'detached', timeout: 5_000 });
    },
  },
  {
    title: 'hovering the tag shows category, definition, note and actions (media/screenshots/hover.png)',
    async fn({ page, root }) {
      // The caret elsewhere, so the word shows its tag colour rather than the occurrence highlight.
      await page.keyboard.press('Control+End');
      const box = await wordBox(page, WORD);
      const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'Figure' }).first();
      // Moving onto the word from elsewhere is what starts VS Code's hover delay.
      await page.mouse.move(box.x + box.width / 2, box.y - 60);
      await sleep(200);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      await hover.waitFor({ state: 'visible', timeout: 10_000 });
      // The hover's text keeps spaces as U+00A0 (MarkdownString.appendText); compare with plain ones.
      const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
      const want = ['Figure', 'A number or quantity reported as fact', NOTE, 'Change Category', 'Edit Note', 'Remove Tag'];
      const missing = want.filter((w) => !text.includes(w));
      if (missing.length) throw new Error(`hover lacks ${JSON.stringify(missing)}; it says ${JSON.stringify(text)}`);
      const dir = screenshotDir(root);
      mkdirSync(dir, { recursive: true });
      await sleep(300); // let the hover finish fading in
      await page.screenshot({ path: join(dir, 'hover.png') });
      await page.mouse.move(box.x + box.width / 2, box.y + 300);
      await page.keyboard.press('Escape');
      await hover.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    },
  },
  {
    title: 'Alt+N R, pick "Claim": the sidecar has category claim',
    async fn({ page, workspace }) {
      if (!tag) throw new Error('no tag from the previous step');
      await clickIntoWord(page, WORD);
      await chord(page, 'r');
      await waitQuickInput(page, /Change Category/);
      const items = await quickItems(page);
      const current = items.find((i) => /current/.test(i.text));
      if (!current || current.label !== 'Figure') throw new Error(`the pick does not mark Figure as current: ${JSON.stringify(items)}`);
      await pickItem(page, 'Claim');
      await tagOnDiskBecomes(workspace, ARTICLE, tag.id, 'category claim', (t) => t?.category === 'claim' && t.note === NOTE);
    },
  },
  {
    title: 'Alt+N Backspace: the tag is gone from the sidecar',
    async fn({ page, workspace }) {
      if (!tag) throw new Error('no tag from the previous step');
      await clickIntoWord(page, WORD);
      await chord(page, 'Backspace');
      await tagOnDiskBecomes(workspace, ARTICLE, tag.id, 'the tag removed', (t) => t === undefined);
      // The word itself must be untouched (Backspace went to the chord, not the text).
      await wordBox(page, WORD);
      const dirty = await page.locator('.part.editor .tab.active.dirty').count();
      if (dirty) throw new Error(`${ARTICLE} became dirty: a key reached the text`);
    },
  },
];
