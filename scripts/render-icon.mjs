// Draws media/icon.png (the extension's 128×128 icon in the Extensions view and on a marketplace)
// from media/icon.svg with Debian's Chromium: `node scripts/render-icon.mjs` after editing the SVG.
import { readFileSync } from 'node:fs';
import { launchBrowser } from './workbench.mjs';

const svg = readFileSync('media/icon.svg', 'utf8');
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
await page.setContent(`<!DOCTYPE html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
await page.locator('svg').screenshot({ path: 'media/icon.png', omitBackground: true });
await browser.close();
