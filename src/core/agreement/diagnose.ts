/**
 * The diagnosis list: every difference between two coders on one article, each span in at most
 * one difference, so that an adjudicator settles each once. Exact matches (same category, same
 * [start, end)) are agreements and left out; of the rest, overlapping spans are paired one to
 * one — same category before different category, then the larger overlap, then the closer
 * boundaries — and whatever stays unpaired was seen by one coder only.
 */
import type { Disagreement, Span } from './types';

interface Candidate {
  readonly i: number;
  readonly j: number;
  readonly sameCategory: boolean;
  readonly overlap: number;
  readonly distance: number;
}

/** The differences of one article, in text order (by the earlier start of each). */
export function diagnose(article: string, a: readonly Span[], b: readonly Span[]): Disagreement[] {
  const restA = [...a];
  const out: Disagreement[] = [];
  // The same span and category with another sub-label is a difference of its own, settled before any overlap.
  const restB = removeExactMatches(restA, removeExactMatches(restA, b, labelledSpanKey), spanKey, (x, y) => out.push({ article, kind: 'label-differs', a: x, b: y }));
  const pairedA = new Array<boolean>(restA.length).fill(false);
  const pairedB = new Array<boolean>(restB.length).fill(false);
  for (const c of candidates(restA, restB)) {
    if (pairedA[c.i] || pairedB[c.j]) continue;
    pairedA[c.i] = pairedB[c.j] = true;
    out.push({ article, kind: c.sameCategory ? 'boundaries-differ' : 'category-differs', a: restA[c.i]!, b: restB[c.j]! });
  }
  restA.forEach((s, i) => pairedA[i] || out.push({ article, kind: 'only-in-a', a: s, b: null }));
  restB.forEach((s, j) => pairedB[j] || out.push({ article, kind: 'only-in-b', a: null, b: s }));
  const startOf = (d: Disagreement): number => Math.min(d.a?.start ?? Infinity, d.b?.start ?? Infinity);
  const endOf = (d: Disagreement): number => Math.min(d.a?.end ?? Infinity, d.b?.end ?? Infinity);
  return out.sort((x, y) => startOf(x) - startOf(y) || endOf(x) - endOf(y) || KIND_ORDER[x.kind] - KIND_ORDER[y.kind]);
}

const KIND_ORDER = { 'label-differs': 0, 'boundaries-differ': 1, 'category-differs': 2, 'only-in-a': 3, 'only-in-b': 4 } as const;

/** Same category and [start, end). */
export const spanKey = (s: Span): string => `${s.category}\u0000${s.start}\u0000${s.end}`;
/** Same category, [start, end) and sub-label: an agreement. */
export const labelledSpanKey = (s: Span): string => `${spanKey(s)}\u0000${s.label ?? ''}`;

/** Takes A's spans matched by KEY out of `restA` (in place), telling `matched` of each pair, and returns B without them. */
function removeExactMatches(restA: Span[], b: readonly Span[], key: (s: Span) => string, matched: (a: Span, b: Span) => void = () => undefined): Span[] {
  const waiting = new Map<string, number[]>();
  restA.forEach((s, i) => {
    const list = waiting.get(key(s));
    if (list) list.push(i);
    else waiting.set(key(s), [i]);
  });
  const dropA = new Set<number>();
  const restB: Span[] = [];
  for (const s of b) {
    const i = waiting.get(key(s))?.pop();
    if (i === undefined) restB.push(s);
    else {
      dropA.add(i);
      matched(restA[i]!, s);
    }
  }
  const keptA = restA.filter((_, i) => !dropA.has(i));
  restA.splice(0, restA.length, ...keptA);
  return restB;
}

/** Every overlapping pair, best first; a sweep over both lists sorted by start. */
function candidates(a: readonly Span[], b: readonly Span[]): Candidate[] {
  const order = (list: readonly Span[]): number[] => list.map((_, i) => i).sort((x, y) => list[x]!.start - list[y]!.start);
  const bOrder = order(b);
  const out: Candidate[] = [];
  let from = 0;
  for (const i of order(a)) {
    const s = a[i]!;
    // b spans ended before s starts cannot reach any later a span either; a long b span still
    // open keeps `from` back, so some ended ones are scanned again, which is cheap at tens of tags.
    while (from < bOrder.length && b[bOrder[from]!]!.end <= s.start) from++;
    for (let k = from; k < bOrder.length; k++) {
      const t = b[bOrder[k]!]!;
      if (t.start >= s.end) break;
      const overlap = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      if (overlap <= 0) continue;
      out.push({ i, j: bOrder[k]!, sameCategory: s.category === t.category, overlap, distance: Math.abs(s.start - t.start) + Math.abs(s.end - t.end) });
    }
  }
  return out.sort((x, y) => Number(y.sameCategory) - Number(x.sameCategory) || y.overlap - x.overlap || x.distance - y.distance || a[x.i]!.start + b[x.j]!.start - (a[y.i]!.start + b[y.j]!.start));
}
