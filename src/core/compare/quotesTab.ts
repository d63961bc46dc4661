// The Quotes tab: each cluster's common wording, then every outlet's version as a word diff
// against it, with its verdict. Removed and added words are said in words for screen readers.
import { escapeHtml as esc } from '../htmlEscape';
import type { QuoteCluster } from '../quotes/cluster';
import type { DiffPart } from '../quotes/wordDiff';
import type { OutletComparison } from './comparison';
import { navStop, plural } from './markup';

export function quotesTab(c: OutletComparison): string {
  if (c.clusters.length === 0) {
    return '<p class="empty">No quote is printed by more than one article yet. Tag quoted statements as <strong>Claim</strong> or <strong>Denial</strong> in each outlet’s article and the versions line up here.</p>';
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
      + `<td ${navStop(null, target)}><span class="verdict v-${m.verdict}">${m.verdict}</span></td>`
      + `<td class="version" ${navStop(null, target)}>${words}</td></tr>`;
  });
  return `<section class="cluster" aria-labelledby="${id}">
<h2 id="${id}">“${esc(cluster.wording)}”</h2>
<p class="meta">${cluster.members.length} versions · ${outlets} ${plural(outlets, 'outlet', 'outlets')}${altered > 0 ? ` · <span class="verdict v-altered">${altered} altered</span>` : ''}</p>
<div class="scroll"><table role="grid" class="quotes" aria-labelledby="${id}" aria-describedby="grid-help">
<thead><tr><th scope="col">Outlet</th><th scope="col">Verdict</th><th scope="col">Version, against the common wording</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

function diffHtml(parts: readonly DiffPart[]): string {
  return parts.map((p) => (p.removed ? `<del><span class="sr-only">removed: </span>${esc(p.value)}</del>` : p.added ? `<ins><span class="sr-only">added: </span>${esc(p.value)}</ins>` : esc(p.value))).join(' ');
}
