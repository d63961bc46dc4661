/**
 * Everything the Compare Outlets panel shows, from the tagged articles: the figure ledger laid out
 * as counted things × outlets, the quote clusters, and the outlet profiles. Pure data, so the
 * panel only draws it and the tests can read it without a webview.
 */
import * as l10n from '@vscode/l10n';
import { buildLedger, countMismatches, type ConflictKind, type Ledger, type LedgerFigure, type LedgerThing } from '../figures/ledger';
import { formatAmount, formatNumber } from '../figures/format';
import { DEFAULT_VOCABULARY, type FigureVocabulary } from '../figures/vocabulary';
import type { OutletArticle, OutletName } from '../outlet';
import { clusterQuotes, type QuoteCluster } from '../quotes/cluster';
import { outletProfiles, type OutletProfile } from '../review/profile';
import type { Tag } from '../tag';

export interface CompareArticle {
  /** The article's identity (the store key); tags are revealed by it. */
  readonly article: string;
  /** How the article is named to the analyst (a workspace-relative path). */
  readonly label: string;
  readonly outlet: OutletName;
  /** LF text: tag offsets are code points into it. */
  readonly text: string;
  readonly tags: readonly Tag[];
  readonly words: number;
}

export interface OutletColumn {
  readonly name: string;
  /** Some article's outlet was read off its text, not confirmed in its details. */
  readonly guessed: boolean;
}

/** One figure in a cell of the table. */
export interface FigureEntry {
  readonly figure: LedgerFigure;
  /** The amount as printed: "nearly 3,000", "4,000–6,000". */
  readonly amount: string;
  readonly kind: ConflictKind | null;
}

export interface FigureRow {
  readonly counted: string;
  /** One list of figures per outlet column, in column order (empty where the outlet gives none). */
  readonly cells: readonly (readonly FigureEntry[])[];
  /** The most serious conflict in the row. */
  readonly kind: ConflictKind | 'timeline' | null;
  /** What the row shows, in words: the values that mismatch, the spread, the timeline. */
  readonly finding: string;
  /** The finding without its leading "Mismatch: " or "Timeline: ", as the table shows it beside its flag. */
  readonly detail: string;
}

export interface OutletComparison {
  readonly articles: number;
  readonly outlets: readonly OutletColumn[];
  readonly ledger: Ledger;
  readonly mismatches: number;
  readonly figures: readonly FigureRow[];
  readonly clusters: readonly QuoteCluster[];
  readonly profiles: readonly OutletProfile[];
  /** Article key → label, for tooltips and screen-reader labels. */
  readonly labels: ReadonlyMap<string, string>;
}

const outletKey = (name: string): string => name.trim().toLowerCase();

/** The articles as the ledger and the quote clusters read them: each named by its outlet. */
export function namedByOutlet(articles: readonly Omit<CompareArticle, 'label' | 'words'>[]): OutletArticle[] {
  return articles.map((a) => ({ article: a.article, outlet: a.outlet.name.trim(), text: a.text, tags: a.tags }));
}

export function compareOutlets(articles: readonly CompareArticle[], vocabulary: FigureVocabulary = DEFAULT_VOCABULARY): OutletComparison {
  const inputs = namedByOutlet(articles);
  const ledger = buildLedger(inputs, vocabulary);
  const columns = new Map<string, { name: string; guessed: boolean }>();
  for (const a of articles) {
    if (a.tags.length === 0) continue;
    const key = outletKey(a.outlet.name);
    const column = columns.get(key) ?? { name: a.outlet.name.trim(), guessed: false };
    column.guessed ||= a.outlet.guessed;
    columns.set(key, column);
  }
  const outlets = [...columns.values()].sort((a, b) => a.name.localeCompare(b.name));
  const index = new Map(outlets.map((o, i) => [outletKey(o.name), i]));
  return {
    articles: articles.filter((a) => a.tags.length > 0).length,
    outlets,
    ledger,
    mismatches: countMismatches(ledger),
    figures: ledger.things.map((thing) => figureRow(thing, outlets.length, index)),
    clusters: clusterQuotes(inputs),
    profiles: outletProfiles(articles.filter((a) => a.tags.length > 0).map((a) => ({ article: a.label, outlet: a.outlet, tags: a.tags, words: a.words }))),
    labels: new Map(articles.map((a) => [a.article, a.label])),
  };
}

function figureRow(thing: LedgerThing, width: number, column: ReadonlyMap<string, number>): FigureRow {
  const cells: FigureEntry[][] = Array.from({ length: width }, () => []);
  for (const group of thing.groups) {
    for (const figure of group.figures) cells[column.get(outletKey(figure.outlet)) ?? 0]!.push({ figure, amount: formatAmount(figure), kind: group.kind });
  }
  const mismatched = thing.groups.filter((g) => g.kind === 'mismatch');
  if (mismatched.length > 0) {
    const detail = mismatched.map(mismatchValues).join('; ');
    return { counted: thing.counted, cells, kind: 'mismatch', finding: l10n.t('Mismatch: {0}', detail), detail };
  }
  const divergent = thing.groups.filter((g) => g.kind === 'divergent');
  if (divergent.length > 0) {
    const detail = spreadFinding(divergent.flatMap((g) => g.figures), divergent.map((g) => g.source));
    return { counted: thing.counted, cells, kind: 'divergent', finding: detail, detail };
  }
  if (thing.groups.length > 1 && thing.groups.some((g) => g.as_of)) {
    const steps = thing.groups.map((g) => `${[...new Set(g.figures.map(formatAmount))].join(' / ')}${g.as_of ? ` (${g.as_of})` : ''}`);
    const detail = steps.join(' → ');
    return { counted: thing.counted, cells, kind: 'timeline', finding: l10n.t('Timeline: {0}', detail), detail };
  }
  const detail = thing.figures.length > 1 ? l10n.t('Consistent') : l10n.t('One report');
  return { counted: thing.counted, cells, kind: null, finding: detail, detail };
}

/** "3,835 (Outlet A) vs 3,825 (Outlet B)": a mismatch's values, each with the outlets that print it. */
function mismatchValues(group: { readonly figures: readonly LedgerFigure[] }): string {
  const byAmount = new Map<string, Set<string>>();
  for (const f of group.figures) {
    const amount = formatAmount(f);
    byAmount.set(amount, (byAmount.get(amount) ?? new Set()).add(f.outlet));
  }
  return [...byAmount].map(([amount, outlets]) => `${amount} (${[...outlets].join(', ')})`).reduce((left, right) => l10n.t('{0} vs {1}', left, right));
}

/** "Spread 1,351 – 15,000 from 3 sources": estimates that disagree, not an error. */
function spreadFinding(figures: readonly LedgerFigure[], sources: readonly (string | null)[]): string {
  let lo = Infinity;
  let hi = -Infinity;
  let open = false;
  for (const f of figures) {
    const min = f.value ?? f.min ?? 0;
    lo = Math.min(lo, min);
    if (f.value !== undefined) hi = Math.max(hi, f.value);
    else if (f.max === null || f.max === undefined) [open, hi] = [true, Math.max(hi, min)];
    else hi = Math.max(hi, f.max);
  }
  const named = new Set(sources.map((s) => s ?? l10n.t('unattributed')));
  const [from, to, list] = [formatNumber(lo), `${formatNumber(hi)}${open ? '+' : ''}`, [...named].join(', ')];
  return named.size === 1 ? l10n.t('Spread {0} – {1} from 1 source ({2})', from, to, list) : l10n.t('Spread {0} – {1} from {2} sources ({3})', from, to, named.size, list);
}
