import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ArticleText, createTag, EmptySpanError, sortTags, tagsAt, type Tag } from '../../src/core/tag';

describe('createTag', () => {
  const article = new ArticleText('The mayor said\u00a0 “2,417 people left” yesterday.\nMore later.');

  it('trims white space (U+00A0 included) from the edges of the selection', () => {
    const start = article.lf.indexOf('said') + 4;
    const end = article.lf.indexOf('yesterday'); // the selection takes in the space before it
    const tag = createTag(article, start, end, 'claim', new Set());
    assert.equal(tag.text, '“2,417 people left”');
    assert.equal(article.slice(tag.start, tag.end), tag.text);
  });

  it('records up to 32 code points of context on each side', () => {
    const start = article.lf.indexOf('2,417');
    const tag = createTag(article, start, start + 5, 'figure', new Set());
    assert.equal(tag.prefix, 'The mayor said\u00a0 “');
    assert.equal(tag.suffix, ' people left” yesterday.\nMore la');
    assert.equal(Array.from(tag.suffix).length, 32);
  });

  it('refuses an empty or all-white-space selection instead of making a zero-length tag', () => {
    assert.throws(() => createTag(article, 5, 5, 'claim', new Set()), EmptySpanError);
    assert.throws(() => createTag(article, 14, 16, 'claim', new Set()), EmptySpanError);
  });

  it('accepts a backwards selection and gives every tag a fresh id', () => {
    const taken = new Set<string>();
    const a = createTag(article, 8, 4, 'framing', taken);
    taken.add(a.id);
    const b = createTag(article, 4, 8, 'framing', taken);
    assert.equal(a.text, 'mayo');
    assert.notEqual(a.id, b.id);
    assert.match(a.id, /^[0-9a-f]{8}$/);
  });
});

describe('tag ordering and lookup', () => {
  const tag = (id: string, start: number, end: number): Tag => ({ id, category: 'claim', start, end, text: '', prefix: '', suffix: '' });

  it('sorts by start, then end', () => {
    assert.deepEqual(sortTags([tag('c', 5, 9), tag('a', 1, 9), tag('b', 1, 3)]).map((t) => t.id), ['b', 'a', 'c']);
  });

  it('finds every overlapping tag at an offset, including at a tag end', () => {
    const tags = [tag('outer', 0, 20), tag('inner', 5, 10), tag('later', 30, 40)];
    assert.deepEqual(tagsAt(tags, 7).map((t) => t.id), ['outer', 'inner']);
    assert.deepEqual(tagsAt(tags, 10).map((t) => t.id), ['outer', 'inner']);
    assert.deepEqual(tagsAt(tags, 25), []);
  });
});
