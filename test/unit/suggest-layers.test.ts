import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { outlineLayers } from '../../src/core/suggest/layers';
import { suggestTags } from '../../src/core/suggest';

/** Whether two spans share or touch a character (their outlines would run together). */
const meet = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start <= b.end && b.start <= a.end;

describe('suggest: outline layers keep overlapping suggestions apart', () => {
  it('puts overlapping and touching spans in different layers, separate ones in the first', () => {
    assert.deepEqual(outlineLayers([{ start: 0, end: 10 }, { start: 20, end: 30 }]), [0, 0]);
    assert.deepEqual(outlineLayers([{ start: 0, end: 20 }, { start: 10, end: 30 }]), [0, 1]);
    assert.deepEqual(outlineLayers([{ start: 0, end: 10 }, { start: 10, end: 15 }]), [0, 1]);
    assert.deepEqual(outlineLayers([{ start: 5, end: 9 }, { start: 0, end: 20 }, { start: 12, end: 18 }]), [1, 0, 1], 'in any order');
  });

  it('never gives the same layer to two suggestions that meet, over real suggestions', () => {
    const text = 'The governor flatly denied that 2,417 people were evacuated, calling the ‘stunning’ report a lie, her office said.';
    const suggestions = suggestTags(text);
    assert.ok(suggestions.some((a, i) => suggestions.some((b, j) => i < j && meet(a, b))), 'the sentence has overlapping suggestions');
    const layers = outlineLayers(suggestions);
    for (let i = 0; i < suggestions.length; i++) {
      for (let j = i + 1; j < suggestions.length; j++) {
        if (meet(suggestions[i]!, suggestions[j]!)) assert.notEqual(layers[i], layers[j], `${suggestions[i]!.text} / ${suggestions[j]!.text}`);
      }
    }
  });
});
