// UI test of reviewing an article with the keyboard alone: Quick Open, Ctrl+Home, then Alt+N chords
// to walk the tags and give verdicts. After every step the sidecar on disk is parsed (yaml) and the
// tags are identified by their start offsets; nothing is clicked after the article is open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chord, countsItem, expectSelected, expectedCounts, openArticle, sortedTags, typeAndAccept, until, waitQuickInput,
} from './helpers.mjs';

export const title = 'Reviewing with keys';

// Not used by the other UI tests; its tags' starts are all distinct (78, 531, 794, 839, …).
const ARTICLE = 'meridian-ledger.txt';

// Shared between the steps below (they run in order on one page).
let first; // the sample's first tag (by start), as it was before the test
let second;
let articleBytes;

/** The tag on disk that starts at START (there must be exactly one). */
function tagAt(workspace, start) {
  const found = sortedTags(workspace, ARTICLE).filter((t) => t.start === start);
  if (found.length !== 1) throw new Error(`${found.length} tags start at ${start} in ${ARTICLE}.tags.yaml`);
  return found[0];
}

/** Waits until the tag starting at START satisfies PRED on disk; the others must keep their category and verdict. */
async function diskBecomes(workspace, start, what, pred, before) {
  let seen;
  await until(`${what} (tag at ${start}) in ${ARTICLE}.tags.yaml on disk`, () => {
    seen = tagAt(workspace, start);
    return pred(seen);
  }, 10_000).catch((err) => { throw new Error(`${err.message}; on disk: ${JSON.stringify(seen)}`); });
  const now = sortedTags(workspace, ARTICLE);
  if (now.length !== before.length) throw new Error(`${before.length} tags before, ${now.length} after ${what}`);
  const changed = now.filter((t, i) => t.start !== start && (t.category !== before[i].category || t.review !== before[i].review || t.start !== before[i].start));
  if (changed.length) throw new Error(`${what} also changed ${JSON.stringify(changed)}`);
  return seen;
}

/** The article must not change: the chords' second keys ("y", "x", "Denial") must not reach the text. */
async function textUntouched(page, workspace) {
  if (!readFileSync(join(workspace, ARTICLE)).equals(articleBytes)) throw new Error(`${ARTICLE} changed on disk`);
  if (await page.locator('.part.editor .tab.active.dirty').count()) throw new Error(`${ARTICLE} became dirty: a key reached the text`);
}

const length = (tag) => tag.end - tag.start; // the sample is BMP-only with LF line ends: code points = characters

export const tests = [
  {
    title: 'Ctrl+P opens the article; Ctrl+Home, Alt+N Down selects the first tag',
    async fn({ page, workspace }) {
      articleBytes = readFileSync(join(workspace, ARTICLE));
      [first, second] = sortedTags(workspace, ARTICLE);
      if (!first || !second || first.review || second.review) throw new Error(`the sample's first two tags should exist and be unreviewed: ${JSON.stringify([first, second])}`);
      if (second.category === 'denial') throw new Error('the second tag is already a denial; the test would prove nothing');
      await openArticle(page, ARTICLE);
      // The status-bar counts appear once the extension has loaded the article's tags.
      await countsItem(page).waitFor({ state: 'visible', timeout: 30_000 });
      await page.keyboard.press('Control+Home');
      await until('an empty selection at Ln 1, Col 1', async () => /Ln 1, Col 1$/.test((await page.locator('[id="status.editor.selection"]').innerText()).trim()), 5_000);
      await chord(page, 'ArrowDown');
      await expectSelected(page, length(first));
    },
  },
  {
    title: 'Alt+N Y: the first tag is confirmed on disk (no reviewer: newsmark.author is unset)',
    async fn({ page, workspace }) {
      const before = sortedTags(workspace, ARTICLE);
      await chord(page, 'y');
      const tag = await diskBecomes(workspace, first.start, 'review: confirmed', (t) => t.review === 'confirmed', before);
      if (tag.id !== first.id || tag.category !== first.category || tag.end !== first.end) throw new Error(`the confirmed tag is not the first one: ${JSON.stringify(tag)}`);
      if ('reviewer' in tag) throw new Error(`reviewer written although newsmark.author is unset: ${JSON.stringify(tag.reviewer)}`);
      await textUntouched(page, workspace);
    },
  },
  {
    title: 'Alt+N Down selects the second tag; Alt+N R, type "Denial", Enter: its category is denial on disk',
    async fn({ page, workspace }) {
      await chord(page, 'ArrowDown');
      await expectSelected(page, length(second));
      const before = sortedTags(workspace, ARTICLE);
      await chord(page, 'r');
      await waitQuickInput(page, /Change Category/);
      await typeAndAccept(page, 'Denial', 'Denial');
      const tag = await diskBecomes(workspace, second.start, 'category: denial', (t) => t.category === 'denial', before);
      if (tag.id !== second.id || tag.review) throw new Error(`unexpected tag after the change: ${JSON.stringify(tag)}`);
      // The selection stays on the tag, so the next chord acts on it.
      await expectSelected(page, length(second));
      await textUntouched(page, workspace);
    },
  },
  {
    title: 'Alt+N X: the second tag is disputed on disk; the first stays confirmed',
    async fn({ page, workspace }) {
      const before = sortedTags(workspace, ARTICLE);
      await chord(page, 'x');
      await diskBecomes(workspace, second.start, 'review: disputed', (t) => t.review === 'disputed' && t.category === 'denial', before);
      if (tagAt(workspace, first.start).review !== 'confirmed') throw new Error('the first tag lost its verdict');
      await textUntouched(page, workspace);
    },
  },
  {
    title: 'the status bar counts match the sidecar on disk',
    async fn({ page, workspace }) {
      const want = expectedCounts(sortedTags(workspace, ARTICLE));
      let seen = '';
      await until(`the status bar to say "${want}"`, async () => {
        seen = (await countsItem(page).innerText()).replace(/\u00a0/g, ' ').trim();
        return seen === want;
      }, 5_000).catch((err) => { throw new Error(`${err.message}; it says ${JSON.stringify(seen)}`); });
    },
  },
  {
    title: 'Alt+N Shift+Up skips the reviewed tags and wraps to the last unreviewed one; Alt+N Up steps back',
    async fn({ page, workspace }) {
      const tags = sortedTags(workspace, ARTICLE);
      const last = tags.filter((t) => !t.review).at(-1);
      await chord(page, 'Shift+ArrowUp'); // from the second tag: the first is confirmed, so it wraps
      await expectSelected(page, length(last));
      const prev = tags[tags.indexOf(last) - 1];
      await chord(page, 'ArrowUp');
      await expectSelected(page, length(prev));
      await textUntouched(page, workspace);
    },
  },
];
