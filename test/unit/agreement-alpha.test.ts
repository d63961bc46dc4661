// Krippendorff's α_U, ported from DKPro Statistics (dkpro/dkpro-statistics, commit f7f4f89,
// dkpro-statistics-agreement/src/test/java/.../unitizing/): every worked case of
// Krippendorff1995Test, Krippendorff2004Test and UnitizingAgreementTest. Each case asserts
// DKPro's own published tolerance and, to 1e-9, the value DKPro's KrippendorffAlphaUnitizingAgreement
// itself returns for it (obtained by compiling that class with javac and printing the doubles).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { measureDistance, UnitizedAlpha, type AlphaUnit } from '../../src/core/agreement/unitizedAlpha';

const EXACT = 1e-9;

function close(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

const unit = (begin: number, length: number, rater: number, category: string): AlphaUnit => ({ begin, length, rater, category });

/** Krippendorff (1995: p. 57), four pairs of observers on a continuum of 24, stretched as DKPro's createExample does. */
function k1995(stretch: number): UnitizedAlpha {
  const s = (x: number): number => Math.trunc(x * stretch);
  const raw: [number, number, number, string][] = [
    // A Bertha:  0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
    //   Bill:    0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
    [2, 8, 0, 'A'], [14, 6, 0, 'A'], [4, 4, 1, 'A'], [15, 2, 1, 'A'],
    // B John:    1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1|0 0 0 0 0 0
    //   Jill:    1 1|1|1|1|1|1 1 1|1|0 0 0 0 0 0 0 0 0 0 0 0 0 0
    [0, 18, 0, 'B'], [0, 2, 1, 'B'], [2, 1, 1, 'B'], [3, 1, 1, 'B'], [4, 1, 1, 'B'], [5, 1, 1, 'B'], [6, 3, 1, 'B'], [9, 1, 1, 'B'],
    // C Gerret:  0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0
    //   Gill:    1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0
    [2, 6, 0, 'C'], [10, 2, 0, 'C'], [14, 4, 0, 'C'], [20, 2, 0, 'C'], [0, 2, 1, 'C'], [4, 4, 1, 'C'], [10, 4, 1, 'C'], [16, 2, 1, 'C'], [20, 2, 1, 'C'],
    // D Heather: 1 1|1 1 1 1 1 1 1 1|1 1 1 1|1 1 1 1 1 1|1 1 1 1
    //   Hill:    1 1 1 1|1 1 1 1|1 1 1 1 1 1 1|1 1|1 1 1 1 1 1 1
    [0, 2, 0, 'D'], [2, 8, 0, 'D'], [10, 4, 0, 'D'], [14, 6, 0, 'D'], [20, 4, 0, 'D'], [0, 4, 1, 'D'], [4, 4, 1, 'D'], [8, 7, 1, 'D'], [15, 2, 1, 'D'], [17, 7, 1, 'D'],
  ];
  return new UnitizedAlpha({ begin: s(0), length: s(24), raters: 2, units: raw.map(([b, l, r, c]) => unit(s(b), s(l), r, c)) });
}

/** Krippendorff (2004: p. 254): observers i and j on [150, 450). */
function k2004(): UnitizedAlpha {
  return new UnitizedAlpha({
    begin: 150,
    length: 300,
    raters: 2,
    units: [unit(225, 70, 0, 'c'), unit(370, 30, 0, 'c'), unit(220, 80, 1, 'c'), unit(355, 20, 1, 'c'), unit(400, 20, 1, 'c'), unit(180, 60, 0, 'k'), unit(300, 50, 0, 'k'), unit(180, 60, 1, 'k'), unit(300, 50, 1, 'k')],
  });
}

describe('α_U: DKPro Krippendorff1995Test', () => {
  it('testAgreement: observed disagreement per category (stretch 1)', () => {
    const alpha = k1995(1);
    close(alpha.observed('A'), 0.03125, 0.00001, 'D_o A');
    close(alpha.observed('B'), 2.26736, 0.00001, 'D_o B');
    close(alpha.observed('C'), 0.02777, 0.00001, 'D_o C');
    close(alpha.observed('D'), 0.38715, 0.00001, 'D_o D');
    close(alpha.observed('A'), 0.03125, EXACT, 'D_o A');
    close(alpha.observed('B'), 2.267361111111111, EXACT, 'D_o B');
    close(alpha.observed('C'), 0.027777777777777776, EXACT, 'D_o C');
    close(alpha.observed('D'), 0.3871527777777778, EXACT, 'D_o D');
  });

  it('testAgreement: expected disagreement and α per category (stretch 50,000)', () => {
    const alpha = k1995(1200000 / 24);
    const published = { A: [0.0699, 0.553], B: [1.17731, -0.926], C: [0.08642, 0.679], D: [0.41445, 0.066] } as const;
    const dkpro = {
      A: [0.0699021974111251, 0.5529468148732835],
      B: [1.175782583692202, -0.9283846712468944],
      C: [0.0905045881736827, 0.6930787892822531],
      D: [0.41445228613805307, 0.06586888110729805],
    } as const;
    for (const c of ['A', 'B', 'C', 'D'] as const) {
      close(alpha.expected(c), published[c][0], 0.005, `D_e ${c}`);
      close(alpha.category(c).alpha, published[c][1], 0.02, `α ${c}`);
      close(alpha.expected(c), dkpro[c][0], EXACT, `D_e ${c}`);
      close(alpha.category(c).alpha, dkpro[c][1], EXACT, `α ${c}`);
    }
    close(alpha.overall(), -0.5500269048626674, EXACT, 'overall α');
  });

  it('testVaryingLengths: category C as the continuum is stretched', () => {
    // [stretch, published D_e, tolerance, published α, DKPro's D_e, DKPro's α]
    const cases: [number, number, number, number, number, number][] = [
      [12 / 24, 0.05494, 0.00001, 0.494, 0.05493827160493827, 0.4943820224719101],
      [120 / 24, 0.08234, 0.005, 0.663, 0.08598664238008501, 0.6769524078519984],
      [1200 / 24, 0.086, 0.005, 0.677, 0.09004376553312723, 0.6915080393038617],
      [12000 / 24, 0.08638, 0.005, 0.678, 0.09045882773626188, 0.6929235269468056],
      [120000 / 24, 0.08642, 0.005, 0.679, 0.09050042728562536, 0.6930646781356151],
      [1200000 / 24, 0.08642, 0.005, 0.679, 0.0905045881736827, 0.6930787892822531],
    ];
    for (const [stretch, de, tolerance, a, dkproDe, dkproA] of cases) {
      const alpha = k1995(stretch);
      close(alpha.observed('C'), 0.02777, 0.00001, `D_o C ×${stretch}`);
      close(alpha.observed('C'), 0.027777777777777776, EXACT, `D_o C ×${stretch}`);
      close(alpha.expected('C'), de, tolerance, `D_e C ×${stretch}`);
      close(alpha.category('C').alpha, a, 0.02, `α C ×${stretch}`);
      close(alpha.expected('C'), dkproDe, EXACT, `D_e C ×${stretch}`);
      close(alpha.category('C').alpha, dkproA, EXACT, `α C ×${stretch}`);
    }
  });

  it('stretch 1, every category (DKPro values, no published counterpart)', () => {
    const alpha = k1995(1);
    const dkpro = { A: [0.06447124304267161, 0.5152877697841727], B: [1.0895125300377617, -1.081078508599186], C: [0.07003058103975535, 0.6033478893740902], D: [0.32079646017699115, -0.20684865900383143] } as const;
    for (const c of ['A', 'B', 'C', 'D'] as const) {
      close(alpha.expected(c), dkpro[c][0], EXACT, `D_e ${c}`);
      close(alpha.category(c).alpha, dkpro[c][1], EXACT, `α ${c}`);
    }
    close(alpha.overall(), -0.7565527387256199, EXACT, 'overall');
  });
});

describe('α_U: DKPro Krippendorff2004Test', () => {
  it('testDistanceMetric1 and 2', () => {
    const X = true;
    const gap = false;
    assert.equal(measureDistance(2, 3, gap, 2, 2, X) + measureDistance(5, 6, X, 4, 7, gap), 40);
    assert.equal(measureDistance(3, 2, gap, 3, 2, X) + measureDistance(5, 6, X, 5, 6, gap), 40);
    assert.equal(measureDistance(5, 6, X, 4, 2, X), 26);
    assert.equal(measureDistance(5, 6, X, 5, 2, X), 16);
    assert.equal(measureDistance(5, 6, X, 6, 2, X), 10);
    assert.equal(measureDistance(5, 6, X, 7, 2, X), 8);
    assert.equal(measureDistance(5, 6, X, 6, 4, X), 2);
    assert.equal(measureDistance(5, 6, X, 5, 6, X), 0);
    assert.equal(measureDistance(225, 70, X, 220, 80, X), 50);
    assert.equal(measureDistance(370, 30, X, 355, 20, X), 850);
    assert.equal(measureDistance(400, 50, gap, 400, 20, X), 400);
  });

  it('testAgreement: overall α', () => {
    close(k2004().overall(), 0.8591, 0.0005, 'α');
    close(k2004().overall(), 0.8586654051841702, EXACT, 'α');
  });

  it('testCategoryAgreement', () => {
    const alpha = k2004();
    close(alpha.observed('c'), 0.0144, 0.0001, 'D_o c');
    close(alpha.expected('c'), 0.0532, 0.0001, 'D_e c');
    close(alpha.category('c').alpha, 0.7286, 0.0001, 'α c');
    close(alpha.observed('k'), 0, 0.0001, 'D_o k');
    close(alpha.expected('k'), 0.049, 0.0001, 'D_e k');
    close(alpha.category('k').alpha, 1, 0.0001, 'α k');
    close(alpha.observed('c'), 0.014444444444444444, EXACT, 'D_o c');
    close(alpha.expected('c'), 0.05322177985498048, EXACT, 'D_e c');
    close(alpha.category('c').alpha, 0.728598996805389, EXACT, 'α c');
    close(alpha.expected('k'), 0.04897856580891524, EXACT, 'D_e k');
  });
});

describe('α_U: DKPro UnitizingAgreementTest', () => {
  // r0: -11111111-
  // r1: --1-1-1---
  const example = (): UnitizedAlpha => new UnitizedAlpha({ begin: 0, length: 10, raters: 2, units: [unit(1, 8, 0, 'A'), unit(2, 1, 1, 'A'), unit(4, 1, 1, 'A'), unit(6, 1, 1, 'A')] });

  it('testAgreement, worked by hand', () => {
    // D_o walks both raters' segments and adds the distance of each overlapping pair:
    //   r0 [1,9) against r1's units [2,3), [4,5), [6,7) (both marked, overlapping):
    //     (1−2)² + ((1−2) + (8−1))² = 1 + 36 = 37;  (1−4)² + (−3 + 7)² = 9 + 16 = 25;  (1−6)² + (−5 + 7)² = 25 + 4 = 29
    //   every other pair is gap/gap or a unit that sticks out of the gap it faces: 0
    //   D_o = 2 · 91 / (R(R−1) · L²) = 182 / (2 · 100) = 0.91
    // D_e: units of lengths 8, 1, 1, 1 (N = 4); gaps r0: 1, 1; r1: 2, 1, 1, 3 (sum 9)
    //   l = 8: (N−1)(2·8³ − 3·8² + 8)/3 = 3 · 840 / 3 = 840; no gap ≥ 8
    //   l = 1: (N−1)(2 − 3 + 1)/3 = 0; 1² · Σ(g − 1 + 1) over all six gaps = 9; three of them: 27
    //   D_e = (2/L) · 867 / (RL(RL − 1) − Σ l(l − 1)) = 173.4 / (20·19 − 56) = 173.4 / 324 = 0.535185185…
    // α = 1 − 0.91 / 0.535185185… = −0.700346020…
    const alpha = example();
    close(alpha.observed('A'), 0.91, EXACT, 'D_o');
    close(alpha.expected('A'), 173.4 / 324, EXACT, 'D_e');
    close(alpha.category('A').alpha, 1 - 0.91 / (173.4 / 324), EXACT, 'α');
    close(alpha.category('A').alpha, -0.7003, 0.0001, 'α (published)');
    close(alpha.category('A').alpha, -0.7003460207612457, EXACT, 'α (DKPro)');
  });

  it('testSingleAnnotationUnit: 0', () => {
    assert.equal(new UnitizedAlpha({ begin: 0, length: 20, raters: 3, units: [unit(0, 1, 0, 'X')] }).overall(), 0);
  });

  it('testEmptyAnnotationSet: NaN', () => {
    assert.ok(Number.isNaN(new UnitizedAlpha({ begin: 0, length: 20, raters: 3, units: [] }).overall()));
  });

  it('testOnlyZeroLengthUnitsWithDifferingCategories and ...WithSameCategory: 0', () => {
    for (const second of ['B', 'A']) {
      const alpha = new UnitizedAlpha({ begin: 0, length: 15, raters: 2, units: [unit(0, 0, 0, 'A'), unit(0, 0, 1, second)] });
      for (const c of alpha.categories) {
        close(alpha.observed(c), 0, 0.001, 'D_o');
        close(alpha.expected(c), 0, 0.001, 'D_e');
      }
      assert.equal(alpha.overall(), 0);
    }
  });

  it('testZeroLengthUnitsMixedWithPositiveLengthUnits: 1', () => {
    const alpha = new UnitizedAlpha({ begin: 0, length: 15, raters: 2, units: [unit(0, 0, 0, 'A'), unit(2, 5, 0, 'A'), unit(2, 5, 1, 'A')] });
    close(alpha.observed('A'), 0, 0.001, 'D_o');
    assert.ok(alpha.expected('A') > 0);
    close(alpha.overall(), 1, 0.001, 'α');
  });

  it('testDistanceMetric', () => {
    assert.equal(measureDistance(0, 1, false, 0, 2, false), 0);
    assert.equal(measureDistance(1, 8, true, 0, 2, false), 0);
    assert.equal(measureDistance(1, 8, true, 2, 1, true), 37);
    assert.equal(measureDistance(1, 8, true, 3, 1, false), 0);
    assert.equal(measureDistance(1, 8, true, 4, 1, true), 25);
    assert.equal(measureDistance(1, 8, true, 5, 1, false), 0);
    assert.equal(measureDistance(1, 8, true, 6, 1, true), 29);
    assert.equal(measureDistance(1, 8, true, 7, 4, false), 0);
    assert.equal(measureDistance(9, 2, false, 7, 4, false), 0);
  });
});

describe('α_U beyond DKPro', () => {
  it('merges one rater’s overlapping units of a category into their union', () => {
    // [0,5) and [2,7) by rater 0 are the stretch [0,7), as if tagged once
    const merged = new UnitizedAlpha({ begin: 0, length: 20, raters: 2, units: [unit(0, 5, 0, 'X'), unit(2, 5, 0, 'X'), unit(0, 7, 1, 'X')] });
    const single = new UnitizedAlpha({ begin: 0, length: 20, raters: 2, units: [unit(0, 7, 0, 'X'), unit(0, 7, 1, 'X')] });
    assert.deepEqual(merged.category('X'), single.category('X'));
    assert.equal(merged.category('X').alpha, 1);
  });

  it('matches DKPro on a case of its own (two raters, one gap-straddling unit)', () => {
    // r0 [0,5); r1 [2,7) and [9,12); L = 15 — run through DKPro's class for this test
    const alpha = new UnitizedAlpha({ begin: 0, length: 15, raters: 2, units: [unit(0, 5, 0, 'A'), unit(2, 5, 1, 'A'), unit(9, 3, 1, 'A')] });
    close(alpha.observed('A'), 0.07555555555555556, EXACT, 'D_o');
    close(alpha.expected('A'), 0.10372168284789644, EXACT, 'D_e');
    close(alpha.category('A').alpha, 0.27155486219448777, EXACT, 'α');
  });
});
