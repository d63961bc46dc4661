/**
 * The figure ledger: every figure tag of a set of articles, grouped by what it counts, then by
 * source and time, with the conflicts an analyst must see. A mismatch (the same figure printed
 * with different values) is an error to chase; a divergence (different sources disagreeing) is a
 * spread of estimates; a revision by one source over time is a timeline and no conflict at all.
 */
import type { OutletArticle, OutletTag } from '../outlet';
import { TextIndex } from '../textIndex';
import { intervalOf, readFigure, type FigureReading } from './understand';
import { DEFAULT_VOCABULARY, type FigureVocabulary } from './vocabulary';

/** An article for the ledger; only its figure tags are read. */
export type LedgerArticle = OutletArticle;

/** One figure as the CLI's JSON prints it: `value` for a single value, `min`/`max` otherwise. */
export interface LedgerFigure extends OutletTag {
  readonly value?: number;
  readonly min?: number;
  /** null with a min: an open range ("more than 2,000"). */
  readonly max?: number | null;
  readonly hedge: string | null;
  readonly source: string | null;
  readonly as_of: string | null;
}

export type ConflictKind = 'mismatch' | 'divergent';

export interface LedgerGroup {
  readonly source: string | null;
  readonly as_of: string | null;
  readonly figures: readonly LedgerFigure[];
  readonly conflict: boolean;
  readonly kind: ConflictKind | null;
}

export interface LedgerThing {
  readonly counted: string;
  readonly figures: readonly LedgerFigure[];
  readonly groups: readonly LedgerGroup[];
}

export interface Ledger {
  readonly things: readonly LedgerThing[];
}

interface Entry {
  readonly figure: LedgerFigure;
  readonly reading: FigureReading;
  readonly lo: number;
  readonly hi: number;
}

export function buildLedger(articles: readonly LedgerArticle[], vocabulary: FigureVocabulary = DEFAULT_VOCABULARY): Ledger {
  const builder = new LedgerBuilder(vocabulary);
  for (const a of articles) builder.add(a);
  return builder.ledger();
}

/**
 * The ledger an article at a time (the command line streams a corpus through it): it keeps each
 * figure tag's reading and place, and the readings of sentences met before, never an article's text.
 */
export class LedgerBuilder {
  private readonly byThing = new Map<string, Entry[]>();
  private readonly readings = new Map<string, FigureReading>();

  constructor(private readonly vocabulary: FigureVocabulary = DEFAULT_VOCABULARY) {}

  add(a: LedgerArticle): void {
    const { byThing, readings, vocabulary } = this;
    if (!a.tags.some((t) => t.category === 'figure')) return;
    const index = new TextIndex(a.text);
    for (const tag of a.tags) {
      if (tag.category !== 'figure') continue;
      const reading = readFigure(tag, a.text, vocabulary, index, readings);
      if (reading.unreadable) continue;
      const { lo, hi } = intervalOf(reading);
      const amount = reading.value !== undefined ? { value: reading.value } : { min: reading.min ?? 0, max: reading.max ?? null };
      const figure: LedgerFigure = { article: a.article, outlet: a.outlet, id: tag.id, start: tag.start, end: tag.end, text: tag.text, ...amount, hedge: reading.hedge, source: reading.source, as_of: reading.as_of };
      const list = byThing.get(reading.counted) ?? [];
      list.push({ figure, reading, lo, hi });
      byThing.set(reading.counted, list);
    }
  }

  ledger(): Ledger {
    const things = [...this.byThing].map(([counted, entries]): LedgerThing => ({ counted, figures: entries.map((e) => e.figure), groups: groupsOf(entries) }));
    const mismatches = (t: LedgerThing): number => t.groups.filter((g) => g.kind === 'mismatch').length;
    things.sort((a, b) => mismatches(b) - mismatches(a) || b.figures.length - a.figures.length || a.counted.localeCompare(b.counted));
    return { things };
  }
}

/** How many groups of the ledger are mismatches: the number the CLI's exit code and the status bar show. */
export function countMismatches(ledger: Ledger): number {
  return ledger.things.reduce((n, t) => n + t.groups.filter((g) => g.kind === 'mismatch').length, 0);
}

const timesMeet = (a: FigureReading, b: FigureReading): boolean => !a.when || !b.when || (a.when.from <= b.when.to && b.when.from <= a.when.to);

/** Figures of one counted thing → groups: same source family at overlapping times, or typo-close values. */
function groupsOf(entries: readonly Entry[]): LedgerGroup[] {
  const parent = entries.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const join = (i: number, j: number): void => void (parent[find(i)] = find(j));
  const bySource = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const key = e.reading.sourceKey ?? '';
    const list = bySource.get(key);
    if (list) list.push(i);
    else bySource.set(key, [i]);
  });
  for (const members of bySource.values()) {
    // Sweep in time order: overlapping times join; figures without a time join each other only.
    const timed = members.filter((i) => entries[i]!.reading.when).sort((i, j) => entries[i]!.reading.when!.from - entries[j]!.reading.when!.from);
    const untimed = members.filter((i) => !entries[i]!.reading.when);
    for (let k = 1; k < untimed.length; k++) join(untimed[k]!, untimed[0]!);
    let reach = -Infinity;
    let head = -1;
    for (const i of timed) {
      const w = entries[i]!.reading.when!;
      if (head >= 0 && w.from <= reach) join(i, head);
      else head = i;
      reach = Math.max(reach, w.to);
    }
  }
  // Values a typo or a transposition apart are the same figure whoever gives it.
  const byValue = new Map<number, number[]>();
  entries.forEach((e, i) => {
    const v = exactValue(e);
    if (v === undefined) return;
    const list = byValue.get(v);
    if (list) list.push(i);
    else byValue.set(v, [i]);
  });
  for (const [v, members] of byValue) {
    // Each pair of values is met once, from the smaller.
    for (const near of typoNeighbours(v)) {
      if (near <= v) continue;
      for (const j of byValue.get(near) ?? []) for (const i of members) if (timesMeet(entries[i]!.reading, entries[j]!.reading)) join(i, j);
    }
  }
  const components = new Map<number, Entry[]>();
  entries.forEach((e, i) => {
    const root = find(i);
    const list = components.get(root);
    if (list) list.push(e);
    else components.set(root, [e]);
  });
  const groups = [...components.values()];
  // Per group, the values all its figures allow and its source families: two groups disagree
  // when no value fits both.
  const summary = groups.map((members) => {
    let lo = -Infinity;
    let hi = Infinity;
    for (const m of members) {
      lo = Math.max(lo, m.lo);
      hi = Math.min(hi, m.hi);
    }
    const families = [...new Set(members.map((m) => m.reading.sourceKey ?? ''))].sort();
    return { lo, hi, families };
  });
  // Groups of the same families are one in the divergence test: only their highest floor and
  // lowest ceiling matter. Comparing each group with these (a few) family sets, not with every
  // other group, keeps a thing with thousands of groups from costing their square.
  const sets = new Map<string, { families: readonly string[]; lo: number; hi: number }>();
  for (const g of summary) {
    const key = g.families.join('\u0000');
    const set = sets.get(key);
    if (!set) sets.set(key, { families: g.families, lo: g.lo, hi: g.hi });
    else {
      set.lo = Math.max(set.lo, g.lo);
      set.hi = Math.min(set.hi, g.hi);
    }
  }
  const out = groups.map((members, gi): LedgerGroup & { sort: number } => {
    const mine = summary[gi]!;
    let kind: ConflictKind | null = null;
    if (mine.lo > mine.hi + 1e-9) kind = 'mismatch';
    else {
      // Another source's figures that do not fit ours: a spread of estimates. Our own source at
      // another time: a timeline. A group always shares its families with itself, so it is never
      // its own other. For a mismatched other group lo > hi, and the test still asks just that of
      // its highest floor and lowest ceiling.
      const own = new Set(mine.families);
      for (const other of sets.values()) {
        if (other.families.some((f) => own.has(f))) continue;
        if (other.lo > mine.hi + 1e-9 || other.hi < mine.lo - 1e-9) {
          kind = 'divergent';
          break;
        }
      }
    }
    const sources = unique(members.map((m) => m.reading.source));
    const keys = unique(members.map((m) => m.reading.sourceKey));
    // A family's canonical name (Russia for the Kremlin and Moscow) labels the group; a key that is
    // only a lower-cased name ("port authority" for "the Port Authority's spokesperson") does not.
    const family = keys.length === 1 && keys[0] && keys[0] !== keys[0].toLowerCase() && !sources.some((s) => s?.toLowerCase().replace(/^(?:the|a|an)\s+/, '') === keys[0]) ? keys[0] : undefined;
    const times = unique(members.map((m) => m.reading.as_of));
    return {
      source: family ?? (sources.filter(Boolean).join(' / ') || null),
      as_of: times.filter(Boolean).join(' / ') || null,
      figures: members.map((m) => m.figure),
      conflict: kind !== null,
      kind,
      sort: members.reduce((least, m) => Math.min(least, m.reading.when?.from ?? Infinity), Infinity),
    };
  });
  out.sort((a, b) => a.sort - b.sort || (a.source ?? '').localeCompare(b.source ?? ''));
  return out.map(({ sort: _sort, ...g }) => g);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** A flat whole value of three digits or more: smaller numbers differ for real too often. */
function exactValue(e: Entry): number | undefined {
  const v = e.reading.value;
  if (v === undefined || e.reading.hedge !== null || !Number.isInteger(v) || v < 100 || v > Number.MAX_SAFE_INTEGER) return undefined;
  return v;
}

/** Every number one changed digit or one swap of neighbouring digits away (arithmetic: no strings per figure). */
function typoNeighbours(v: number): number[] {
  const digits: number[] = [];
  for (let x = v; x > 0; x = Math.floor(x / 10)) digits.push(x % 10); // least significant first
  const out: number[] = [];
  for (let p = 0, w = 1; p < digits.length; p++, w *= 10) {
    const d = digits[p]!;
    const top = p === digits.length - 1;
    for (let c = top ? 1 : 0; c <= 9; c++) if (c !== d) out.push(v + (c - d) * w);
    const e = digits[p + 1];
    // Swapping with the next digit up; a 0 may not become the leading digit.
    if (e !== undefined && e !== d && !(p + 1 === digits.length - 1 && d === 0)) out.push(v + (e - d) * w + (d - e) * w * 10);
  }
  return out;
}
