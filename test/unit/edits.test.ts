import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { shiftTags, type TextChange } from '../../src/core/edits';
import type { Tag } from '../../src/core/tag';

const tag = (start: number, end: number, text = ''): Tag => ({ id: `t${start}-${end}`, category: 'figure', start, end, text, prefix: '', suffix: '' });
const change = (start: number, deleted: number, insertedText: string): TextChange => ({ start, deleted, insertedText });
const span = (t: Tag | undefined): [number, number] => [t!.start, t!.end];

describe('shiftTags: tags follow edits of the article', () => {
  it('leaves tags before the change alone and shifts tags after it', () => {
    const { tags, touched } = shiftTags([tag(0, 5), tag(20, 25)], change(10, 2, 'abcdef'));
    assert.deepEqual(tags.map(span), [[0, 5], [24, 29]]);
    assert.deepEqual(touched, []);
  });

  it('keeps text typed at either edge of a tag outside it', () => {
    assert.deepEqual(span(shiftTags([tag(10, 15)], change(10, 0, 'xx')).tags[0]), [12, 17]);
    assert.deepEqual(span(shiftTags([tag(10, 15)], change(15, 0, 'xx')).tags[0]), [10, 15]);
  });

  it('grows with text typed inside and marks the tag for re-checking', () => {
    const { tags, touched } = shiftTags([tag(10, 15)], change(12, 1, '4,7'));
    assert.deepEqual(span(tags[0]), [10, 17]);
    assert.deepEqual(touched, ['t10-15']);
  });

  it('keeps what remains when a change eats one end of the tag', () => {
    assert.deepEqual(span(shiftTags([tag(10, 20)], change(5, 10, 'ab')).tags[0]), [7, 12]);
    assert.deepEqual(span(shiftTags([tag(10, 20)], change(15, 10, 'ab')).tags[0]), [10, 15]);
  });

  it('collapses, never drops, a tag whose whole text was deleted, and an undo restores it', () => {
    const original = tag(10, 15, 'hello');
    const deleted = shiftTags([original], change(8, 10, ''));
    assert.equal(deleted.tags.length, 1);
    assert.deepEqual(span(deleted.tags[0]), [8, 8]);
    const exact = shiftTags([original], change(10, 5, ''));
    const undone = shiftTags(exact.tags, change(10, 0, 'hello'));
    assert.deepEqual(span(undone.tags[0]), [10, 15]);
  });

  it('counts inserted emoji as one code point each', () => {
    assert.deepEqual(span(shiftTags([tag(10, 15)], change(0, 0, '🚨🚨')).tags[0]), [12, 17]);
  });

  it('keeps every tag on its text through random edits (property)', () => {
    // Text made of distinct letters, so each tag's text can be found again after edits that do not touch it.
    const arbitraryCase = fc.record({
      length: fc.integer({ min: 1, max: 80 }),
      spans: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.string({ unit: fc.constantFrom('x', 'y', '😀', '\n'), maxLength: 5 })), { minLength: 1, maxLength: 10 }),
    });
    fc.assert(
      fc.property(arbitraryCase, ({ length, spans, edits }) => {
        // Every code point carries its original index, so a tag's surviving text is known exactly.
        let text: Array<number | string> = Array.from({ length }, (_, i) => i);
        let tags = spans.map(([a, b]) => {
          const s = a % length;
          const e = s + 1 + (b % (length - s));
          return { ...tag(s, e), id: `${s}:${e}` };
        });
        for (const [at, del, ins] of edits) {
          const start = at % (text.length + 1);
          const deleted = Math.min(del, text.length - start);
          const inserted = Array.from(ins);
          tags = shiftTags(tags, change(start, deleted, ins)).tags;
          text = [...text.slice(0, start), ...inserted, ...text.slice(start + deleted)];
        }
        for (const t of tags) {
          const [s, e] = t.id.split(':').map(Number) as [number, number];
          const survivors = text.map((v, i) => [v, i] as const).filter(([v]) => typeof v === 'number' && v >= s && v < e);
          if (survivors.length === 0) continue; // all of it deleted: collapsed somewhere, checked elsewhere
          // The tag covers every surviving original code point of its span, and starts and ends on them
          // unless text was typed inside it.
          assert.ok(t.start <= survivors[0]![1] && t.end > survivors[survivors.length - 1]![1], `tag ${t.id} at ${t.start}-${t.end} lost its text`);
          const inside = text.slice(t.start, t.end);
          assert.ok(inside.every((v) => typeof v === 'string' || (v >= s && v < e)), `tag ${t.id} took in text that was not its own`);
        }
      }),
      { numRuns: 400 },
    );
  });
});
