// UI test of adjudication: coder B's copy of an article sits in coder-b/ (beside the workspace, as a
// second worktree would) with three differences
// (a boundary, a category, a tag only B made). "Newsmark: Compare With Annotation Set…" is run
// from the palette and the folder typed into VS Code's own folder dialog; the Tags view shows the
// Differences group; then, from the keyboard alone, Alt+N Right selects the first difference and
// Alt+N O (Take Theirs) settles it, checked in the sidecar on disk. Saves adjudication.png.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  chord, clearNotifications, openArticle, resizeSidebar, typeIntoFileDialog, wordBox, openNewsmarkView, runFromPalette, screenshot, sidecarTags, sleep, subtree, topRows, until,
} from './helpers.mjs';

export const title = 'Adjudication';

const ARTICLE = 'adjudicate-ui.txt';
const SAMPLE = 'varnia-wire.txt';
const OTHER = 'coder-b';

/** Coder B's sidecar: the sample's, with the claim cut short, the denial called a claim, and one tag of B's own. */
function coderB(workspace) {
  const text = readFileSync(join(workspace, SAMPLE), 'utf8');
  const doc = parse(readFileSync(join(workspace, `${SAMPLE}.tags.yaml`), 'utf8'));
  doc.article = ARTICLE;
  const cp = Array.from(text);
  const at = (s) => Array.from(text.slice(0, text.indexOf(s))).length;
  const cut = (start, end) => ({ start, end, text: cp.slice(start, end).join(''), prefix: cp.slice(Math.max(0, start - 32), start).join(''), suffix: cp.slice(end, end + 32).join('') });
  doc.tags = doc.tags.map((t) => {
    if (t.id === 'e8514a12') return { ...t, ...cut(t.start, t.start + Array.from('We have lost equipment and cargo').length), author: 'coder-b' };
    if (t.id === 'c04de667') return { ...t, category: 'claim', author: 'coder-b' };
    return t;
  });
  const lead = 'denied it had been warned about defects in the structure';
  doc.tags.push({ id: 'bbbb0001', category: 'denial', ...cut(at(lead), at(lead) + Array.from(lead).length), author: 'coder-b' });
  doc.tags.sort((a, b) => a.start - b.start || a.end - b.end);
  return stringify(doc);
}

export const tests = [
  {
    title: 'A1 compare with coder-b/ through the folder dialog; the Differences group lists three; Alt+N Right, Alt+N O takes theirs',
    timeout: 150_000,
    async fn(ctx) {
      const { page, workspace, root } = ctx;
      const other = join(workspace, '..', OTHER);
      copyFileSync(join(workspace, SAMPLE), join(workspace, ARTICLE));
      copyFileSync(join(workspace, `${SAMPLE}.tags.yaml`), join(workspace, `${ARTICLE}.tags.yaml`));
      mkdirSync(other, { recursive: true });
      copyFileSync(join(workspace, SAMPLE), join(other, ARTICLE));
      writeFileSync(join(other, `${ARTICLE}.tags.yaml`), coderB(workspace));
      const theirs = readFileSync(join(other, `${ARTICLE}.tags.yaml`));
      let width;
      try {
        await openNewsmarkView(page);
        await openArticle(page, ARTICLE);
        await until('the copy\'s tags loaded', () => sidecarTags(workspace, ARTICLE).length === 9);
        await sleep(1000); // the file watcher has seen both sets

        // The folder dialog (VS Code's own in the browser): the path typed into its box, Enter to open.
        // Should the dialog still take the path wrongly (it answers with the folder it opened on, which
        // Newsmark refuses as "this set", or stays open on a path that does not exist), the person
        // tries again.
        const opened = async () => (await topRows(page)).some((r) => r.label === 'Differences');
        for (let attempt = 1; ; attempt++) {
          await clearNotifications(page);
          await runFromPalette(page, 'Newsmark: Compare With Annotation Set…');
          const input = page.locator('.quick-input-widget input');
          await input.waitFor({ state: 'visible', timeout: 10_000 });
          await typeIntoFileDialog(page, `${other}/`);
          // Its button accepts the path (Enter may open the focused row, "..": the dialog lists only
          // folders, and coder-b has none).
          await sleep(1000);
          await page.locator('.quick-input-widget .monaco-button').filter({ hasText: /^\s*Compare\s*$/ }).first().click({ timeout: 5_000 })
            .catch(() => page.keyboard.press('Enter'));
          await until('the dialog to close', async () => !(await input.isVisible()), 5_000).catch(() => {});
          if (await until('the comparison to open', opened, 10_000).catch(() => false)) break;
          // What the person would read: Newsmark's answer, or the dialog still open.
          const said = (await page.locator('.notification-toast').allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').trim());
          const state = `notifications: ${JSON.stringify(said)}; dialog open: ${await input.isVisible()}`;
          if (attempt >= 4) throw new Error(`Compare With Annotation Set… did not open coder-b in four tries (${state})`);
          ctx.log(`the comparison did not open (try ${attempt}: ${state}); trying again`);
          await page.keyboard.press('Escape');
        }

        const rows = await until('the Differences group with the article and its three rows', async () => {
          const top = await topRows(page);
          if (!top.some((r) => r.label === 'Differences')) return false;
          const under = await subtree(page, 'Differences');
          return under.length === 4 ? under : false;
        }, 15_000);
        ctx.log(`differences: ${rows.map((r) => `${r.label} — ${r.description}`).join(' | ')}`);
        const kinds = rows.slice(1).map((r) => r.label).sort();
        if (JSON.stringify(kinds) !== JSON.stringify(['Boundaries differ', 'Category differs', 'Only theirs'])) throw new Error(`rows ${JSON.stringify(kinds)}`);
        if (!rows.some((r) => /mine: Denial .*theirs: Claim/.test(r.description))) throw new Error('the category row does not show both versions');

        // Keyboard only from here: into the editor, to the first difference (B's tag in the lead paragraph).
        await page.locator('.part.editor .tab.active').filter({ hasText: ARTICLE }).click();
        await page.keyboard.press('Control+Home');
        await chord(page, 'ArrowRight');
        let status = '';
        await until('the first difference selected', async () => /\(56 selected\)/.test(status = await page.locator('[id="status.editor.selection"]').innerText().catch(() => '')), 10_000)
          .catch((err) => { throw new Error(`${err.message} (status bar: ${status})`); });
        const outlines = await page.evaluate(() => {
          // Their spans are outlined with the contributed colour newsmark.theirsOutline.
          const probe = document.createElement('div');
          probe.style.borderColor = 'var(--vscode-newsmark-theirsOutline)';
          document.querySelector('.monaco-workbench').append(probe);
          const colour = getComputedStyle(probe).borderTopColor;
          probe.remove();
          const drawn = [...document.querySelectorAll('.part.editor .monaco-editor div, .part.editor .monaco-editor span')].filter((el) => getComputedStyle(el).borderTopStyle === 'solid' && getComputedStyle(el).borderTopColor === colour);
          return { colour, count: drawn.length };
        });
        if (outlines.count === 0) throw new Error(`no span is outlined in ${outlines.colour}`);
        // For the README: a wider Tags view, and the hover of the category difference with its four links.
        await clearNotifications(page);
        width = await resizeSidebar(page, 560);
        await sleep(800); // the editor re-wraps its lines to the new width
        const box = await wordBox(page, 'spillway');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const hover = page.locator('.monaco-hover').filter({ hasText: 'Category differs' }).first();
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
        const links = await hover.locator('a').allInnerTexts();
        for (const l of ['Take Theirs', 'Keep Mine', 'Keep Both', 'Drop Both']) if (!links.includes(l)) throw new Error(`the hover links ${JSON.stringify(links)}`);
        await sleep(1000); // the hover fades in
        await screenshot(page, root, 'adjudication.png');
        await page.mouse.move(5, 500);
        await page.keyboard.press('Escape');
        await sleep(300);

        await chord(page, 'o');
        const taken = await until('coder B\'s tag copied into the sidecar, confirmed', () => sidecarTags(workspace, ARTICLE).find((t) => t.id === 'bbbb0001' && t.review === 'confirmed'), 10_000);
        if (taken.reviewer !== 'adjudicator' || taken.author !== 'coder-b') throw new Error(`the copy: ${JSON.stringify(taken)}`);
        await until('two rows left under Differences', async () => (await subtree(page, 'Differences')).length === 3, 10_000);
        if (await page.locator('.part.editor .tab.active.dirty').count()) throw new Error('a key reached the text');
        if (!readFileSync(join(other, `${ARTICLE}.tags.yaml`)).equals(theirs)) throw new Error('coder B\'s sidecar was written');
      } finally {
        await runFromPalette(page, 'Newsmark: Stop Comparing').catch(() => {});
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+k').catch(() => {});
        await page.keyboard.press('w').catch(() => {});
        if (width) await resizeSidebar(page, width).catch(() => {});
        for (const f of [`${ARTICLE}.tags.yaml`, ARTICLE]) rmSync(join(workspace, f), { force: true });
        rmSync(other, { recursive: true, force: true });
      }
    },
  },
];
