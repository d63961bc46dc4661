// UI tests of tagging from the editor's context menu and the command palette, and of what an empty
// selection does; every step is checked against the sidecar on disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chord, clearNotifications, clickIntoWord, escapeRe, openArticle, pickItem, quickItems,
  runFromPalette, sidecarBytes, sidecarTags, sleep, tagWordAndCheck, toasts, until, waitQuickInput, wordBox,
} from './helpers.mjs';

export const title = 'Tagging from menus';

const ARTICLE = 'varnia-wire.txt';

/** The categories' labels and one-line definitions, as src/core/codebook.ts declares them. */
function codebook(root) {
  const src = readFileSync(join(root, 'src', 'core', 'codebook.ts'), 'utf8');
  const found = [...src.matchAll(/label\(\) \{ return l10n\.t\('([^']+)'\); \},\s*get definition\(\) \{ return l10n\.t\('([^']+)'\); \}/g)].map((m) => ({ label: m[1], definition: m[2] }));
  if (found.length !== 4) throw new Error(`expected 4 categories in src/core/codebook.ts, read ${JSON.stringify(found)}`);
  return found;
}

const menuItem = (page, label) => page.locator('.monaco-menu .action-item:not(.disabled) .action-label')
  .filter({ hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }).first();

export const tests = [
  {
    title: 'right-click the selection, Newsmark ▸ Tag as Denial: the sidecar gains a denial tag',
    async fn(ctx) {
      const { page } = ctx;
      await openArticle(page, ARTICLE);
      await tagWordAndCheck(ctx, ARTICLE, 'denied', 'denial', async () => {
        const box = await wordBox(page, 'denied');
        // Right-clicking inside a selection keeps it.
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
        const submenu = menuItem(page, 'Newsmark');
        await submenu.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
          const items = await page.locator('.monaco-menu .action-label').allInnerTexts().catch(() => []);
          throw new Error(`no "Newsmark" item in the editor context menu (saw ${JSON.stringify(items.filter(Boolean))})`);
        });
        await submenu.hover();
        await sleep(300);
        await submenu.click(); // opens the submenu if hovering did not
        const item = menuItem(page, 'Tag as Denial');
        await item.waitFor({ state: 'visible', timeout: 5_000 });
        await item.click();
      });
    },
  },
  {
    title: 'F1, "Newsmark: Tag as Editorial Framing", Enter: the sidecar gains a framing tag',
    async fn(ctx) {
      await tagWordAndCheck(ctx, ARTICLE, 'barely', 'framing', () => runFromPalette(ctx.page, 'Newsmark: Tag as Editorial Framing'));
    },
  },
  {
    title: 'F1, "Newsmark: Tag Selection…": the pick lists the four categories with definitions; "Claim" tags a claim',
    async fn(ctx) {
      const { page, root } = ctx;
      const want = codebook(root);
      await tagWordAndCheck(ctx, ARTICLE, 'ordered', 'claim', async () => {
        await runFromPalette(page, 'Newsmark: Tag Selection…');
        await waitQuickInput(page, /Tag Selection/);
        const items = await quickItems(page);
        const got = items.map((i) => i.label);
        if (JSON.stringify(got) !== JSON.stringify(want.map((c) => c.label))) {
          throw new Error(`the pick lists ${JSON.stringify(got)}, expected ${JSON.stringify(want.map((c) => c.label))}`);
        }
        for (const c of want) {
          const row = items.find((i) => i.label === c.label);
          if (!row.text.includes(c.definition)) throw new Error(`the "${c.label}" row does not show its definition: ${JSON.stringify(row.text)}`);
        }
        await pickItem(page, 'Claim');
      });
    },
  },
  {
    title: 'with no selection and the caret on no word, Alt+N C warns in one sentence the toast shows whole; in a word, it tags the word',
    async fn({ page, workspace }) {
      await clearNotifications(page);
      await clickIntoWord(page, 'Opposition');
      // Its line starts the paragraph, after a blank line: the caret goes there.
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowUp');
      const before = sidecarBytes(workspace, ARTICLE);
      const tagsBefore = sidecarTags(workspace, ARTICLE);
      await chord(page, 'c');
      const warning = toasts(page).filter({ hasText: /^Select text or put the cursor on a word\.$/ }).first();
      await warning.waitFor({ state: 'visible', timeout: 5_000 }).catch(async () => {
        const status = await page.locator('.part.statusbar').innerText().catch(() => '');
        const hint = /not a command/i.test(status) ? `; the status bar says ${JSON.stringify(status.match(/[^\n]*not a command[^\n]*/i)?.[0])}` : '';
        throw new Error(`no "Select text or put the cursor on a word." warning after Alt+N C on a blank line${hint}`);
      });
      const cut = await warning.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      if (cut) throw new Error('the warning is cut off in its toast');
      if (!sidecarBytes(workspace, ARTICLE).equals(before)) throw new Error(`${ARTICLE}.tags.yaml changed on disk before the warning showed`);
      const dirty = await page.locator('.part.editor .tab.active.dirty').count();
      if (dirty) throw new Error(`${ARTICLE} became dirty: "c" was typed into the text`);
      await clearNotifications(page);
      // Nothing written, proved by a tag that is written: the same chord with the caret in a word (still
      // no selection) goes through the same store and writer, so once its tag is on disk, a write of the
      // blank line's would be too.
      await clickIntoWord(page, 'Opposition');
      await chord(page, 'c');
      const known = new Set(tagsBefore.map((t) => t.id));
      await until('the claim on "Opposition" (tagged after the empty selection) on disk', () => sidecarTags(workspace, ARTICLE).some((t) => !known.has(t.id) && t.text === 'Opposition'), 10_000);
      const now = sidecarTags(workspace, ARTICLE);
      const added = now.filter((t) => !known.has(t.id));
      if (added.length !== 1) throw new Error(`the sidecar gained ${added.length} tags, not only the claim on "Opposition": ${JSON.stringify(added.map((t) => `${t.category} ${t.start}-${t.end} ${t.text}`))}`);
      const others = now.filter((t) => t.id !== added[0].id);
      if (JSON.stringify(others) !== JSON.stringify(tagsBefore)) {
        throw new Error(`besides the claim on "Opposition", the sidecar's tags changed: ${JSON.stringify(tagsBefore.map((t) => t.id))} became ${JSON.stringify(others.map((t) => t.id))}`);
      }
      // And the sample back as it was, for the suites after this one.
      await clickIntoWord(page, 'Opposition');
      await chord(page, 'Backspace');
      await until(`${ARTICLE}.tags.yaml back to its bytes from before`, () => sidecarBytes(workspace, ARTICLE).equals(before), 10_000);
      await clearNotifications(page);
    },
  },
];
