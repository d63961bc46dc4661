// UI test of the Tags view's rows against what is on disk, after the steps that once listed one
// article's tag under another: tag in one article, tag twice in a second, Suggest Tags there, and
// open the Tags view for the first time — in a different random order each round, each round in a
// freshly loaded window whose Tags view has not been opened yet. Every tag row's accessible label
// carries its article, range, text, anchoring and review, and must match that article's sidecar exactly. First, the
// same check after a burst of sidecar changes on disk and after typing in a tagged article with
// the cursor moving through its tags (a redraw and a reveal per key): on the code before the fix
// this made VS Code log "Element with id summary is already registered", which fails the run.
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jitterTimers } from '../../scripts/workbench.mjs';
import { chord, clickIntoWord, doubleClickWord, openArticle, openNewsmarkView, pickItem, runFromPalette, sidebar, sleep, sortedTags, until } from './helpers.mjs';

export const title = 'Tags view rows';

const ROUNDS = 4;
/**
 * Half of the page's zero-delay timers fire up to this late, as on a busy machine: VS Code's batching
 * of row requests then hands one row another's children every run where the view answers at once
 * (both tests failed so); once in ten CI runs without it. With answers held 40 ms after every
 * request, 80 ms of lateness made the second test fail; held 100 ms after a batch of several
 * (ReplyPacer), it passed, and the workbench logged no batch taken by another row. The view holds
 * 60 ms (a longer hold keeps a redraw in flight longer, and VS Code's Collapse All then meets rows
 * already gone).
 */
const JITTER_MS = 30;

// Fictional articles written for this test: figures and quotations for the rules to find.
const articleText = (round, which) => which === 'first'
  ? `Ferry strike, day ${round + 3}\n\nThe union said 1,480 crew members stayed ashore on Tuesday, and 212 sailings were cancelled.\n`
  : `Ferry talks resume\n\n“We reject the claim that the ferries are unsafe,” said Mara Lindqvist. The company says 96 vessels passed inspection.\n`;

const CATEGORY = { claim: 'Claim', denial: 'Denial', figure: 'Figure', framing: 'Editorial framing' };

/** A small seeded generator, so a failing order can be replayed from the printed seed. */
function shuffled(items, seed) {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Every rendered row of the side bar: level, label, description, accessible label. */
const rows = (page) => sidebar(page).locator('.monaco-list-row').evaluateAll((els) => els.map((r) => ({
  index: Number(r.dataset.index),
  level: Number(r.getAttribute('aria-level')),
  label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
  description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
  aria: r.getAttribute('aria-label') ?? '',
  expanded: r.getAttribute('aria-expanded'),
})).sort((a, b) => a.index - b.index));

/** The tag rows under the top-level row of ARTICLE (grouped by article: article → category → tag). */
async function tagRowsOf(page, article) {
  const all = await rows(page);
  const at = all.findIndex((r) => r.level === 1 && r.label === article);
  if (at < 0) return undefined;
  const end = all.findIndex((r, i) => i > at && r.level === 1);
  const under = all.slice(at + 1, end < 0 ? undefined : end);
  return { row: all[at], tags: under.filter((r) => r.level === 3), groups: under.filter((r) => r.level === 2).map((r) => `${r.label} ${r.description} expanded=${r.expanded}`) };
}

// The row's one sentence for a screen reader: category, article, range, text, anchoring, review.
const anchoring = (tag) => (tag.status === 'fuzzy' ? 'Re-attached to changed text, needs review' : tag.status === 'moved' ? 'Anchored, moved with an edit' : 'Anchored');
const review = (tag) => (tag.review ? `${tag.review}${tag.reviewer ? ` by ${tag.reviewer}` : ''}` : 'not reviewed');
const expectedLabel = (article, tag) => `${CATEGORY[tag.category]} in ${article}, ${tag.start}–${tag.end}: ${tag.text}. ${anchoring(tag)}; ${review(tag)}.`;

/**
 * Makes the window tall enough for the Tags tree to render every row: a list renders only the rows
 * on screen, and the rows the suites before this one leave (and each round adds) can outgrow any
 * fixed height — then the last article's tags are cut off at the bottom.
 */
async function fitTreeOnScreen(page) {
  const hidden = await sidebar(page).locator('.monaco-list').evaluateAll((lists) => Math.max(0, ...lists.map((list) => {
    const rows = list.querySelector('.monaco-list-rows');
    return rows ? Math.ceil(parseFloat(rows.style.height) || 0) - list.clientHeight : 0;
  })));
  if (hidden <= 0) return;
  const { width, height } = page.viewportSize();
  await page.setViewportSize({ width, height: height + hidden + 200 });
  await sleep(300);
}

/**
 * Expands every collapsed article and category row (earlier suites leave some collapsed); the
 * Summary and the Suggestions groups stay as they are. The page grows with the tree before each
 * click: a row the list has scrolled out of sight is one Playwright scrolls back into view, and
 * the list answers a scroll by rendering its rows anew, so the click can meet a detached row
 * until it times out (seen once in CI).
 */
async function expandArticles(page) {
  const suggestions = '[aria-label^="Spans the rules suggest"]';
  for (let round = 0; round < 40; round++) {
    await fitTreeOnScreen(page);
    const collapsed = sidebar(page)
      .locator(`.monaco-list-row[aria-expanded="false"]:not(${suggestions})`)
      .filter({ hasNot: page.locator('.codicon-graph, .codicon-lightbulb') });
    if ((await collapsed.count()) === 0) return;
    // A redraw can also take the row away (a suggestion withdrawn once its span is tagged): count again.
    await collapsed.first().click({ timeout: 5_000 }).catch(() => {});
    await sleep(150);
  }
  throw new Error('rows of the Tags view would not stay expanded');
}

/** Every article row in the view must list exactly its sidecar's tags (orphans live in their own group). */
async function expectRowsMatchDisk(page, workspace, what) {
  await fitTreeOnScreen(page);
  await expandArticles(page);
  const articles = readdirSync(workspace).filter((f) => f.endsWith('.tags.yaml')).map((f) => f.slice(0, -'.tags.yaml'.length)).sort();
  for (const article of articles) {
    const wanted = sortedTags(workspace, article).filter((t) => t.status !== 'orphaned').map((t) => expectedLabel(article, t)).sort();
    let seen;
    await until(`the rows under ${article} to be its ${wanted.length} tags`, async () => {
      // Expanded again at each look: which rows are open is not what this suite checks, and a
      // click of expandArticles that met a row just redrawn can leave another closed.
      await expandArticles(page);
      seen = await tagRowsOf(page, article);
      const labels = (seen?.tags ?? []).map((r) => r.aria).sort();
      return wanted.length === 0 ? seen === undefined || labels.length === 0 : seen !== undefined && JSON.stringify(labels) === JSON.stringify(wanted) && seen.row.description.startsWith(String(wanted.length));
    }, 10_000).catch(async (err) => {
      // Where the lists stood: a row rendered last is one whose children the list has not drawn.
      const lists = await sidebar(page).locator('.monaco-list').evaluateAll((els) => els.map((l) => `rows ${l.querySelector('.monaco-list-rows')?.style.height} in ${l.clientHeight}px, top ${l.querySelector('.monaco-list-rows')?.style.top ?? ''}, ${l.querySelectorAll('.monaco-list-row').length} rendered`).join('; ')).catch(() => 'unknown');
      throw new Error(`${err.message} (${what}) [lists: ${lists}]: wanted ${JSON.stringify(wanted)}, saw ${JSON.stringify(seen && { row: `${seen.row.description} expanded=${seen.row.expanded}`, groups: seen.groups, tags: seen.tags.map((r) => r.aria) })}`);
    });
  }
}

export const tests = [
  {
    title: 'while every sidecar changes on disk in a burst (a git pull, a sync), each article keeps listing exactly its own tags',
    async fn({ page, workspace, log }) {
      await page.setViewportSize({ width: 1600, height: 2400 });
      await page.evaluate(jitterTimers, JITTER_MS);
      try {
        await openNewsmarkView(page);
        await expectRowsMatchDisk(page, workspace, 'before the burst');
        const sidecars = readdirSync(workspace).filter((f) => f.endsWith('.tags.yaml')).sort();
        // A comment appended changes the file, not its tags: every change is a reload and a redraw.
        for (let i = 0; i < 60; i++) {
          appendFileSync(join(workspace, sidecars[i % sidecars.length]), `# sync ${i}\n`);
          await sleep(20 + (i % 4) * 15);
        }
        log(`  burst: 60 changes to ${sidecars.length} sidecars`);
        await expectRowsMatchDisk(page, workspace, 'after the burst');

        // Typing in a tagged article moves every tag after the cursor at each key, and the view
        // follows the cursor: a redraw and a reveal per key. Saved, the rows must match the disk.
        const article = sidecars[0].slice(0, -'.tags.yaml'.length);
        const original = [article, sidecars[0]].map((f) => [f, readFileSync(join(workspace, f))]);
        await openArticle(page, article);
        const first = sortedTags(workspace, article)[0];
        await clickIntoWord(page, first.text.split(/\s+/)[0]);
        for (let i = 0; i < 3; i++) {
          await page.keyboard.type(' (updated at 10:42, see correction below)', { delay: 30 });
          for (let k = 0; k < 12; k++) await page.keyboard.press(k % 2 ? 'ArrowDown' : 'ArrowRight', { delay: 25 }); // the view follows the cursor
        }
        await page.keyboard.press('Control+s');
        await until(`${article}.tags.yaml to describe the saved text`, () => sortedTags(workspace, article)[0].start !== first.start || sortedTags(workspace, article)[0].text !== first.text, 10_000);
        await expectRowsMatchDisk(page, workspace, 'after typing in a tagged article');
        // The later suites expect the samples as they were.
        await runFromPalette(page, 'View: Close All Editors');
        for (const [file, bytes] of original) writeFileSync(join(workspace, file), bytes);
        await until(`${article}.tags.yaml restored and read`, () => sortedTags(workspace, article)[0].start === first.start, 5_000);
        await expectRowsMatchDisk(page, workspace, 'after restoring the article');
      } finally {
        await page.evaluate(jitterTimers, 0);
        await page.setViewportSize({ width: 1600, height: 1000 });
      }
    },
  },
  {
    title: 'after tagging, Suggest Tags and the first opening of the view in random orders, every article lists exactly its own tags',
    timeout: 90_000 * ROUNDS,
    async fn({ page, workspace, log }) {
      const seed = Number(process.env.NEWSMARK_UI_SEED) || Date.now() % 100_000;
      log(`tags view rows: seed ${seed} (NEWSMARK_UI_SEED replays it)`);
      await page.setViewportSize({ width: 1600, height: 2400 }); // most rows rendered at once; fitTreeOnScreen grows it for the rest
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const first = `strike-${round}-a.txt`;
          const second = `strike-${round}-b.txt`;
          writeFileSync(join(workspace, first), articleText(round, 'first'));
          writeFileSync(join(workspace, second), articleText(round, 'second'));
          // A fresh window with the Explorer showing: the Tags view has not been opened in it yet.
          await page.keyboard.press('Control+Shift+E');
          await page.reload();
          await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
          await page.evaluate(jitterTimers, JITTER_MS); // gone with the reload, like every timer
          await sleep(1500);
          const steps = {
            tagFirst: async () => {
              await openArticle(page, first);
              await doubleClickWord(page, 'sailings');
              await chord(page, 'f');
              await until(`a figure in ${first}.tags.yaml`, () => sortedTags(workspace, first).length === 1, 10_000);
            },
            tagSecond: async () => {
              await openArticle(page, second);
              await doubleClickWord(page, 'vessels');
              await chord(page, 'c');
              await until(`a claim in ${second}.tags.yaml`, () => sortedTags(workspace, second).length === 1, 10_000);
              await doubleClickWord(page, 'inspection');
              await chord(page, 'f');
              await until(`two tags in ${second}.tags.yaml`, () => sortedTags(workspace, second).length === 2, 10_000);
            },
            suggest: async () => {
              await openArticle(page, second);
              await runFromPalette(page, 'Newsmark: Suggest Tags');
              await pickItem(page, 'This article');
              await sleep(500);
            },
            openView: async () => {
              await openNewsmarkView(page);
              await sleep(300);
            },
          };
          // Tagging the second article comes before suggesting on it only by chance, as a person might do either.
          const order = shuffled(Object.keys(steps), seed + round);
          log(`  round ${round + 1}: ${order.join(', ')}`);
          for (const step of order) await steps[step]();
          await openNewsmarkView(page);
          await page.keyboard.press('Escape');

          await expectRowsMatchDisk(page, workspace, `round ${round + 1}, order ${order.join(', ')}, seed ${seed}`);
        }
      } finally {
        await page.evaluate(jitterTimers, 0).catch(() => {});
        await page.setViewportSize({ width: 1600, height: 1000 });
        await runFromPalette(page, 'View: Close All Editors').catch(() => {});
      }
    },
  },
];
