// UI test of what the analyst sees when files change around the tags: an article moved outside
// VS Code (listed as missing, then Locate Article… through the file dialog), the sidecar of an
// article that is gone (Delete Tags Too, after a modal question), and a tag changed both here
// and on disk (Conflicts, Keep Theirs). Screenshots: missing-article.png, conflicts.png.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  chord, clickIntoWord, openArticle, openNewsmarkView, resizeSidebar, screenshot, sidebar, sidecarPath, sidecarTags, sleep, titleAction, topRows, treeInfo, until,
} from './helpers.mjs';

export const title = 'Files and conflicts';

const WIDE = 440; // as in the README's other screenshots
let narrow; // the side bar's width before, restored at the end

/** A copy of a sample under NAME, its sidecar's article field saying so. */
function copySample(workspace, sample, name, { withArticle = true } = {}) {
  if (withArticle) writeFileSync(join(workspace, name), readFileSync(join(workspace, sample)));
  const yaml = readFileSync(sidecarPath(workspace, sample), 'utf8').replace(`article: ${sample}`, `article: ${name}`);
  writeFileSync(sidecarPath(workspace, name), yaml);
}

/** Collapses the Tags tree so every article row is on screen (the tree renders only what is visible). */
async function collapseAll(page) {
  await sidebar(page).hover();
  const button = titleAction(page, 'Collapse All');
  await button.waitFor({ state: 'visible', timeout: 5_000 });
  await button.click();
  await sleep(300);
}

async function rowInfo(page, label) {
  return (await treeInfo(page)).find((r) => r.label === label);
}

/** The rendered row whose label is LABEL (any level). */
async function row(page, label) {
  const info = await rowInfo(page, label);
  if (!info) throw new Error(`no row ${JSON.stringify(label)} (rows: ${JSON.stringify((await treeInfo(page)).map((r) => r.label))})`);
  return sidebar(page).locator(`.monaco-list-row[data-index="${info.index}"]`);
}

/** Hovers the row LABEL and clicks its inline action ACTION (aria-label). */
async function inlineAction(page, label, action) {
  const target = await row(page, label);
  await target.hover();
  const button = target.locator(`.action-label[aria-label="${action}"]`);
  await button.waitFor({ state: 'visible', timeout: 5_000 });
  await button.click();
}

export const tests = [
  {
    title: 'an article moved outside VS Code is listed as missing; Locate Article… takes its tags to where it went',
    async fn({ page, workspace, root }) {
      copySample(workspace, 'varnia-wire.txt', 'ferry-notes.txt');
      const before = sidecarTags(workspace, 'ferry-notes.txt').map((t) => t.id);
      await openNewsmarkView(page);
      narrow = await resizeSidebar(page, WIDE);
      // The tree renders only the rows in sight: with an article above still expanded (a reveal
      // by an earlier test), the new one's row can be below them.
      await collapseAll(page);
      await until('ferry-notes.txt in the Tags view', async () => Boolean(await rowInfo(page, 'ferry-notes.txt')), 20_000);

      mkdirSync(join(workspace, 'archive'), { recursive: true });
      renameSync(join(workspace, 'ferry-notes.txt'), join(workspace, 'archive', 'ferry-notes-final.txt')); // git mv, a file manager…
      await collapseAll(page);
      await until('ferry-notes.txt shown as missing', async () => /article missing/.test((await rowInfo(page, 'ferry-notes.txt'))?.description ?? ''), 20_000);
      await (await row(page, 'ferry-notes.txt')).hover();
      await sleep(300);
      await screenshot(page, root, 'missing-article.png');

      await inlineAction(page, 'ferry-notes.txt', 'Locate Article…');
      // VS Code's own file dialog in the browser: a path box over a list.
      const input = page.locator('.quick-input-widget .quick-input-box input').first();
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      // The dialog lists its first folder (the workspace) after it shows, and then puts that folder's
      // path in the box whatever is there: a path typed before that is garbled (seen: the box became
      // <workspace>/ followed by the rest of what was being typed). So wait for the listing and the
      // folder's path first, then give the whole path in one step rather than key by key, so no
      // completion of a partial path can land in between.
      const rowLabeled = (label) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: label }).first();
      await until('the file dialog listing the workspace, its path in the box', async () => await rowLabeled('varnia-wire.txt').isVisible() && (await input.inputValue()) === `${workspace}/`, 10_000)
        .catch(async (err) => { throw new Error(`${err.message} (the box holds ${JSON.stringify(await input.inputValue().catch(() => '?'))})`); });
      const target = join(workspace, 'archive', 'ferry-notes-final.txt');
      await input.fill(target);
      // Settled: the dialog has listed the archive folder (the file is a row) and the path is still ours.
      await until('the file dialog listing archive/ with the path as given', async () => await rowLabeled('ferry-notes-final.txt').isVisible() && (await input.inputValue()) === target, 10_000)
        .catch(async (err) => { throw new Error(`${err.message} (the box holds ${JSON.stringify(await input.inputValue().catch(() => '?'))})`); });
      await page.keyboard.press('Enter');
      const moved = join(workspace, 'archive', 'ferry-notes-final.txt.tags.yaml');
      await until('the sidecar beside the article found again', () => existsSync(moved) && !existsSync(sidecarPath(workspace, 'ferry-notes.txt')), 15_000);
      await until('its article field updated', () => /^article: ferry-notes-final\.txt$/m.test(readFileSync(moved, 'utf8')), 10_000);
      const after = sidecarTags(join(workspace, 'archive'), 'ferry-notes-final.txt').map((t) => t.id);
      if (JSON.stringify(after.sort()) !== JSON.stringify(before.sort())) throw new Error(`tags ${JSON.stringify(before)} became ${JSON.stringify(after)}`);
      await until('no missing article left in the view', async () => !(await treeInfo(page)).some((r) => /article missing/.test(r.description)), 10_000);
    },
  },
  {
    title: 'Delete Tags Too asks first, then removes the sidecar of an article that is gone',
    async fn({ page, workspace }) {
      copySample(workspace, 'harbor-gazette.txt', 'withdrawn.txt', { withArticle: false });
      await collapseAll(page);
      await until('withdrawn.txt shown as missing', async () => /article missing/.test((await rowInfo(page, 'withdrawn.txt'))?.description ?? ''), 20_000);
      await inlineAction(page, 'withdrawn.txt', 'Delete Tags Too');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 10_000 });
      const message = await dialog.innerText();
      if (!/Delete withdrawn\.txt\.tags\.yaml with its \d+ tags\?/.test(message)) throw new Error(`the question was ${JSON.stringify(message)}`);
      if (!existsSync(sidecarPath(workspace, 'withdrawn.txt'))) throw new Error('deleted before the analyst answered');
      await dialog.getByRole('button', { name: 'Delete Tags' }).click();
      await until('the sidecar deleted', () => !existsSync(sidecarPath(workspace, 'withdrawn.txt')), 10_000);
      await until('the row gone', async () => !(await rowInfo(page, 'withdrawn.txt')), 10_000);
    },
  },
  {
    title: 'a tag confirmed here and disputed on disk waits under Conflicts until Keep Theirs',
    async fn({ page, workspace, root }) {
      copySample(workspace, 'meridian-ledger.txt', 'clash.txt');
      await openArticle(page, 'clash.txt');
      const text = readFileSync(join(workspace, 'clash.txt'), 'utf8').replace(/\r\n/g, '\n');
      const tag = sidecarTags(workspace, 'clash.txt').find((t) => /^[A-Z][a-z]{4,}/.test(t.text) && !t.review);
      if (!tag) throw new Error('fixture: no tag starting with a word');
      const word = tag.text.match(/^[A-Z][a-z]{4,}/)[0];
      const nth = text.slice(0, [...text].slice(0, tag.start).join('').length).split(word).length - 1;
      await page.keyboard.press('Control+End');
      const update = 'Update: the ledger corrected a figure.';
      await page.keyboard.type(`\n${update}`); // unsaved: tag changes wait for the save
      await clickIntoWord(page, word, nth);
      await chord(page, 'y'); // Mark Confirmed
      await sleep(500);
      const onDisk = readFileSync(sidecarPath(workspace, 'clash.txt'), 'utf8');
      writeFileSync(sidecarPath(workspace, 'clash.txt'), onDisk.replace(`  - id: ${tag.id}\n`, `  - id: ${tag.id}\n    review: disputed\n    reviewer: colleague\n`));

      await openNewsmarkView(page);
      await until('a Conflicts group', async () => (await topRows(page)).some((r) => r.label === 'Conflicts'), 20_000);
      const conflict = (await treeInfo(page)).find((r) => r.level === 2 && /changed here and on disk/.test(r.description));
      if (!conflict) throw new Error(`no conflict row: ${JSON.stringify(await treeInfo(page))}`);
      await (await row(page, conflict.label)).hover();
      await sleep(300);
      await screenshot(page, root, 'conflicts.png');

      await inlineAction(page, conflict.label, 'Keep Theirs');
      await until('the Conflicts group gone', async () => !(await topRows(page)).some((r) => r.label === 'Conflicts'), 10_000);
      await openArticle(page, 'clash.txt');
      await page.keyboard.press('Control+s');
      // Their verdict is on disk from the start (the colleague wrote it): only a sidecar that describes
      // the saved article shows the save wrote the tags, and the clean-up must not delete it mid-write.
      await until('their verdict on disk, written by the save', () => {
        const saved = readFileSync(join(workspace, 'clash.txt'), 'utf8').replace(/\r\n/g, '\n');
        const sidecar = parse(readFileSync(sidecarPath(workspace, 'clash.txt'), 'utf8'));
        return saved.includes(update) && sidecar.sha256 === createHash('sha256').update(saved).digest('hex')
          && sidecar.tags.find((t) => t.id === tag.id)?.review === 'disputed';
      }, 10_000);
    },
  },
  {
    title: 'leaves the workspace as it found it, for the suites after it',
    // Whatever the tests above got to: a failed one can leave the file dialog or a modal question open
    // and any of these files behind, and the suites after this one must not see them.
    async fn({ page, workspace }) {
      for (let i = 0; i < 3 && (await page.locator('.quick-input-widget:visible, .monaco-dialog-box:visible').count()) > 0; i++) await page.keyboard.press('Escape');
      await until('no file dialog or modal question open', async () => (await page.locator('.quick-input-widget:visible, .monaco-dialog-box:visible').count()) === 0, 5_000);
      await page.keyboard.press('Control+k');
      await page.keyboard.press('Control+w'); // close all editors
      // An edit a failed test left unsaved makes VS Code ask; the files are deleted below anyway.
      await until('every editor closed', async () => {
        const ask = page.locator('.monaco-dialog-box:visible');
        if (await ask.count()) await ask.getByRole('button', { name: "Don't Save" }).click();
        return (await page.locator('.part.editor .tabs-container .tab').count()) === 0;
      }, 10_000);
      if (narrow) await resizeSidebar(page, narrow);
      // Sidecars first: an article deleted before its sidecar would be listed as missing.
      const sidecars = ['clash.txt', 'ferry-notes.txt', 'withdrawn.txt', 'archive/ferry-notes-final.txt'].map((a) => sidecarPath(workspace, a));
      for (const sidecar of sidecars) rmSync(sidecar, { force: true });
      // Rescan rather than rely on the file watcher's timing around editors that were just closed.
      await sidebar(page).hover();
      await titleAction(page, 'Refresh Tags').click();
      const copies = ['clash.txt', 'ferry-notes.txt', 'withdrawn.txt', 'ferry-notes-final.txt'];
      await until('the copies gone from the Tags view', async () => {
        const left = (await treeInfo(page)).filter((r) => copies.includes(r.label)).map((r) => r.label);
        if (left.length) throw new Error(`still listed: ${left.join(', ')}`);
        return true;
      }, 15_000);
      for (const article of ['clash.txt', 'ferry-notes.txt']) rmSync(join(workspace, article), { force: true });
      rmSync(join(workspace, 'archive'), { recursive: true, force: true });
      await until('no article listed as missing after the clean-up', async () => !(await treeInfo(page)).some((r) => /article missing/.test(r.description)), 5_000);
    },
  },
];
