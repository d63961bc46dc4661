// Shared by the UI tests (test/ui/*.ui.mjs): waiting, opening an article, selecting text the way a
// person does (double-click on a word), running commands, and reading sidecars back from disk.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  const input = page.locator('.quick-input-widget input');
  // Quick Open asked for while another quick input is closing can be shown and hidden again at
  // once (CI saw the box go before it was typed into, focus left in the side bar): a person would
  // look, and press Ctrl+P again; so does this, up to three times.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    await page.keyboard.press('Control+P');
    const typed = await input.waitFor({ state: 'visible', timeout: 10_000 })
      .then(() => input.fill(article, { timeout: 5_000 }))
      .then(() => true, (err) => {
        if (attempt >= 3) throw err;
        console.log(`[newsmark] Quick Open attempt ${attempt} for ${article}: ${err.message.split('\n')[0]}`);
        return false;
      });
    if (typed) break;
  }
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: article }).first();
  // Quick Open caches the file list: a file created a moment ago may need a second query.
  for (let attempt = 1; ; attempt++) {
    try {
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 4) throw err;
      await input.fill('');
      await sleep(500);
      await input.fill(article);
    }
  }
  const focused = async () => (await focusedLabels(page))[0] === article;
  try {
    await until(`Quick Open to put ${article} first`, focused);
  } catch (err) {
    // Another match can stay on top (a file opened a moment ago ranks first): walk down to it.
    let found = false;
    for (let moves = 0; moves < 8 && !found; moves++) {
      await page.keyboard.press('ArrowDown');
      await sleep(150);
      found = await focused();
    }
    if (!found) throw err;
    console.log(`[newsmark] Quick Open put ${article} below another match; chosen with the arrow keys`);
  }
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

/** Types TEXT into the open quick pick, waits until LABEL is the focused row, and presses Enter. */
export async function typeAndAccept(page, text, label) {
  await page.keyboard.type(text, { delay: 5 });
  let seen = [];
  await until(`"${label}" to be the focused row after typing ${JSON.stringify(text)}`, async () => {
    seen = await focusedLabels(page);
    return seen.length === 1 && seen[0] === label;
  }, 5_000).catch(async (err) => {
    const typed = await page.locator('.quick-input-widget .quick-input-box input').first().inputValue().catch(() => '?');
    throw new Error(`${err.message} (focused: ${JSON.stringify(seen)}, the box holds ${JSON.stringify(typed)})`);
  });
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 });
}

/**
 * Types PATH into VS Code's own file dialog (a quick input) as a person does: the dialog fills in
 * the folder it starts from a moment after it shows, and selecting all before that selected nothing
 * (the path typed was appended to the start folder); so it waits for that, selects all and types,
 * and does it again if the box does not read PATH afterwards.
 */
export async function typeIntoFileDialog(page, path) {
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await until('the dialog to fill in where it starts', async () => (await input.inputValue()) !== '', 5_000).catch(() => {});
  for (let attempt = 0; attempt < 2; attempt++) {
    await sleep(300);
    await input.press('Control+a');
    await page.keyboard.type(path, { delay: 15 });
    if (await until(`the dialog to read ${path}`, async () => (await input.inputValue()) === path, 3_000).then(() => true, () => false)) return;
  }
  throw new Error(`the file dialog reads ${JSON.stringify(await input.inputValue())}, not ${JSON.stringify(path)}`);
}

/** Runs COMMAND ("Newsmark: Tag as Claim") from the command palette, typed as a person would. */
export async function runFromPalette(page, command) {
  const input = page.locator('.quick-input-widget input');
  let seen = [];
  let typed = '';
  // A key typed while the palette is still taking focus can go astray (CI once saw no match at all
  // for a command the palette lists); a person would look, close it and try again, and so does this.
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await until('the palette to read ">"', async () => (await input.inputValue()) === '>', 5_000).catch(() => {});
    await page.keyboard.type(command, { delay: 5 });
    const found = await until(`"${command}" to be the focused match in the command palette`, async () => {
      seen = await focusedLabels(page);
      return seen.length === 1 && seen[0] === command;
    }, 8_000).then(() => true, () => false);
    if (found) { await page.keyboard.press('Enter'); return; }
    typed = await input.inputValue().catch(() => '?');
    console.log(`[newsmark] palette attempt ${attempt}: no focused match for ${JSON.stringify(command)} (focused: ${JSON.stringify(seen)}, the box holds ${JSON.stringify(typed)})`);
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  }
  throw new Error(`timed out waiting for "${command}" to be the focused match in the command palette (focused: ${JSON.stringify(seen)}, the box holds ${JSON.stringify(typed)})`);
}

// --- the Newsmark side bar and status bar -----------------------------------------------------------
export const sidebar = (page) => page.locator('.part.sidebar');
export const treeRows = (page) => sidebar(page).locator('.monaco-list-row');
// Anchored at the start: the label comes first in a row's text, a description (if any) after it.
export const rowWithText = (page, text) => treeRows(page).filter({ hasText: new RegExp(`^\\s*${escapeRe(text)}`) }).first();

/** Shows the Newsmark container (activity bar) unless it is already showing. */
export async function openNewsmarkView(page) {
  // aria-label sits on the tab <li> in recent builds and on the <a> in older ones; either starts with the title.
  const item = page.locator('.part.activitybar [aria-label^="Newsmark"]').first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  const selected = await item.evaluate((el) => el.closest('li')?.classList.contains('checked') ?? false);
  if (!selected || !(await sidebar(page).isVisible())) await item.click();
  await until('the Newsmark side bar', async () => /newsmark/i.test((await sidebar(page).locator('.composite.title').innerText()) ?? ''));
}

/** Every rendered row of the side bar's tree, in display order: index, level, label, description, expanded (or null). */
export const treeInfo = (page) => treeRows(page).evaluateAll((rows) => rows.map((r) => ({
  index: Number(r.dataset.index),
  level: Number(r.getAttribute('aria-level')),
  label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
  description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
  expanded: r.hasAttribute('aria-expanded') ? r.getAttribute('aria-expanded') === 'true' : null,
})).sort((a, b) => a.index - b.index));

/** The rendered top-level rows of the Tags tree. */
export const topRows = async (page) => (await treeInfo(page)).filter((r) => r.level === 1);

/** The rows under the top-level row PARENT (its whole subtree, as rendered). */
export async function subtree(page, parent) {
  const rows = await treeInfo(page);
  const at = rows.findIndex((r) => r.level === 1 && r.label === parent);
  if (at < 0) throw new Error(`no top-level row ${JSON.stringify(parent)} (rows: ${JSON.stringify(rows.map((r) => r.label))})`);
  const end = rows.findIndex((r, i) => i > at && r.level === 1);
  return rows.slice(at + 1, end < 0 ? undefined : end);
}

/** Clicks the row at INDEX until its aria-expanded is EXPANDED; an expanded row's first child must render too. */
export async function setRowExpanded(page, index, expanded = true) {
  const row = sidebar(page).locator(`.monaco-list-row[data-index="${index}"]`);
  const level = Number(await row.getAttribute('aria-level'));
  const state = async () => (await row.getAttribute('aria-expanded')) === 'true';
  if ((await state()) !== expanded) await row.click();
  await until(`row ${index} ${expanded ? 'expanded' : 'collapsed'}`, async () => (await state()) === expanded, 5_000);
  if (expanded) {
    const child = sidebar(page).locator(`.monaco-list-row[data-index="${index + 1}"][aria-level="${level + 1}"]`);
    await child.waitFor({ state: 'attached', timeout: 5_000 }).catch(() => { throw new Error(`row ${index} expanded but shows no children`); });
  }
}

/** The title-bar button of the side bar whose tooltip starts with TITLE ("Group by Category"). */
export const titleAction = (page, title) => sidebar(page).locator(`.title-actions .action-label[aria-label^="${title}"], .actions-container .action-label[aria-label^="${title}"]`).first();

/** The Newsmark status-bar item ("Claim N · Denial N · Figure N · Framing N"). */
export const countsItem = (page) => page.locator('.part.statusbar .statusbar-item').filter({ hasText: /Claim \d+ · Denial \d+/ }).first();

/** What the status-bar item should say for TAGS (orphans are not counted). */
export function expectedCounts(tags) {
  const placed = tags.filter((t) => t.status !== 'orphaned' && t.end > t.start);
  const n = (c) => placed.filter((t) => t.category === c).length;
  return `Claim ${n('claim')} · Denial ${n('denial')} · Figure ${n('figure')} · Framing ${n('framing')}`;
}

/** Drags the side bar's sash until the side bar is WIDTH pixels wide; returns the width it had. */
export async function resizeSidebar(page, width) {
  const box = await sidebar(page).boundingBox();
  if (!box || Math.abs(box.width - width) < 2) return box?.width;
  const [x, y] = [box.x + box.width, box.y + box.height / 2];
  await page.mouse.move(x - 1, y);
  await page.mouse.down();
  await page.mouse.move(x - 1 + width - box.width, y, { steps: 5 });
  await page.mouse.up();
  return box.width;
}

/**
 * Where screenshots go: .vscode-test/screenshots/ normally (so a test run leaves the work tree
 * clean), media/screenshots/ — the README's — with NEWSMARK_UPDATE_SCREENSHOTS=1.
 */
export const screenshotDir = (root) => (process.env.NEWSMARK_UPDATE_SCREENSHOTS === '1' ? join(root, 'media', 'screenshots') : join(root, '.vscode-test', 'screenshots'));

/** Saves a README screenshot NAME (see screenshotDir). */
export async function screenshot(page, root, name) {
  const dir = screenshotDir(root);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name) });
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

/** The sidecar's tags sorted by start (then end), checking the file keeps them in that order. */
export function sortedTags(workspace, article) {
  const tags = sidecarTags(workspace, article);
  const sorted = [...tags].sort((a, b) => a.start - b.start || a.end - b.end);
  if (sorted.some((t, i) => t !== tags[i])) throw new Error(`${article}.tags.yaml does not list its tags by start: ${tags.map((t) => t.start).join(', ')}`);
  return sorted;
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

// --- webview panels: content, focus, themes and axe-core ----------------------------------------------
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The content document of the (first) open webview panel. */
export const webviewContent = (page) => page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');

/** What the focused element of a webview says about itself. */
export const focusedInWebview = (doc) => doc.locator('body').evaluate((body) => {
  const el = body.ownerDocument.activeElement;
  return el ? { tag: el.tagName, role: el.getAttribute('role'), label: el.getAttribute('aria-label') ?? el.textContent, id: el.dataset?.id ?? null, article: el.dataset?.article ?? null } : null;
});

/** Switches the colour theme by name (Preferences: Color Theme). */
export async function setTheme(page, theme) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Control+t');
  // The picker opens a moment after the keys (later still with the focus in a webview, which passes
  // them on): keys typed before its box has the focus go to whatever had it, and the picker then
  // opens unfiltered on the current theme.
  const box = page.locator('.quick-input-widget .quick-input-box input').first();
  await until('the colour theme picker, its box focused', () => box.evaluate((el) => el.offsetParent !== null
    && /color theme/i.test(el.getAttribute('placeholder') ?? '') && el.ownerDocument.activeElement === el).catch(() => false), 10_000);
  await typeAndAccept(page, theme, theme);
  await sleep(800);
}

/** axe-core's violations in a webview's document as it is now, one line each. */
export async function axeRun(doc) {
  // A panel that draws itself anew (its data changed) replaces its frame: axe then runs on the new one.
  for (let attempt = 1; ; attempt++) {
    try {
      const frame = await (await doc.locator('body').elementHandle()).ownerFrame();
      if (!(await frame.evaluate(() => 'axe' in globalThis))) await frame.evaluate(AXE);
      return await frame.evaluate(async () => (await globalThis.axe.run(document)).violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
    } catch (err) {
      if (attempt >= 3 || !/detached/i.test(String(err?.message))) throw err;
      console.log(`[newsmark] axe: the webview's frame was replaced (${String(err.message).split('\n')[0]}); again`);
      await sleep(500);
    }
  }
}

/** Shows or hides the primary side bar, whatever it was. */
export async function setSidebarVisible(page, visible) {
  await page.keyboard.press('Escape');
  if ((await sidebar(page).isVisible()) === visible) return;
  await runFromPalette(page, 'View: Toggle Primary Side Bar Visibility');
  await until(`the side bar ${visible ? 'shown' : 'hidden'}`, async () => (await sidebar(page).isVisible()) === visible, 5_000);
}

/**
 * Puts the workbench back as the other suites expect it after a test that changed the theme, the
 * side bar or the editors: every editor closed, the side bar shown, the dark theme. Each step is
 * retried on its own, so one that fails does not leave the next undone.
 */
export async function restoreWorkbench(page) {
  for (let attempt = 0; attempt < 3 && (await page.locator('.part.editor .tab').count()) > 0; attempt++) {
    await page.keyboard.press('Escape');
    await runFromPalette(page, 'View: Close All Editors').catch(() => {});
    await sleep(300);
  }
  await setSidebarVisible(page, true).catch(() => {});
  await setTheme(page, 'Dark Modern').catch(() => page.keyboard.press('Escape'));
}

/**
 * axe-core on a webview that runs no scripts (its frame's sandbox forbids them, so axe cannot run
 * there): the document as drawn — the theme's variables on <html> included — is copied into a
 * blank page of the same size, its linked stylesheets inlined from media/, and axe runs on the copy.
 */
export async function axeRunStatic(page, doc, root) {
  const { html, width, height } = await doc.locator('html').evaluate((el) => ({ html: el.outerHTML, width: el.clientWidth, height: el.clientHeight }));
  const copy = html
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '')
    .replace(/<link rel="stylesheet"[^>]*href="[^"]*\/media\/([\w.-]+\.css)"[^>]*>/g, (_, name) => `<style>${readFileSync(join(root, 'media', name), 'utf8')}</style>`);
  const blank = await page.context().newPage();
  try {
    await blank.setViewportSize({ width: Math.max(width, 320), height: Math.max(height, 240) });
    await blank.setContent(`<!DOCTYPE html>${copy}`);
    await blank.evaluate(AXE);
    return await blank.evaluate(async () => (await globalThis.axe.run(document)).violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
  } finally {
    await blank.close();
  }
}

/**
 * Runs EACH(themeName, doc) in the dark (as the suites start), light, dark high-contrast and light high-contrast themes, once
 * READY(doc) says the webview has redrawn, and collects the axe-core violations of each (`run`:
 * axeRun, or a function like axeRunStatic for a webview without scripts), one line each.
 */
export async function axeInEveryTheme(page, ready, { run = axeRun, each } = {}) {
  const violations = [];
  // The class VS Code gives the webview's <body> in each kind of theme: the check that the theme
  // switch reached the page before axe looks at it (the dark one is where the suites start).
  const themes = [['dark', null, 'vscode-dark'], ['light', 'Light Modern', 'vscode-light'], ['high contrast', 'Dark High Contrast', 'vscode-high-contrast'], ['high contrast light', 'Light High Contrast', 'vscode-high-contrast-light']];
  for (const [name, theme, kind] of themes) {
    if (theme) await setTheme(page, theme);
    const doc = webviewContent(page);
    let classes = '';
    await until(`the webview in the ${name} theme`, async () => {
      classes = (await doc.locator('body').getAttribute('class', { timeout: 2_000 }).catch(() => '')) ?? '';
      return classes.split(/\s+/).includes(kind) && (await ready(doc));
    }, 20_000).catch((err) => { throw new Error(`${err.message} (the webview's body has class ${JSON.stringify(classes)})`); });
    if (each) await each(name, doc);
    violations.push(...(await run(doc)).map((v) => `${name}: ${v}`));
  }
  return violations;
}
