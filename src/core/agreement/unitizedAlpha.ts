/**
 * Krippendorff's alpha_U for unitized data (Krippendorff 1995, "On the reliability of unitizing
 * contiguous data"; 2004, "Content Analysis", 2nd ed., pp. 251–256), ported from DKPro
 * Statistics' `KrippendorffAlphaUnitizingAgreement` (the implementation INCEpTION reports), so
 * that a figure computed here is the figure a reviewer gets from INCEpTION on the same spans.
 * The structure follows the Java class method by method; the test file ports its worked cases.
 *
 * Two deliberate differences, neither of which changes a result DKPro defines:
 * - DKPro requires that one rater's units of one category do not overlap (its walk along the
 *   continuum breaks otherwise). Analysts' tags may overlap, so each rater's units of a category
 *   are merged into their union first: alpha_U looks at which stretches are marked, not at how
 *   many tags mark them.
 * - The expected disagreement sums, for every unit, over all gaps at least as long as it. DKPro
 *   walks the sorted gap list per unit (quadratic); here the gaps are sorted once and the sums
 *   read from prefix sums, so a corpus of 100,000 units takes milliseconds.
 */

/** One rater's unit: `length` positions from `begin`, marked with `category`. */
export interface AlphaUnit {
  readonly begin: number;
  readonly length: number;
  /** 0-based rater index, below `raters`. */
  readonly rater: number;
  readonly category: string;
}

/** A unitizing study: a continuum [begin, begin + length) that `raters` raters segmented. */
export interface UnitizingStudy {
  readonly begin: number;
  readonly length: number;
  readonly raters: number;
  readonly units: readonly AlphaUnit[];
}

/** Observed and expected disagreement of one category, and alpha from them. */
export interface CategoryAlpha {
  readonly observed: number;
  readonly expected: number;
  /** DKPro's `calculateCategoryAgreement`: 0 when observed equals expected (also both 0). */
  readonly alpha: number;
}

/** A prepared study: units grouped per category and rater, sorted, overlaps merged. */
export class UnitizedAlpha {
  /** Categories in order of first use, as DKPro's study keeps them. */
  readonly categories: readonly string[];
  private readonly byCategory = new Map<string, { begin: number; length: number }[][]>();
  private readonly cache = new Map<string, CategoryAlpha>();

  constructor(private readonly study: UnitizingStudy) {
    if (!Number.isInteger(study.raters) || study.raters < 0) throw new RangeError(`raters must be a whole number ≥ 0, not ${study.raters}`);
    const categories: string[] = [];
    for (const u of study.units) {
      if (u.rater < 0 || u.rater >= study.raters) throw new RangeError(`unit of rater ${u.rater} in a study of ${study.raters} raters`);
      let perRater = this.byCategory.get(u.category);
      if (!perRater) {
        perRater = Array.from({ length: study.raters }, () => []);
        this.byCategory.set(u.category, perRater);
        categories.push(u.category);
      }
      perRater[u.rater]!.push({ begin: u.begin, length: u.length });
    }
    for (const perRater of this.byCategory.values()) perRater.forEach((units, r) => (perRater[r] = mergeOverlaps(units)));
    this.categories = categories;
  }

  /** D_o of one category: mean squared-distance of the raters' segments, per pair of raters. */
  observed(category: string): number {
    const { begin: B, length: L, raters: R } = this.study;
    const perRater = this.byCategory.get(category) ?? [];
    let result = 0;
    for (let r1 = 0; r1 < R; r1++) {
      for (let r2 = r1 + 1; r2 < R; r2++) result += observedPair(perRater[r1] ?? [], perRater[r2] ?? [], B, L);
    }
    result *= 2;
    return result / (R * (R - 1) * (L * L));
  }

  /** D_e of one category: the disagreement expected over all ways of placing the same units and gaps. */
  expected(category: string): number {
    const { begin: B, length: L, raters: R } = this.study;
    const perRater = this.byCategory.get(category) ?? [];
    const units = perRater.flat();
    const nC = units.length;
    let squaredLengths = 0;
    for (const u of units) squaredLengths += u.length * (u.length - 1);

    // Every rater's gaps: the stretches between that rater's units of this category.
    const gaps: number[] = [];
    for (let r = 0; r < R; r++) {
      let pos = B;
      for (const u of perRater[r] ?? []) {
        if (u.begin > pos) gaps.push(u.begin - pos);
        pos = Math.max(pos, u.begin + u.length);
      }
      if (pos < B + L) gaps.push(B + L - pos);
    }
    // Σ over gaps g ≥ l of (g − l + 1) = (sum of those g) − (l − 1)·(their count): sorted once, prefix sums.
    gaps.sort((x, y) => y - x);
    const prefix = new Float64Array(gaps.length + 1);
    for (let i = 0; i < gaps.length; i++) prefix[i + 1] = prefix[i]! + gaps[i]!;

    let result = 0;
    for (const u of units) {
      const l = u.length;
      const sum1 = ((nC - 1) * (2 * l * l * l - 3 * l * l + l)) / 3;
      const count = countAtLeast(gaps, l);
      const sum2 = (prefix[count]! - (l - 1) * count) * (l * l);
      result += sum1 + sum2;
    }
    result *= 2 / L;
    return result / (R * L * (R * L - 1) - squaredLengths);
  }

  /** DKPro's `calculateCategoryAgreement`. */
  category(category: string): CategoryAlpha {
    const cached = this.cache.get(category);
    if (cached) return cached;
    const observed = this.observed(category);
    const expected = this.expected(category);
    const result = { observed, expected, alpha: observed === expected ? 0 : 1 - observed / expected };
    this.cache.set(category, result);
    return result;
  }

  /**
   * DKPro's `calculateAgreement`: one minus the ratio of the disagreements averaged over the
   * categories. NaN when no category was used (an empty study); when both disagreements are 0,
   * 1 if some unit has a length (full agreement), else 0 (nothing to agree on).
   */
  overall(): number {
    let observed = 0;
    let expected = 0;
    for (const c of this.categories) {
      const figures = this.category(c);
      observed += figures.observed;
      expected += figures.expected;
    }
    observed /= this.categories.length;
    expected /= this.categories.length;
    if (observed === expected) {
      if (observed === 0) return this.carriesInformation() ? 1 : 0;
      return 0;
    }
    return 1 - observed / expected;
  }

  /** Zero-length units carry no mass: a study of only those cannot show agreement (DKPro issue #35). */
  private carriesInformation(): boolean {
    return this.study.units.length > 0 && this.study.units.some((u) => u.length > 0);
  }
}

/**
 * The walk of DKPro's `calculateObservedCategoryDisagreement` for one pair of raters: both
 * raters' continua are cut into units and gaps, and every pair of overlapping segments is
 * visited once, at the position where the later of them starts.
 */
function observedPair(units1: readonly Segment[], units2: readonly Segment[], B: number, L: number): number {
  let i1 = 0;
  let i2 = 0;
  let offset1 = B;
  let length1 = 0;
  let offset2 = B;
  let length2 = 0;
  let marked1 = false;
  let marked2 = false;
  let pos = B;
  let result = 0;
  while (pos < B + L && (i1 < units1.length || i2 < units2.length)) {
    if (pos === offset1 + length1) {
      const next = units1[i1];
      if (next && pos === next.begin) {
        length1 = next.length;
        marked1 = true;
        i1++;
      } else {
        length1 = (next ? next.begin : B + L) - pos;
        marked1 = false;
      }
      offset1 = pos;
    }
    if (pos === offset2 + length2) {
      const next = units2[i2];
      if (next && pos === next.begin) {
        length2 = next.length;
        marked2 = true;
        i2++;
      } else {
        length2 = (next ? next.begin : B + L) - pos;
        marked2 = false;
      }
      offset2 = pos;
    }
    result += measureDistance(offset1, length1, marked1, offset2, length2, marked2);
    pos = Math.min(offset1 + length1, offset2 + length2);
  }
  return result;
}

/**
 * Krippendorff's distance of two segments (DKPro's `measureDistance`): two overlapping units,
 * the squared differences of their starts and of their ends; a unit lying wholly inside the
 * other rater's gap, its squared length; anything else (gap with gap, unit sticking out of the
 * gap it faces), 0. `marked` is false for a gap.
 */
export function measureDistance(offset1: number, length1: number, marked1: boolean, offset2: number, length2: number, marked2: boolean): number {
  const beginDiff = offset1 - offset2;
  const lengthDiff = length1 - length2;
  if (marked1 && marked2 && -length1 < beginDiff && beginDiff < length2) {
    return beginDiff * beginDiff + (beginDiff + lengthDiff) * (beginDiff + lengthDiff);
  }
  if (marked1 && !marked2 && -lengthDiff >= beginDiff && beginDiff >= 0) return length1 * length1;
  if (!marked1 && marked2 && -lengthDiff <= beginDiff && beginDiff <= 0) return length2 * length2;
  return 0;
}

interface Segment {
  readonly begin: number;
  readonly length: number;
}

/** Sorted as DKPro's TreeSet orders them (begin, then length), overlapping units merged into one. */
function mergeOverlaps(units: readonly Segment[]): Segment[] {
  const sorted = [...units].sort((a, b) => a.begin - b.begin || a.length - b.length);
  const merged: Segment[] = [];
  for (const u of sorted) {
    const last = merged[merged.length - 1];
    if (last && u.begin < last.begin + last.length) {
      const end = Math.max(last.begin + last.length, u.begin + u.length);
      merged[merged.length - 1] = { begin: last.begin, length: end - last.begin };
    } else merged.push(u);
  }
  return merged;
}

/** How many of the gaps (sorted longest first) are at least `l` long. */
function countAtLeast(gapsDescending: readonly number[], l: number): number {
  let lo = 0;
  let hi = gapsDescending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (gapsDescending[mid]! >= l) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
