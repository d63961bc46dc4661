// UI test of the Tags view, run by scripts/test-codeserver.mjs against code-server with the extension
// loaded on a fresh copy of samples/ (ctx.workspace). Written against the view contract:
// activity-bar container "Newsmark", view "Newsmark" (newsmark.tags, the Tags view), article rows labelled with the
// file name, tag rows labelled with the tagged text shortened to at most 60 characters with "…".
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { widenSidebar } from '../../scripts/codeserver.mjs';
import { openNewsmarkView, rowWithText, screenshotDir, sidebar, sleep, until } from './helpers.mjs';

export const title = 'Tags view';

/** Sidecar offsets are code points over the article with CRLF read as LF; returns the raw UTF-16 index. */
function rawIndex(raw, lfCodePoint) {
  let cp = 0;
  let i = 0;
  while (cp < lfCodePoint && i < raw.length) {
    const c = raw.charCodeAt(i);
    const two = (c === 0x0d && raw.charCodeAt(i + 1) === 0x0a) || (c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length);
    i += two ? 2 : 1;
    cp++;
  }
  return i;
}

/** The first tag of the first sidecar (by file name), with what the editor should show for it. */
export function firstTag(workspace) {
  const sidecar = readdirSync(workspace).filter((f) => f.endsWith('.tags.yaml')).sort()[0];
  if (!sidecar) throw new Error(`no *.tags.yaml sidecar in ${workspace}`);
  const base = sidecar.slice(0, -'.tags.yaml'.length);
  const article = base.endsWith('.txt') ? base : `${base}.txt`;
  const doc = parse(readFileSync(join(workspace, sidecar), 'utf8'));
  const tag = (Array.isArray(doc) ? doc : doc?.tags)?.[0];
  if (!tag) throw new Error(`${sidecar} has no tags`);
  const raw = readFileSync(join(workspace, article), 'utf8');
  const start = tag.start ?? tag.span?.start;
  const end = tag.end ?? tag.span?.end;
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new Error(`${sidecar}: first tag has no integer start/end: ${JSON.stringify(tag)}`);
  const rawStart = rawIndex(raw, start);
  const rawEnd = rawIndex(raw, end);
  const text = raw.slice(rawStart, rawEnd);
  const eol = raw.includes('\r\n') ? 2 : 1;
  // VS Code's "(N selected)" counts a surrogate pair as one character and a line break as the file's EOL length.
  const selected = [...text.replace(/\r\n/g, '\n')].length + (text.match(/\n/g)?.length ?? 0) * (eol - 1);
  const lineOf = (idx) => raw.slice(0, idx).split('\n').length;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const label = oneLine.length <= 60 ? oneLine : `${oneLine.slice(0, 59)}…`;
  return { sidecar, article, tag, text, selected, startLine: lineOf(rawStart), endLine: lineOf(rawEnd), label };
}

export const tests = [
  {
    title: 'the Newsmark activity-bar container shows the Tags view',
    async fn({ page }) {
      await openNewsmarkView(page);
      // The view renders as a tree; with one view in the container its title is merged into the side
      // bar's, one word since the view is named like its container (see sidebar-title.ui.mjs).
      await until('the Tags tree', () => sidebar(page).locator('[role="tree"]').first().isVisible());
      const titles = await sidebar(page).locator('.composite.title, .pane-header').allInnerTexts();
      if (!titles.some((t) => /^\s*newsmark\s*$/im.test(t))) throw new Error(`no "Newsmark" title in side bar (saw ${JSON.stringify(titles)})`);
    },
  },
  {
    title: 'clicking a tag row selects its span in the article',
    async fn({ page, workspace, root }) {
      const want = firstTag(workspace);
      await openNewsmarkView(page);
      // Matching on the start of the label keeps the test independent of exactly where "…" cuts.
      const key = want.label.replace(/…$/, '').slice(0, 30);
      const tagRow = rowWithText(page, key);
      if (!(await tagRow.isVisible())) {
        const articleRow = rowWithText(page, want.article);
        // The tree may have scrolled to a tag the suites before made (the view follows the cursor),
        // and a list renders only the rows in sight: back to its top from the keyboard (Home), as
        // the article's row can also show as the sticky header above its tags scrolled out of sight.
        await sidebar(page).locator('.monaco-list').first().focus();
        await page.keyboard.press('Home');
        await sleep(300);
        await until(`a row for article ${want.article} in the Tags view`, () => articleRow.isVisible(), 15_000).catch(() => {
          throw new Error(`no row for article ${want.article} in the Tags view`);
        });
        if (!(await tagRow.isVisible()) && (await articleRow.getAttribute('aria-expanded')) !== 'true') await articleRow.click();
      }
      await tagRow.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
        throw new Error(`no tag row starting with ${JSON.stringify(key)} (article ${want.article})`);
      });
      await tagRow.click();

      await page.locator('.part.editor .tab.active').filter({ hasText: want.article })
        .waitFor({ state: 'visible', timeout: 15_000 })
        .catch(() => { throw new Error(`${want.article} did not open in the editor`); });
      const status = page.locator('[id="status.editor.selection"]');
      const text = await until(`"(${want.selected} selected)" in the status bar`, async () => {
        const t = await status.innerText();
        return /\(\d+ selected\)/.test(t) ? t : null;
      }).catch(async (err) => { throw new Error(`${err.message}; status bar says ${JSON.stringify(await status.innerText().catch(() => '?'))}`); });
      const m = /Ln (\d+), Col (\d+) \((\d+) selected\)/.exec(text);
      if (!m) throw new Error(`cannot read the status bar selection: ${JSON.stringify(text)}`);
      const [line, count] = [Number(m[1]), Number(m[3])];
      if (count !== want.selected) throw new Error(`selected ${count} characters, expected ${want.selected} for ${JSON.stringify(want.text)}`);
      if (line !== want.endLine && line !== want.startLine) {
        throw new Error(`cursor on line ${line}, expected line ${want.startLine} or ${want.endLine}`);
      }

      // For the README: keep the tree and the selected span in view.
      const dir = screenshotDir(root);
      mkdirSync(dir, { recursive: true });
      await widenSidebar(page);
      await page.mouse.move(800, 990);
      await sleep(500);
      await page.screenshot({ path: join(dir, 'tags-view.png') });
    },
  },
];
