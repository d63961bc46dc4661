// UI test of "Newsmark: Preview Report" in the workbench (dark theme): a fictional article whose
// text is markup is tagged from the palette, previewed beside the editor, and the webview's own
// document is read: the markup shows as text, no script element exists, no CSP violation is
// logged, and the page takes the theme's colours. Saves report-preview.png (see screenshotDir).
// The article and its sidecar are removed afterwards, so the other UI tests see the samples only.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeInEveryTheme, axeRunStatic, restoreWorkbench, doubleClickWord, newTagOnDisk, openArticle, runFromPalette, screenshot, sidecarPath, tagWordAndCheck, until, webviewContent } from './helpers.mjs';

export const title = 'Report preview';

const ARTICLE = 'zulu-council-notice.txt';
const TEXT = [
  'Quenford Courier — Council notice',
  '',
  'Mayor Ilse Dravik said <script>alert(1)</script> appeared on the council website overnight.',
  'A clerk typed "quotes" & <img src=x onerror=alert(1)> into the minutes, the council denied.',
  'Officials counted 14 altered pages.',
  '',
].join('\n');

/** A CSS colour's relative luminance (0 black … 1 white); only rgb()/rgba() are expected. */
function luminance(css) {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export const tests = [
  {
    title: 'F1 "Newsmark: Preview Report" shows the tagged article beside it, markup as text, no scripts, dark like the theme',
    timeout: 180_000,
    async fn(ctx) {
      const { page, workspace, root } = ctx;
      writeFileSync(join(workspace, ARTICLE), TEXT);
      const problems = [];
      const onConsole = (msg) => { if (/Content.Security.Policy|Refused to/i.test(msg.text())) problems.push(msg.text()); };
      const onDialog = (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); };
      page.on('console', onConsole);
      page.on('dialog', onDialog);
      try {
        await openArticle(page, ARTICLE);
        // The first tag creates the sidecar (tagWordAndCheck reads it before tagging).
        await doubleClickWord(page, 'Dravik');
        await runFromPalette(page, 'Newsmark: Tag as Claim');
        await newTagOnDisk(workspace, ARTICLE, [], 'claim "Dravik"');
        await tagWordAndCheck(ctx, ARTICLE, 'onerror', 'framing', () => runFromPalette(page, 'Newsmark: Tag as Editorial Framing'));
        await tagWordAndCheck(ctx, ARTICLE, 'denied', 'denial', () => runFromPalette(page, 'Newsmark: Tag as Denial'));
        await tagWordAndCheck(ctx, ARTICLE, '14', 'figure', () => runFromPalette(page, 'Newsmark: Tag as Figure'));
        await runFromPalette(page, 'Newsmark: Preview Report');
        await page.locator('.part.editor .tab').filter({ hasText: `Report: ${ARTICLE}` }).first().waitFor({ state: 'visible', timeout: 15_000 });
        const doc = webviewContent(page);
        await until('four highlights in the preview', async () => (await doc.locator('mark[data-tag]').count()) === 4, 20_000);
        const seen = await doc.locator('body').evaluate((body) => {
          /** What a theme colour variable computes to here, e.g. rgb(31, 31, 31). */
          const themed = (name) => {
            const probe = body.ownerDocument.createElement('div');
            probe.style.backgroundColor = `var(${name})`;
            body.append(probe);
            const value = getComputedStyle(probe).backgroundColor;
            probe.remove();
            return value;
          };
          return {
            text: body.innerText,
            scripts: body.ownerDocument.querySelectorAll('script').length,
            images: body.ownerDocument.querySelectorAll('img, iframe, object, embed').length,
            csp: body.ownerDocument.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
            background: getComputedStyle(body).backgroundColor,
            editorBackground: themed('--vscode-editor-background'),
            claim: getComputedStyle(body.querySelector('mark.c-claim')).backgroundColor,
            claimColour: themed('--vscode-newsmark-claimBackground'),
            stylesheet: [...body.ownerDocument.styleSheets].some((s) => (s.href ?? '').endsWith('/media/preview.css') && s.cssRules.length > 0),
          };
        });
        ctx.log(`preview: CSP ${seen.csp}; body background ${seen.background}; claim ${seen.claim}`);
        if (seen.scripts !== 0) throw new Error(`${seen.scripts} <script> elements in the preview`);
        if (seen.images !== 0) throw new Error(`${seen.images} embedded elements in the preview`);
        if (!/^default-src 'none'; style-src .* 'nonce-[^']+'; img-src /.test(seen.csp) || /script-src/.test(seen.csp)) throw new Error(`CSP ${seen.csp}`);
        for (const text of ['said <script>alert(1)</script> appeared', '"quotes" & <img src=x onerror=alert(1)> into']) {
          if (!seen.text.includes(text)) throw new Error(`the preview does not show ${JSON.stringify(text)} as text`);
        }
        if (!seen.stylesheet) throw new Error('media/preview.css did not load');
        if (luminance(seen.background) > 0.05) throw new Error(`the preview is not dark in the dark theme: background ${seen.background}`);
        if (seen.background !== seen.editorBackground) throw new Error(`preview background ${seen.background}, the theme's editor background ${seen.editorBackground}`);
        if (seen.claim !== seen.claimColour) throw new Error(`a claim is highlighted ${seen.claim}, the editor's claim colour is ${seen.claimColour}`);
        if (problems.length) throw new Error(problems.join('\n'));
        await screenshot(page, root, 'report-preview.png');
        // The page passes axe-core in the dark, light and high-contrast themes.
        const violations = await axeInEveryTheme(page, async (doc) => (await doc.locator('mark[data-tag]').count()) === 4, { run: (doc) => axeRunStatic(page, doc, root) });
        if (violations.length) throw new Error(`axe-core:\n${violations.join('\n')}`);
      } finally {
        page.off('console', onConsole);
        page.off('dialog', onDialog);
        await restoreWorkbench(page);
        rmSync(join(workspace, ARTICLE), { force: true });
        rmSync(sidecarPath(workspace, ARTICLE), { force: true });
      }
    },
  },
];
