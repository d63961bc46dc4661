import { formatAmount } from '../core/figures/format';
import { buildLedger, countMismatches, type LedgerGroup } from '../core/figures/ledger';
import { outletArticles } from './outlet';
import type { Output } from './output';
import { readablePairs } from './sidecars';

/** `newsmark figures [--json] PATH...`: the figure ledger. Exit 1 on any mismatch or unreadable sidecar. */
export async function figures(paths: readonly string[], json: boolean, out: Output): Promise<number> {
  const problems: string[] = [];
  const { pairs, failed } = await readablePairs(paths, (p) => problems.push(p), (notice) => out.error(notice));
  const ledger = buildLedger(outletArticles(pairs));
  const mismatches = countMismatches(ledger);
  if (json) out.line(JSON.stringify(ledger, null, 2));
  else {
    for (const thing of ledger.things) {
      out.line(`${thing.counted} (${thing.figures.length} figure${thing.figures.length === 1 ? '' : 's'})`);
      for (const group of thing.groups) {
        out.line(`  ${groupLabel(group)}  ${group.source ?? 'no source given'} · ${group.as_of ?? 'no time given'}`);
        for (const f of group.figures) out.line(`      ${formatAmount(f).padEnd(18)} ${f.outlet}  “${f.text}”${f.source && f.source !== group.source ? `  (${f.source})` : ''}`);
      }
    }
    if (ledger.things.length === 0) out.line('No figure tags found.');
    out.line(`${mismatches} figure mismatch${mismatches === 1 ? '' : 'es'}.`);
  }
  for (const p of problems) out.error(`✗ ${p}`);
  return mismatches > 0 || failed ? 1 : 0;
}

function groupLabel(g: LedgerGroup): string {
  return g.kind === 'mismatch' ? '✗ MISMATCH ' : g.kind === 'divergent' ? '~ divergent' : '✓          ';
}
