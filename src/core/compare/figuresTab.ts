// The Figures tab: counted things × outlets. A cell lists the outlet's figures for that thing; a
// figure in a mismatch is marked in words and colour, a divergent one as part of a spread.
import * as l10n from '@vscode/l10n';
import { escapeHtml as esc } from '../htmlEscape';
import type { FigureEntry, FigureRow, OutletComparison } from './comparison';
import { navStop, srOnly } from './markup';

function kindWord(kind: 'mismatch' | 'divergent' | 'timeline'): string {
  switch (kind) {
    case 'mismatch': return l10n.t('mismatch');
    case 'divergent': return l10n.t('divergent estimate');
    case 'timeline': return l10n.t('timeline');
  }
}

export function figuresTab(c: OutletComparison): string {
  if (c.figures.length === 0) {
    return `<p class="empty">${l10n.t('No figure tags yet. Tag numbers as <strong>Figure</strong> in two or more articles (Newsmark: Suggest Tags finds them) and the ledger fills in here.')}</p>`;
  }
  const head = c.outlets.map((o) => `<th scope="col">${esc(o.name)}${o.guessed ? ` <span class="guessed">${esc(l10n.t('(guessed)'))}</span>` : ''}</th>`).join('');
  const rows = c.figures.map((row) => figureRow(row, c)).join('\n');
  return `<div class="scroll"><table role="grid" class="figures" aria-label="${esc(l10n.t('Figures by counted thing (rows) and outlet (columns)'))}" aria-describedby="grid-help">
<thead><tr><th scope="col">${esc(l10n.t('Counted'))}</th><th scope="col">${esc(l10n.t('Finding'))}</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

function figureRow(row: FigureRow, c: OutletComparison): string {
  const kind = row.kind ? ` class="k-${row.kind}"` : '';
  const cells = row.cells.map((entries, i) => {
    const outlet = c.outlets[i]!.name;
    if (entries.length === 0) return `<td ${navStop(l10n.t('{0}, {1}: no figure', outlet, row.counted))}><span class="none" aria-hidden="true">—</span></td>`;
    return `<td>${entries.map((e) => figureButton(e, c)).join('')}</td>`;
  });
  const finding = `<td class="finding" ${navStop(null)}>${row.kind ? `<span class="flag k-${row.kind}">${esc(kindWord(row.kind))}</span> ` : ''}${esc(row.detail)}</td>`;
  return `<tr${kind}><th scope="row" ${navStop(null)}>${esc(row.counted)}${row.kind ? srOnly(`, ${kindWord(row.kind)}`) : ''}</th>${finding}${cells.join('')}</tr>`;
}

function figureButton(e: FigureEntry, c: OutletComparison): string {
  const f = e.figure;
  const meta = [f.source, f.as_of].filter(Boolean).join(' · ');
  const article = c.labels.get(f.article) ?? f.article;
  const context = `${e.kind ? `, ${kindWord(e.kind)}` : ''}, ${l10n.t('in {0}', article)}`;
  return `<button type="button" class="fig${e.kind ? ` k-${e.kind}` : ''}" ${navStop(null, { article: f.article, id: f.id })} title="${esc(`“${f.text}” — ${article}`)}">`
    + `<span class="amount">${e.kind === 'mismatch' ? '<span class="mark" aria-hidden="true">≠ </span>' : ''}${esc(e.amount)}</span>${meta ? `<span class="meta">${esc(meta)}</span>` : ''}${srOnly(context)}</button>`;
}
