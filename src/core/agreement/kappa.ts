/**
 * Cohen's κ over code points. For one category, every code point of every compared article is
 * an item each coder coded "inside a span of this category" or not; κ = (pₒ − pₑ) / (1 − pₑ).
 * Like the F1 counts, the four cells add up across articles, so the corpus κ is one κ over all
 * code points of all compared articles, as the issue defines it.
 */
import type { Span } from './types';

/** The 2×2 table of code points: both coders marked it, only A, only B, neither. */
export interface CodePointTable {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export function emptyTable(): CodePointTable {
  return { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
}

export function addTable(into: CodePointTable, more: CodePointTable): void {
  into.both += more.both;
  into.onlyA += more.onlyA;
  into.onlyB += more.onlyB;
  into.neither += more.neither;
}

/**
 * The table for one category over one article of `length` code points; `a` and `b` hold that
 * category's spans. A code point inside two overlapping spans of one coder counts once.
 */
export function codePointTable(a: readonly Span[], b: readonly Span[], length: number): CodePointTable {
  const ua = union(a, length);
  const ub = union(b, length);
  const covA = covered(ua);
  const covB = covered(ub);
  const both = intersection(ua, ub);
  return { both, onlyA: covA - both, onlyB: covB - both, neither: length - covA - covB + both };
}

/** κ from the table; null when pₑ = 1 (no code points, or both coders marked all or nothing alike). */
export function kappa(t: CodePointTable): number | null {
  const n = t.both + t.onlyA + t.onlyB + t.neither;
  if (n === 0) return null;
  const po = (t.both + t.neither) / n;
  const pA = (t.both + t.onlyA) / n;
  const pB = (t.both + t.onlyB) / n;
  const pe = pA * pB + (1 - pA) * (1 - pB);
  if (pe === 1) return null;
  return (po - pe) / (1 - pe);
}

type Interval = readonly [number, number];

/** The spans as sorted, disjoint intervals, clipped to the article. */
function union(spans: readonly Span[], length: number): Interval[] {
  const sorted = spans
    .map((s): Interval => [Math.max(0, s.start), Math.min(length, s.end)])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function covered(intervals: readonly Interval[]): number {
  let n = 0;
  for (const [s, e] of intervals) n += e - s;
  return n;
}

/** Code points in both unions: a merge of the two sorted lists. */
function intersection(x: readonly Interval[], y: readonly Interval[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    const [xs, xe] = x[i]!;
    const [ys, ye] = y[j]!;
    n += Math.max(0, Math.min(xe, ye) - Math.max(xs, ys));
    if (xe < ye) i++;
    else j++;
  }
  return n;
}
