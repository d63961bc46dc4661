// UI test of "Newsmark: Agreement Report": a second coder's folder (agreement-b/, made beside the UI
// workspace, as the README's worktree recipe has it, and removed after) holds two of the sample articles, one with a tag dropped and one
// with a category changed. The report on the workspace (A) and that folder (B, typed into the
// folder dialog) shows the figures `newsmark agree --json` computes; the keyboard reaches an
// article row of the heat list and Enter opens the article; axe-core finds nothing in the dark,
// light and both high-contrast themes, sub-label grid included (A's Clarion gets sub-labels for it).
// Saves agreement-report.png (dark) and agreement-report-light.png.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { axeInEveryTheme, focusedInWebview as focused, quickInput, restoreWorkbench, runFromPalette, screenshot, setSidebarVisible, sleep, typeIntoFileDialog, until, webviewContent } from './helpers.mjs';

export const title = 'Agreement report';

const ARTICLES = ['daily-clarion.txt', 'varnia-wire.txt'];

/**
 * Sub-labels on the Clarion's framing tags in A (the workspace: its sidecar is given back after),
 * so the report has its "By sub-label" grid for axe-core to check; B disagrees on one of them.
 */
const SUBLABELS = ['Loaded_Language', 'Exaggeration,Minimisation', 'Loaded_Language', 'Doubt', 'Loaded_Language', 'Name_Calling,Labeling'];
function labelSetA(workspace) {
  const path = join(workspace, `${ARTICLES[0]}.tags.yaml`);
  const before = readFileSync(path, 'utf8');
  const sidecar = parse(before);
  sidecar.tags.filter((t) => t.category === 'framing').forEach((t, i) => { t.label = SUBLABELS[i % SUBLABELS.length]; });
  writeFileSync(path, stringify(sidecar));
  return () => writeFileSync(path, before);
}

/** Set B: copies of two articles; in the first one tag dropped and one sub-label changed, in the second one tag re-categorised. */
function makeSetB(workspace) {
  const b = join(workspace, '..', 'agreement-b');
  mkdirSync(b, { recursive: true });
  ARTICLES.forEach((name, i) => {
    copyFileSync(join(workspace, name), join(b, name));
    const sidecar = parse(readFileSync(join(workspace, `${name}.tags.yaml`), 'utf8'));
    const framed = sidecar.tags.filter((t) => t.category === 'framing' && t.label);
    if (framed.length > 0) framed[framed.length - 1].label = 'Doubt';
    if (i === 0) sidecar.tags.splice(0, 1);
    else sidecar.tags[0].category = sidecar.tags[0].category === 'claim' ? 'framing' : 'claim';
    writeFileSync(join(b, `${name}.tags.yaml`), stringify(sidecar));
  });
  return b;
}

const num = (x) => (x === null ? '–' : x.toFixed(3));

export const tests = [
  {
    title: 'A1 the Agreement Report on two folders shows the CLI’s figures, is keyboard-operable, and passes axe-core in four themes (dark, light, both high contrast) with its sub-label grid',
    timeout: 240_000,
    async fn(ctx) {
      const { page, root, workspace } = ctx;
      const restoreA = labelSetA(workspace);
      const b = makeSetB(workspace);
      const problems = [];
      const onConsole = (msg) => { if (/Content.Security.Policy|Refused to/i.test(msg.text())) problems.push(msg.text()); };
      page.on('console', onConsole);
      try {
        const expected = JSON.parse(execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'agree', '--json', workspace, b], { encoding: 'utf8' }));
        if (expected.articles.length !== 2) throw new Error(`the CLI compared ${expected.articles.length} articles`);
        await setSidebarVisible(page, false);
        await runFromPalette(page, 'Newsmark: Agreement Report');
        // With two or more authors in the workspace, the report first asks what to compare.
        await sleep(800);
        const rows = quickInput(page).locator('.monaco-list-row');
        if ((await rows.filter({ hasText: 'Another annotation set' }).count()) > 0) await rows.filter({ hasText: 'Another annotation set' }).first().click();
        // The folder dialog (code-server's own): type the folder's path and accept it.
        await typeIntoFileDialog(page, `${b}/`);
        await sleep(1500);
        await page.keyboard.press('Enter');
        await page.locator('.part.editor .tab').filter({ hasText: 'Agreement Report' }).first().waitFor({ state: 'visible', timeout: 20_000 });
        const doc = webviewContent(page);
        await until('the heat list', async () => (await doc.locator('table.heat-list').count()) === 1, 20_000);

        // The figures are the CLI's, cell by cell.
        const shown = await doc.locator('table.agreement[aria-labelledby="categories-title"] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.cells).map((c) => c.innerText.trim())));
        const want = [...Object.values(expected.categories), expected.overall].map((f) => [num(f.exactF1), num(f.overlapF1), num(f.kappa), num(f.alpha), String(f.a), String(f.b), String(f.matched)]);
        ctx.log(`overall shown: ${shown.at(-1).join(' ')}`);
        if (JSON.stringify(shown.map((r) => r.slice(1))) !== JSON.stringify(want)) throw new Error(`figures shown ${JSON.stringify(shown)}, the CLI says ${JSON.stringify(want)}`);
        const heat = await doc.locator('table.heat-list tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[0].querySelector('button').dataset.article));
        if (heat.length !== 2 || !ARTICLES.every((a) => heat.includes(a))) throw new Error(`heat list ${JSON.stringify(heat)}`);
        await screenshot(page, root, 'agreement-report.png');

        // Keyboard only: into the first grid, on to the heat list's first article, Enter opens it.
        await doc.locator('table.agreement[aria-labelledby="categories-title"] [data-nav][tabindex="0"]').focus();
        // Keyboard only: one Tab stop per grid — the sub-label grid, then the heat list.
        await page.keyboard.press('Tab');
        const inSubLabels = await doc.locator('table[aria-labelledby="sublabels-title"]').evaluate((t) => t.contains(t.ownerDocument.activeElement));
        if (!inSubLabels) throw new Error(`Tab from the category grid landed on ${JSON.stringify(await focused(doc))}, not in the sub-label grid`);
        await page.keyboard.press('Tab');
        let at = await focused(doc);
        if (at?.article !== heat[0]) throw new Error(`Tab from the sub-label grid landed on ${JSON.stringify(at)}`);
        await page.keyboard.press('ArrowDown');
        at = await focused(doc);
        if (at?.article !== heat[1]) throw new Error(`ArrowDown went to ${JSON.stringify(at)}`);
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('Enter');
        await page.locator('.part.editor .tab').filter({ hasText: heat[0] }).first().waitFor({ state: 'visible', timeout: 15_000 });
        if ((await focused(doc))?.article !== heat[0]) throw new Error('after Enter the keyboard left the heat list');

        // The "By sub-label" grid is drawn (and so checked by axe-core in every theme below).
        const subLabelRows = await doc.locator('table[aria-labelledby="sublabels-title"] tbody tr').count();
        if (subLabelRows < 2) throw new Error(`the By sub-label grid has ${subLabelRows} rows`);
        const all = await axeInEveryTheme(page, async (doc) => (await doc.locator('table.heat-list').count()) === 1 && (await doc.locator('table[aria-labelledby="sublabels-title"]').count()) === 1, {
          each: async (name) => { if (name === 'light') await screenshot(page, root, 'agreement-report-light.png'); },
        });
        if (all.length) throw new Error(`axe-core:\n${all.join('\n')}`);
        if (problems.length) throw new Error(problems.join('\n'));
      } finally {
        page.off('console', onConsole);
        // The differences link started a comparison with set B: end it, as an adjudicator would.
        await runFromPalette(page, 'Newsmark: Stop Comparing').catch(() => {});
        await restoreWorkbench(page);
        rmSync(b, { recursive: true, force: true });
        restoreA();
      }
    },
  },
];
