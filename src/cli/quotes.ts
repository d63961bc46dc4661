import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import { QuoteCollector, type QuoteCluster } from '../core/quotes/cluster';
import type { DiffPart } from '../core/quotes/wordDiff';
import { outletArticle } from './outlet';
import { withParseCache } from './cache';
import type { Output } from './output';
import { eachReadablePair } from './sidecars';

/**
 * `newsmark quotes [--json] PATH...`: quoted claims and denials aligned across articles. An
 * altered quote is a finding, not a failure: exit 0, or 1 only when a sidecar cannot be read.
 */
export async function quotes(paths: readonly string[], json: boolean, out: Output, options: { cache?: boolean } = {}): Promise<number> {
  const problems: string[] = [];
  const collector = new QuoteCollector();
  const { failed } = await withParseCache(paths, options.cache ?? true, (cache) => eachReadablePair(paths, (p) => problems.push(p), (notice) => out.error(notice), cache, (pair) => collector.add(outletArticle(pair))));
  const clusters = collector.clusters();
  if (json) out.line(JSON.stringify({ clusters: clusters.map(toJson) }, null, 2));
  else printClusters(clusters, out);
  for (const p of problems) out.error(`✗ ${p}`);
  return failed ? 1 : 0;
}

/** The documented JSON shape; the word diff stays in the API, where the panel draws it. */
function toJson(cluster: QuoteCluster): object {
  return { wording: cluster.wording, members: cluster.members.map(({ article, outlet, id, start, end, text, verdict }) => ({ article, outlet, id, start, end, text, verdict })) };
}

function printClusters(clusters: readonly QuoteCluster[], out: Output): void {
  if (clusters.length === 0) {
    out.line(l10n.t('No quote is printed by more than one tag (only claims and denials in quotation marks count).'));
    return;
  }
  for (const cluster of clusters) {
    const outlets = new Set(cluster.members.map((m) => m.outlet)).size;
    out.line(outlets === 1 ? l10n.t('“{0}” — {1} versions, 1 outlet', cluster.wording, cluster.members.length) : l10n.t('“{0}” — {1} versions, {2} outlets', cluster.wording, cluster.members.length, outlets));
    const width = Math.max(...cluster.members.map((m) => m.outlet.length));
    for (const m of cluster.members) {
      const where = `${basename(m.article)}:${m.start}-${m.end}`;
      const detail = m.verdict === 'identical' ? '' : `  ${showDiff(m.diff)}`;
      out.line(`  ${verdictLabel(m.verdict).padEnd(9)}  ${m.outlet.padEnd(width)}  ${where}${detail}`);
    }
    out.line('');
  }
}

/** A member's verdict as the text report names it (the JSON keeps the ids). */
function verdictLabel(verdict: QuoteCluster['members'][number]['verdict']): string {
  switch (verdict) {
    case 'identical': return l10n.t('identical');
    case 'trimmed': return l10n.t('trimmed');
    case 'altered': return l10n.t('altered');
  }
}

/** git's --word-diff=plain notation: [-removed-] {+added+}. */
export function showDiff(parts: readonly DiffPart[]): string {
  return parts.map((p) => (p.removed ? `[-${p.value}-]` : p.added ? `{+${p.value}+}` : p.value)).join(' ');
}
