/**
 * Span F1, exact and by overlap (the definitions of issue 14). Both are counts, so they add up
 * across articles: a corpus figure is computed from the summed counts (micro-averaged), never
 * as a mean of per-article F1s, which would weigh a two-tag article like a fifty-tag one.
 */
import type { Span } from './types';

/** The counts both F1s are made of, for one category (or several together). */
export interface SpanCounts {
  a: number;
  b: number;
  /** Exact matches, one to one (two identical spans in A match two in B, not one). */
  matched: number;
  overlapMatchedA: number;
  overlapMatchedB: number;
}

export function emptyCounts(): SpanCounts {
  return { a: 0, b: 0, matched: 0, overlapMatchedA: 0, overlapMatchedB: 0 };
}

export function addCounts(into: SpanCounts, more: SpanCounts): void {
  into.a += more.a;
  into.b += more.b;
  into.matched += more.matched;
  into.overlapMatchedA += more.overlapMatchedA;
  into.overlapMatchedB += more.overlapMatchedB;
}

/** Counts of one category's spans: `a` and `b` hold only spans of that category. */
export function spanCounts(a: readonly Span[], b: readonly Span[]): SpanCounts {
  return { a: a.length, b: b.length, matched: exactMatches(a, b), overlapMatchedA: overlapping(a, b), overlapMatchedB: overlapping(b, a) };
}

/** 2·matched / (|A| + |B|); null when neither coder has a span. */
export function exactF1(c: SpanCounts): number | null {
  return c.a + c.b === 0 ? null : (2 * c.matched) / (c.a + c.b);
}

/**
 * P = matched share of B, R = matched share of A, F1 their harmonic mean; null when neither coder
 * has a span, 0 when only one has (nothing of it is matched).
 */
export function overlapF1(c: SpanCounts): number | null {
  if (c.a + c.b === 0) return null;
  if (c.a === 0 || c.b === 0) return 0;
  const p = c.overlapMatchedB / c.b;
  const r = c.overlapMatchedA / c.a;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** How many spans pair up with an identical span on the other side (same category assumed). */
function exactMatches(a: readonly Span[], b: readonly Span[]): number {
  const counts = new Map<string, number>();
  for (const s of a) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  let matched = 0;
  for (const s of b) {
    const n = counts.get(key(s)) ?? 0;
    if (n > 0) {
      matched++;
      counts.set(key(s), n - 1);
    }
  }
  return matched;
}

const key = (s: Span): string => `${s.category}\u0000${s.start}\u0000${s.end}`;

/**
 * How many spans of `these` share at least one code point with some span of `others` (same
 * category assumed). Sorted sweep: the spans of `others` that started before a span ends are the
 * candidates, and among them the furthest end decides.
 */
function overlapping(these: readonly Span[], others: readonly Span[]): number {
  if (these.length === 0 || others.length === 0) return 0;
  const sortedOthers = [...others].sort((x, y) => x.start - y.start);
  // furthestEnd[i]: the largest end among sortedOthers[0..i]
  const furthestEnd = new Float64Array(sortedOthers.length);
  let max = -Infinity;
  sortedOthers.forEach((s, i) => (furthestEnd[i] = max = Math.max(max, s.end)));
  let count = 0;
  for (const s of these) {
    // the last of the others that starts before s ends
    let lo = 0;
    let hi = sortedOthers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedOthers[mid]!.start < s.end) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && furthestEnd[lo - 1]! > s.start) count++;
  }
  return count;
}
