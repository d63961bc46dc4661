import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isShown, SHOW_ALL, shownTags } from '../../src/core/review/visibility';
import type { Tag } from '../../src/core/tag';

const tag = (id: string, author?: string): Tag => ({ id, category: 'claim', start: 0, end: 4, text: 'says', prefix: '', suffix: '', ...(author === undefined ? {} : { author }) });
const TAGS = [tag('t1', 'ana'), tag('t2', 'ben'), tag('t3'), tag('t4', 'ana'), tag('t5', 'Ana'), tag('t6', '')];

describe('blind coding: which tags are shown', () => {
  it('shows every tag, as the same array, when no author is chosen', () => {
    assert.equal(shownTags(TAGS, SHOW_ALL), TAGS);
    assert.ok(TAGS.every((t) => isShown(t, SHOW_ALL)));
  });

  it('shows only the named author’s tags: others, no author and an empty author are hidden', () => {
    assert.deepEqual(shownTags(TAGS, { onlyAuthor: 'ana' }).map((t) => t.id), ['t1', 't4']);
    assert.deepEqual(shownTags(TAGS, { onlyAuthor: 'ben' }).map((t) => t.id), ['t2']);
  });

  it('matches the author exactly, as `--by author` does (case counts)', () => {
    assert.deepEqual(shownTags(TAGS, { onlyAuthor: 'Ana' }).map((t) => t.id), ['t5']);
    assert.deepEqual(shownTags(TAGS, { onlyAuthor: 'nobody' }), []);
  });

  it('hides every tag when on with no author set (the empty name), even tags with an empty author', () => {
    assert.deepEqual(shownTags(TAGS, { onlyAuthor: '' }), []);
  });

  it('returns the same array when every tag is the author’s, and never changes the input', () => {
    const own = [tag('a', 'ana'), tag('b', 'ana')];
    assert.equal(shownTags(own, { onlyAuthor: 'ana' }), own);
    const before = JSON.stringify(TAGS);
    shownTags(TAGS, { onlyAuthor: 'ben' });
    assert.equal(JSON.stringify(TAGS), before);
  });
});
