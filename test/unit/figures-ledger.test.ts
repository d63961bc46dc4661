// The figure ledger on fictional articles: mismatch, typo-like closeness, range-consistent,
// divergent estimates and a timeline, each with the members an analyst would chase.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildLedger, countMismatches, type Ledger, type LedgerArticle, type LedgerGroup } from '../../src/core/figures/ledger';
import type { Tag } from '../../src/core/tag';
import { tagOn } from './cliCorpus';

let next = 0;
/** An article of one outlet with a figure tag on each phrase. */
function article(outlet: string, text: string, phrases: readonly string[], extra: readonly Tag[] = []): LedgerArticle {
  const tags = phrases.map((p) => tagOn(text, p, 'figure', (next++).toString(16).padStart(8, '0')));
  return { article: `${outlet.toLowerCase().replace(/\s+/g, '-')}.txt`, outlet, text, tags: [...tags, ...extra] };
}

/** The groups of a counted thing, as [kind, outlets, values] rows easy to compare. */
function rows(ledger: Ledger, counted: string): [LedgerGroup['kind'], string[], (number | string)[]][] {
  const thing = ledger.things.find((t) => t.counted === counted);
  assert.ok(thing, `a counted thing "${counted}" in ${ledger.things.map((t) => t.counted).join(', ')}`);
  return thing.groups.map((g) => [g.kind, g.figures.map((f) => f.outlet), g.figures.map((f) => f.value ?? `${f.min}-${f.max}`)]);
}

describe('figure ledger', () => {
  it('the same source at the same time with two values is a mismatch, listing both', () => {
    const ledger = buildLedger([
      article('Northshore Post', 'The fire service said on June 3 that 1,200 residents were evacuated.', ['1,200 residents']),
      article('Valley Courier', 'On June 3 the fire service said 1,600 residents had been evacuated.', ['1,600 residents']),
    ]);
    assert.deepEqual(rows(ledger, 'residents evacuated'), [['mismatch', ['Northshore Post', 'Valley Courier'], [1200, 1600]]]);
    assert.equal(countMismatches(ledger), 1);
    assert.equal(ledger.things[0]!.groups[0]!.conflict, true);
  });

  it('values a typo or a transposition apart are a mismatch even from differently named sources', () => {
    const ledger = buildLedger([
      article('Northshore Post', 'Mayor Ilse Varn said 3,835 residents were evacuated on June 3.', ['3,835 residents']),
      article('Valley Courier', 'According to the Harbour Times, 3,825 residents were evacuated on June 3.', ['3,825 residents']),
      article('Ridge Herald', 'The port authority said 3,853 residents were evacuated on June 3.', ['3,853 residents']),
      article('Bay Daily', 'Volunteers said 4,900 residents were evacuated on June 3.', ['4,900 residents']),
    ]);
    const r = rows(ledger, 'residents evacuated');
    const mismatch = r.filter(([kind]) => kind === 'mismatch');
    assert.equal(mismatch.length, 1);
    assert.deepEqual([...mismatch[0]![2]].sort(), [3825, 3835, 3853]);
    // 4,900 is no typo of 3,835: another source's estimate, a spread.
    assert.deepEqual(r.find(([, , values]) => values.includes(4900))?.[0], 'divergent');
  });

  it('a value inside another figure’s range is consistent, and so is a bound it meets', () => {
    const ledger = buildLedger([
      article('Northshore Post', 'The fire service said on June 3 that 1,350 residents were evacuated.', ['1,350 residents']),
      article('Valley Courier', 'The fire service said on June 3 that between 1,000 and 2,000 residents were evacuated.', ['between 1,000 and 2,000 residents']),
      article('Ridge Herald', 'The fire service said on June 3 that more than 1,300 residents were evacuated.', ['more than 1,300 residents']),
      article('Bay Daily', 'The fire service said on June 3 that about 1,400 residents were evacuated.', ['about 1,400 residents']),
    ]);
    assert.deepEqual(rows(ledger, 'residents evacuated'), [[null, ['Northshore Post', 'Valley Courier', 'Ridge Herald', 'Bay Daily'], [1350, '1000-2000', '1300-null', 1400]]]);
    assert.equal(countMismatches(ledger), 0);
  });

  it('different sources disagreeing are divergent: a spread, not an error', () => {
    const ledger = buildLedger([
      article('Northshore Post', 'The Kremlin said in late May that 900 soldiers had been killed.', ['900 soldiers']),
      article('Valley Courier', 'NATO officials estimated in late May that between 4,000 and 6,000 troops had been killed.', ['between 4,000 and 6,000 troops']),
      article('Ridge Herald', 'On May 21 the tabloid Evening Lantern reported that 5,100 soldiers had died.', ['5,100 soldiers']),
    ]);
    const r = rows(ledger, 'troops killed');
    assert.equal(r.length, 3, 'three sources, three groups');
    const kindOf = (v: number | string): LedgerGroup['kind'] | undefined => r.find(([, , values]) => values.includes(v))?.[0];
    assert.deepEqual([kindOf(900), kindOf('4000-6000'), kindOf(5100)], ['divergent', 'divergent', 'divergent']);
    assert.equal(countMismatches(ledger), 0);
    assert.ok(ledger.things[0]!.groups.every((g) => g.conflict));
  });

  it('one source revising its figure over time is a timeline, not a conflict', () => {
    const ledger = buildLedger([
      article('Northshore Post', 'The ministry said on May 2 that 300 soldiers had been killed.', ['300 soldiers']),
      article('Valley Courier', 'At the end of May the ministry said 1,100 soldiers had been killed.', ['1,100 soldiers']),
      article('Ridge Herald', 'The ministry said 1,100 troops had died by the end of May.', ['1,100 troops']),
    ]);
    const r = rows(ledger, 'troops killed');
    assert.deepEqual(r, [[null, ['Northshore Post'], [300]], [null, ['Valley Courier', 'Ridge Herald'], [1100, 1100]]]);
    const groups = ledger.things[0]!.groups;
    assert.deepEqual(groups.map((g) => [g.source, g.as_of]), [['the ministry', 'May 2'], ['the ministry', 'the end of May / by the end of May']]);
  });

  it('dates without a year compare: March 25 falls in the end of March, not in early March', () => {
    const ledger = buildLedger([
      article('Northshore Post', 'The ministry said on March 25 that 1,351 soldiers had been killed.', ['1,351 soldiers']),
      article('Valley Courier', 'The ministry said 1,600 soldiers had been killed by the end of March.', ['1,600 soldiers']),
      article('Ridge Herald', 'In early March the ministry said 600 soldiers had been killed.', ['600 soldiers']),
    ]);
    assert.deepEqual(rows(ledger, 'troops killed'), [[null, ['Ridge Herald'], [600]], ['mismatch', ['Northshore Post', 'Valley Courier'], [1351, 1600]]]);
  });

  it("a body's spokesperson groups with the body: one source, two values, a mismatch", () => {
    const ledger = buildLedger([
      article('Northshore Post', "The Port Authority's spokesperson said on June 3 that 1,200 residents were evacuated.", ['1,200 residents']),
      article('Valley Courier', 'The Port Authority said on June 3 that 1,650 residents were evacuated.', ['1,650 residents']),
    ]);
    const groups = ledger.things[0]!.groups;
    assert.deepEqual(groups.map((g) => [g.kind, g.source]), [['mismatch', "the Port Authority's spokesperson / Port Authority"]]);
  });

  it('only figure tags are read, and each figure keeps where it is', () => {
    const text = 'Officials said 48 people were evacuated. Critics called it a fiasco.';
    const claim = tagOn(text, 'Critics called it a fiasco', 'framing', 'ffffffff');
    const ledger = buildLedger([article('Bay Daily', text, ['48 people'], [claim])]);
    assert.equal(ledger.things.length, 1);
    const f = ledger.things[0]!.figures[0]!;
    assert.deepEqual({ ...f }, { article: 'bay-daily.txt', outlet: 'Bay Daily', id: f.id, start: 15, end: 24, text: '48 people', value: 48, hedge: null, source: 'Officials', as_of: null });
  });
});
