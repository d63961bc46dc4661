import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sortInSlices } from '../../src/core/storage/sortInSlices';
import type { Slice } from '../../src/core/storage/slicer';

describe('sortInSlices: a long sort cut into units of work', () => {
  it('gives the order Array.prototype.sort gives, ties kept in their order, however long the list', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.record({ label: fc.string({ maxLength: 2, size: 'max' }), at: fc.nat() }), { maxLength: 5000, size: 'max' }), async (items) => {
      const collator = new Intl.Collator();
      const compare = (a: { label: string }, b: { label: string }): number => collator.compare(a.label, b.label);
      let units = 0;
      const counting: Slice = (work) => { units++; return Promise.resolve(work()); };
      const sorted = await sortInSlices(items, compare, counting);
      const expected = items.slice().sort(compare);
      assert.ok(sorted.length === expected.length && sorted.every((item, i) => item === expected[i]), 'the same objects in the same order, ties in their first order');
      if (items.length > 2048) assert.ok(units >= 3, `${items.length} items in ${units} units`);
    }), { numRuns: 60, endOnFailure: true });
  });
});
