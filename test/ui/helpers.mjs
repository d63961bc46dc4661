// Shared by the UI tests (test/ui/*.ui.mjs): waiting, opening an article, selecting text the way a
// person does (double-click on a word), running commands, and reading sidecars back from disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls FN until it returns something truthy; the last error (if any) explains a timeout. */
export async function until(what, fn, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) { last = err; }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(200);
  }
}

export const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// --- the editor -------------------------------------------------------------------------------------
export const activeEditor = (page) => page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
const statusSelection = (page) => page.locator('[id="status.editor.selection"]');

/** Opens ARTICLE (a file name in the workspace root) with Quick Open and waits until its editor has focus. */
export async function openArticle(page, article) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(article);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: article }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await until(`Quick Open to put ${article} first`, async () => (await focusedLabels(page))[0] === article);
  await page.keyboard.press('Enter');
  await page.locator('.part.editor .tab.active').filter({ hasText: article }).waitFor({ state: 'visible', timeout: 15_000 });
  await until(`the editor of ${article} to have focus`, () => activeEditor(page).evaluate((el) => el.classList.contains('focused')));
}

/** The screen box of WORD (the Nth occurrence in the rendered lines of the active editor). */
export async function wordBox(page, word, nth = 0) {
  const box = await activeEditor(page).evaluate((root, [w, n]) => {
    // Monaco renders spaces as U+00A0 in some lines; compare with plain spaces.
    const walker = document.createTreeWalker(root.querySelector('.view-lines'), NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data.replace(/\u00a0/g, ' ');
      for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
        if (seen++ < n) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + w.length);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
    }
    return null;
  }, [word, nth]);
  if (!box) throw new Error(`${JSON.stringify(word)} is not on screen in the active editor`);
  return box;
}

/** Selects WORD by double-clicking it, and checks VS Code agrees on the selection's length. */
export async function doubleClickWord(page, word, nth = 0) {
  const box = await wordBox(page, word, nth);
  await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  await expectSelected(page, [...word].length);
  return box;
}

/** Waits for the status bar to report COUNT selected characters. */
export async function expectSelected(page, count) {
  await until(`"(${count} selected)" in the status bar`, async () => (await statusSelection(page).innerText()).includes(`(${count} selected)`), 5_000)
    .catch(async (err) => { throw new Error(`${err.message}; it says ${JSON.stringify(await statusSelection(page).innerText().catch(() => '?'))}`); });
}

/** Clicks into WORD (caret, no selection) and waits until the status bar shows no selection. */
export async function clickIntoWord(page, word, nth = 0) {
  const box = await wordBox(page, word, nth);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await until('an empty selection', async () => !/selected/.test(await statusSelection(page).innerText()), 5_000);
}

/** Presses Alt+N, then KEY (the extension's chords). */
export async function chord(page, key) {
  await page.keyboard.press('Alt+n');
  await sleep(100);
  await page.keyboard.press(key);
}

// --- quick input ------------------------------------------------------------------------------------
export const quickInput = (page) => page.locator('.quick-input-widget');
export const quickRows = (page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

export async function waitQuickInput(page, title) {
  await quickInput(page).waitFor({ state: 'visible', timeout: 10_000 });
  if (title) {
    await until(`a quick input titled like ${title}`, async () => title.test(await page.locator('.quick-input-widget .quick-input-title').innerText()), 5_000);
  }
}

/** The label (without its icon) and whole text (description, detail) of each visible quick-pick row. */
export async function quickItems(page) {
  await quickRows(page).first().waitFor({ state: 'visible', timeout: 10_000 });
  return quickRows(page).evaluateAll((rows) => rows.map((row) => ({
    label: (row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
    text: (row.textContent ?? '').replace(/\u00a0/g, ' '),
  })));
}

/** Clicks the quick-pick row whose label is exactly LABEL. */
export async function pickItem(page, label) {
  const row = quickRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
  await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The labels of the focused rows of the visible quick input (one, normally). */
const focusedLabels = (page) => page.locator('.quick-input-widget .monaco-list-row.focused').evaluateAll((rows) => rows
  .filter((r) => r.offsetParent !== null).map((r) => (r.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim()));

/** Runs COMMAND ("Newsmark: Tag as Claim") from the command palette, typed as a person would. */
export async function runFromPalette(page, command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(command, { delay: 5 });
  let seen = [];
  await until(`"${command}" to be the focused match in the command palette`, async () => {
    seen = await focusedLabels(page);
    return seen.length === 1 && seen[0] === command;
  }).catch((err) => { throw new Error(`${err.message} (focused: ${JSON.stringify(seen)})`); });
  await page.keyboard.press('Enter');
}

// --- notifications ----------------------------------------------------------------------------------
export const toasts = (page) => page.locator('.notification-toast .notification-list-item-message');

export async function clearNotifications(page) {
  await page.keyboard.press('Escape');
  for (const close of await page.locator('.notification-toast .codicon-notifications-clear').all()) await close.click().catch(() => {});
}

// --- sidecars on disk -------------------------------------------------------------------------------
export const sidecarPath = (workspace, article) => join(workspace, `${article}.tags.yaml`);
export const sidecarBytes = (workspace, article) => readFileSync(sidecarPath(workspace, article));
export function sidecarTags(workspace, article) {
  return parse(readFileSync(sidecarPath(workspace, article), 'utf8'))?.tags ?? [];
}

/** The article as the sidecar indexes it: CRLF read as LF, split into code points. */
export const articleCodePoints = (workspace, article) => Array.from(readFileSync(join(workspace, article), 'utf8').replace(/\r\n/g, '\n'));

/** Checks TAG's text is what the article holds at [start, end) and what was selected. */
export function checkSpan(workspace, article, tag, text) {
  const cut = articleCodePoints(workspace, article).slice(tag.start, tag.end).join('');
  if (tag.text !== text) throw new Error(`tag text ${JSON.stringify(tag.text)}, selected ${JSON.stringify(text)}`);
  if (cut !== text) throw new Error(`article[${tag.start}, ${tag.end}) is ${JSON.stringify(cut)}, not ${JSON.stringify(text)}`);
}

/** Waits until the sidecar on disk has a tag whose id is not in BEFORE; returns it. */
export async function newTagOnDisk(workspace, article, before, what) {
  const known = new Set(before.map((t) => t.id));
  return until(`a new tag (${what}) in ${article}.tags.yaml on disk`, () => {
    const fresh = sidecarTags(workspace, article).filter((t) => !known.has(t.id));
    if (fresh.length > 1) throw new Error(`${fresh.length} new tags: ${JSON.stringify(fresh)}`);
    return fresh[0];
  }, 10_000);
}

/** Waits until the tag with ID on disk satisfies PRED (gets undefined once the tag is gone). */
export async function tagOnDiskBecomes(workspace, article, id, what, pred) {
  let seen;
  return until(`${what} in ${article}.tags.yaml on disk`, () => {
    seen = sidecarTags(workspace, article).find((t) => t.id === id);
    return pred(seen) ? seen ?? true : false;
  }, 10_000).catch((err) => { throw new Error(`${err.message} (tag on disk: ${JSON.stringify(seen)})`); });
}

/** Tags WORD by selecting it and running TAGIT, then checks the sidecar on disk. */
export async function tagWordAndCheck({ page, workspace }, article, word, category, tagIt, nth = 0) {
  const before = sidecarTags(workspace, article);
  await doubleClickWord(page, word, nth);
  await tagIt();
  const tag = await newTagOnDisk(workspace, article, before, `${category} "${word}"`);
  if (tag.category !== category) throw new Error(`new tag has category ${tag.category}, expected ${category}`);
  checkSpan(workspace, article, tag, word);
  return tag;
}
