// What Edit Attributes offers for a figure before the analyst types anything: the value and unit
// read from the tag's own text (fictional figures).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { figureAttributesFromText } from '../../src/core/figures/prefill';

describe('figure attributes read from the tag text', () => {
  const rows: [string, ReturnType<typeof figureAttributesFromText>, string?][] = [
    ['3,835 wounded', { value: 3835, unit: 'wounded' }],
    ['7,000', { value: 7000 }],
    ['1.5 million', { value: 1500000 }],
    ['1.5 million refugees', { value: 1500000, unit: 'refugees' }],
    ['at least 40 people', { value: 40, unit: 'people', comparator: '>' }],
    ['as many as 600 troops', { value: 600, unit: 'troops', comparator: '<' }],
    ['roughly 38% of container capacity', { value: 38, unit: 'percent', comparator: '~' }],
    ['€750,000', { value: 750000, unit: 'EUR' }],
    ['two dozen vessels', { value: 24, unit: 'vessels' }],
    ['2,417 people had been evacuated', { value: 2417, unit: 'people' }],
    ['12 of the crew', { value: 12 }],
    // Digit groups split by a no-break space (U+00A0) or a narrow one (U+202F), as French and Russian copy writes them.
    ['3\u00a0835 blessés', { value: 3835, unit: 'blessés' }],
    ['1\u00a0204\u00a0500 voters', { value: 1204500, unit: 'voters' }],
    ['12\u202f000 workers', { value: 12000, unit: 'workers' }],
    // No single value to offer: a range, an open plural, no number at all.
    ['between 40 million and 65 million crowns', { unit: 'crowns' }],
    ['hundreds of residents', { unit: 'residents' }],
    ['a large crowd', {}],
  ];
  for (const [text, expected] of rows) {
    it(JSON.stringify(text), () => assert.deepEqual(figureAttributesFromText(text), expected));
  }

  it('takes a hedge just before the tag into account ("nearly [1,400 troops]")', () => {
    assert.deepEqual(figureAttributesFromText('1,400 troops', 'the ministry put the toll at nearly '), { value: 1400, unit: 'troops', comparator: '~' });
    assert.deepEqual(figureAttributesFromText('40 people', 'officials said at least '), { value: 40, unit: 'people', comparator: '>' });
  });

  it('does not join two numbers an ordinary space separates', () => {
    assert.deepEqual(figureAttributesFromText('in 2019 40 people'), { value: 2019 });
  });
});
