import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { spokenTag } from '../../src/core/review/spokenTag';
import type { Tag } from '../../src/core/tag';

const tag = (patch: Partial<Tag> = {}): Tag => ({ id: 'a1', category: 'denial', start: 120, end: 131, text: '“not true”', prefix: '', suffix: '', ...patch });

describe('spokenTag: a Tags view row as one sentence', () => {
  it('says category, article, range, text, anchoring and review', () => {
    assert.equal(spokenTag(tag(), 'daily-clarion.txt'), 'Denial in daily-clarion.txt, 120–131: “not true”. Anchored; not reviewed.');
  });

  it('names the reviewer of a verdict, and a disputed tag as disputed', () => {
    assert.match(spokenTag(tag({ review: 'confirmed', reviewer: 'Ana Petrov' }), 'a.txt'), /Anchored; confirmed by Ana Petrov\.$/);
    assert.match(spokenTag(tag({ review: 'disputed' }), 'a.txt'), /Anchored; disputed\.$/);
  });

  it('tells re-attached and orphaned tags apart from anchored ones', () => {
    assert.match(spokenTag(tag({ status: 'fuzzy', review: 'confirmed' }), 'a.txt'), /Re-attached to changed text, needs review; confirmed\.$/);
    assert.match(spokenTag(tag({ status: 'orphaned' }), 'a.txt'), /Orphaned: its text is no longer in the article; not reviewed\.$/);
    assert.match(spokenTag(tag({ start: 40, end: 40 }), 'a.txt'), /Orphaned/);
  });

  it('adds the sub-label to the category', () => {
    assert.match(spokenTag(tag({ category: 'framing', label: 'Loaded_Language' }), 'a.txt', 'Loaded language'), /^Editorial framing \(Loaded language\) in a\.txt/);
  });
});
