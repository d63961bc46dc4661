// The Profile tab: per outlet, tags per 1,000 words in each category and each category's share,
// as a table whose last column draws the same numbers as a stacked bar. The bars are SVG rects
// sized by attribute, because the CSP allows no inline style.
import * as l10n from '@vscode/l10n';
import { CATEGORIES } from '../codebook';
import { escapeHtml as esc } from '../htmlEscape';
import type { OutletProfile } from '../review/profile';
import type { OutletComparison } from './comparison';
import { navStop, srOnly } from './markup';

const BAR_WIDTH = 160;

const rate = (v: number): string => v.toFixed(1);
const percent = (v: number): string => `${Math.round(v * 100)}%`;

export function profileTab(c: OutletComparison): string {
  if (c.profiles.length === 0) return `<p class="empty">${esc(l10n.t('No tagged articles yet.'))}</p>`;
  const widest = Math.max(...c.profiles.map((p) => p.perThousandWords), 1e-9);
  const legend = CATEGORIES.map((cat) => `<span class="key"><svg width="12" height="12" aria-hidden="true"><rect class="c-${cat.id}" width="12" height="12"/></svg>${esc(cat.label)}</span>`).join(' ');
  const head = CATEGORIES.map((cat) => `<th scope="col">${esc(cat.label)}</th>`).join('');
  const rows = c.profiles.map((p) => profileRow(p, widest)).join('\n');
  return `<p class="legend" aria-hidden="true">${legend}</p>
<div class="scroll"><table role="grid" class="profile" aria-label="${l10n.t('Tags per 1,000 words by outlet and category, with each category\'s share')}" aria-describedby="grid-help">
<thead><tr><th scope="col">${esc(l10n.t('Outlet'))}</th><th scope="col">${esc(l10n.t('Tags per 1,000 words'))}</th><th scope="col">${esc(l10n.t('All'))}</th>${head}<th scope="col">${esc(l10n.t('Articles'))}</th><th scope="col">${esc(l10n.t('Words'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

function profileRow(p: OutletProfile, widest: number): string {
  const cells = CATEGORIES.map((cat) => {
    const v = p.categories[cat.id];
    return `<td ${navStop(null)}>${rate(v.perThousandWords)}${srOnly(l10n.t(' per 1,000 words,'))} <span class="meta">${percent(v.share)}${srOnly(l10n.t(' of the tags ({0})', v.count))}</span></td>`;
  });
  let x = 0;
  const rects = CATEGORIES.map((cat) => {
    const w = (p.categories[cat.id].perThousandWords / widest) * BAR_WIDTH;
    const rect = w > 0 ? `<rect class="c-${cat.id}" x="${x.toFixed(2)}" y="2" width="${w.toFixed(2)}" height="14"><title>${esc(l10n.t('{0}: {1} per 1,000 words', cat.label, rate(p.categories[cat.id].perThousandWords)))}</title></rect>` : '';
    x += w;
    return rect;
  });
  const spoken = CATEGORIES.map((cat) => `${cat.label} ${rate(p.categories[cat.id].perThousandWords)}`).join(', ');
  const chart = `<svg class="bar" width="${BAR_WIDTH}" height="18" viewBox="0 0 ${BAR_WIDTH} 18" role="img" aria-label="${esc(l10n.t('Bar: {0}', spoken))}">${rects.join('')}</svg>`;
  return `<tr><th scope="row" ${navStop(null)}>${esc(p.outlet)}${p.guessed ? ` <span class="guessed">${esc(l10n.t('(guessed)'))}</span>` : ''}</th>`
    + `<td ${navStop(null)}>${chart}</td><td ${navStop(null)}>${rate(p.perThousandWords)}</td>${cells.join('')}`
    + `<td ${navStop(null)}>${p.articles.length}</td><td ${navStop(null)}>${p.words.toLocaleString('en-US')}</td></tr>`;
}
