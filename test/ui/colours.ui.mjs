// UI test of the category highlights in the four default theme kinds: each category's tags are
// drawn in its contributed colour for the theme, outlined in the high-contrast themes only.
// Screenshots of the editor: highlights-{dark,light,hc-dark,hc-light}.png (media/screenshots/,
// the README's, with NEWSMARK_UPDATE_SCREENSHOTS=1).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activeEditor, openArticle, restoreWorkbench, screenshotDir, setTheme, sleep, until } from './helpers.mjs';

export const title = 'Highlight colours';

// Holds tags of all four categories (samples/daily-clarion.txt.tags.yaml).
const ARTICLE = 'daily-clarion.txt';
const CATEGORIES = ['claim', 'denial', 'figure', 'framing'];
const THEMES = [
  { theme: 'Dark Modern', kind: 'dark', shot: 'highlights-dark.png' },
  { theme: 'Light Modern', kind: 'light', shot: 'highlights-light.png' },
  { theme: 'Dark High Contrast', kind: 'highContrast', shot: 'highlights-hc-dark.png' },
  { theme: 'Light High Contrast', kind: 'highContrastLight', shot: 'highlights-hc-light.png' },
];

/** [r, g, b, a] (a 0–1) of #rgb, #rrggbb or #rrggbbaa, or of a computed rgb()/rgba(). */
function rgba(colour) {
  const css = /^rgba?\(([^)]+)\)$/.exec(colour);
  if (css) {
    const [r, g, b, a = '1'] = css[1].split(',').map((s) => s.trim());
    return [Number(r), Number(g), Number(b), Number(a)];
  }
  let hex = colour.slice(1);
  if (hex.length <= 4) hex = [...hex].map((d) => d + d).join('');
  const byte = (i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return [byte(0), byte(1), byte(2), hex.length === 8 ? byte(3) / 255 : 1];
}
const same = (a, b) => a.every((v, i) => Math.abs(v - b[i]) <= (i === 3 ? 0.01 : 1)) || (a[3] === 0 && b[3] === 0);

/** The highlight overlays drawn in the active editor now: computed background and border of each. */
const overlays = (page) => activeEditor(page).evaluate((root) => [...root.querySelectorAll('.view-overlays div[class*="ced-"]')].map((el) => {
  const s = getComputedStyle(el);
  return { background: s.backgroundColor, border: s.borderTopColor, borderStyle: s.borderTopStyle, borderWidth: s.borderTopWidth };
}));

export const tests = [
  {
    title: 'each category is drawn in its colour, outlined only in high contrast, in dark, light and both high-contrast themes',
    timeout: 180_000,
    async fn({ page, root }) {
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      const colour = (id, kind) => manifest.contributes.colors.find((c) => c.id === `newsmark.${id}`).defaults[kind];
      try {
        await openArticle(page, ARTICLE);
        // The caret at the end, so no word shows VS Code's occurrence highlight over a tag.
        await page.keyboard.press('Control+End');
        for (const { theme, kind, shot } of THEMES) {
          await setTheme(page, theme);
          const highContrast = kind.startsWith('highContrast');
          const problems = [];
          await until(`the four highlights in ${theme}`, async () => {
            const drawn = await overlays(page);
            problems.length = 0;
            for (const category of CATEGORIES) {
              const fill = rgba(colour(`${category}Background`, kind));
              const mine = drawn.filter((d) => same(rgba(d.background), fill));
              if (mine.length === 0) { problems.push(`${category}: no overlay filled ${colour(`${category}Background`, kind)} (fills drawn: ${[...new Set(drawn.map((d) => d.background))].join(', ')})`); continue; }
              const outline = rgba(colour(`${category}Border`, kind));
              for (const d of mine) {
                if (!same(rgba(d.border), outline)) problems.push(`${category}: outline ${d.border}, not ${colour(`${category}Border`, kind)}`);
                if (highContrast && (d.borderStyle !== 'solid' || parseFloat(d.borderWidth) < 1)) problems.push(`${category}: outline ${d.borderWidth} ${d.borderStyle}`);
              }
              if (highContrast && outline[3] < 1) problems.push(`${category}: the outline is not opaque in ${theme}`);
            }
            return problems.length === 0;
          }, 10_000).catch((err) => { throw new Error(`${err.message}: ${[...new Set(problems)].slice(0, 6).join('; ')}`); });
          await sleep(300);
          // The article's first lines only: every category is there (the README shows the four side by side).
          const box = await activeEditor(page).boundingBox();
          mkdirSync(screenshotDir(root), { recursive: true });
          await page.screenshot({ path: join(screenshotDir(root), shot), clip: { x: box.x, y: box.y, width: Math.min(box.width, 1000), height: 300 } });
        }
      } finally {
        await restoreWorkbench(page);
      }
    },
  },
];
