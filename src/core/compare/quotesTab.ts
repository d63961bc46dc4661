// The Quotes tab: each cluster's common wording, then every outlet's version as a word diff
// against it, with its verdict. Removed and added words are said in words for screen readers.
import * as l10n from '@vscode/l10n';
import { escapeHtml as esc } from '../htmlEscape';
import type { QuoteCluster, QuoteVerdict } from '../quotes/cluster';
import type { DiffPart } from '../quotes/wordDiff';
import type { OutletComparison } from './comparison';
import { navStop } from './markup';

export function quotesTab(c: OutletComparison): string {
  if (c.clusters.length === 0) {
    return `<p class="empty">${l10n.t('No quote is printed by more than one article yet. Tag quoted statements as <strong>Claim</strong> or <strong>Denial</strong> in each outlet’s article and the versions line up here.')}</p>`;
  }
  return c.clusters.map((cluster, i) => clusterTable(cluster, i, c)).join('\n');
}

function clusterTable(cluster: QuoteCluster, index: number, c: OutletComparison): string {
  const outlets = new Set(cluster.members.map((m) => m.outlet)).size;
  const altered = cluster.members.filter((m) => m.verdict === 'altered').length;
  const id = `quote-${index}`;
  const rows = cluster.members.map((m) => {
    const article = c.labels.get(m.article) ?? m.article;
    const target = { article: m.article, id: m.id };
    const words = m.verdict === 'identical' ? esc(m.text) : diffHtml(m.diff);
    return `<tr class="v-${m.verdict}"><th scope="row" ${navStop(null, target)}>${esc(m.outlet)}${m.outlet === article ? '' : `<span class="meta">${esc(article)}</span>`}</th>`
      + `<td ${navStop(null, target)}><span class="verdict v-${m.verdict}">${esc(verdictWord(m.verdict))}</span></td>`
      + `<td class="version" ${navStop(null, target)}>${words}</td></tr>`;
  });
  return `<section class="cluster" aria-labelledby="${id}">
<h2 id="${id}">“${esc(cluster.wording)}”</h2>
<p class="meta">${esc([
    cluster.members.length === 1 ? l10n.t('1 version') : l10n.t('{0} versions', cluster.members.length),
    outlets === 1 ? l10n.t('1 outlet') : l10n.t('{0} outlets', outlets),
  ].join(' · '))}${altered > 0 ? ` · <span class="verdict v-altered">${esc(l10n.t('{0} altered', altered))}</span>` : ''}</p>
<div class="scroll"><table role="grid" class="quotes" aria-labelledby="${id}" aria-describedby="grid-help">
<thead><tr><th scope="col">${esc(l10n.t('Outlet'))}</th><th scope="col">${esc(l10n.t('Verdict'))}</th><th scope="col">${esc(l10n.t('Version, against the common wording'))}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

function verdictWord(verdict: QuoteVerdict): string {
  switch (verdict) {
    case 'identical': return l10n.t('identical');
    case 'trimmed': return l10n.t('trimmed');
    case 'altered': return l10n.t('altered');
  }
}

function diffHtml(parts: readonly DiffPart[]): string {
  return parts.map((p) => (p.removed ? `<del><span class="sr-only">${esc(l10n.t('removed: '))}</span>${esc(p.value)}</del>` : p.added ? `<ins><span class="sr-only">${esc(l10n.t('added: '))}</span>${esc(p.value)}</ins>` : esc(p.value))).join(' ');
}
