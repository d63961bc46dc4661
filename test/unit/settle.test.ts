import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { settleEditedTags } from '../../src/core/anchor/settle';
import { shiftTags } from '../../src/core/edits';
import { ArticleText, createTag, type Tag } from '../../src/core/tag';

// Fictional text written for these tests: a denial inside a quotation, then a figure and a claim.
const ARTICLE = 'The ministry answered on Friday. “We deny the harbour authority had anything to do with these closures,” said Ilse Marrow. '
  + 'About 1,240 people were moved inland, the mayor said, and the flood barrier held overnight.';
const DENIAL = 'We deny the harbour authority had anything to do with these closures';

/** An editor session over one article: every keystroke shifts the tags, and a pause settles them. */
class Session {
  chars: string[];
  tags: Tag[];
  touched = new Set<string>();
  constructor(text: string, tags: Tag[]) {
    this.chars = Array.from(text);
    this.tags = tags;
  }
  get text(): string {
    return this.chars.join('');
  }
  edit(start: number, deleted: number, inserted: string): void {
    const result = shiftTags(this.tags, { start, deleted, insertedText: inserted });
    result.touched.forEach((id) => this.touched.add(id));
    this.tags = result.tags;
    this.chars.splice(start, deleted, ...Array.from(inserted));
  }
  /** Types a string one character at a time, from `at`. */
  type(at: number, typed: string): void {
    Array.from(typed).forEach((c, i) => this.edit(at + i, 0, c));
  }
  pause(): void {
    const settled = new Map(settleEditedTags(this.text, this.tags, this.touched).map((t) => [t.id, t]));
    this.tags = this.tags.map((t) => settled.get(t.id) ?? t);
    this.touched = new Set([...this.touched].filter((id) => this.tags.find((t) => t.id === id)!.end === this.tags.find((t) => t.id === id)!.start));
  }
}

function tagOf(text: string, quote: string, id: string): Tag {
  const article = new ArticleText(text);
  const start = Array.from(text.slice(0, text.indexOf(quote))).length;
  return { ...createTag(article, start, start + Array.from(quote).length, 'denial', new Set()), id };
}

describe('settleEditedTags: the pause after typing never moves a tag the analyst is editing', () => {
  it('keeps a word typed inside a quotation inside the tag, flagged with what it said before', () => {
    const session = new Session(ARTICLE, [tagOf(ARTICLE, DENIAL, 'd1')]);
    const afterWe = Array.from(ARTICLE.slice(0, ARTICLE.indexOf('We deny'))).length + 2;
    // Typed at a normal speed: a pause now and then, mid-word included.
    const typed = ' categorically and absolutely';
    Array.from(typed).forEach((c, i) => {
      session.edit(afterWe + i, 0, c);
      if (i % 5 === 4) session.pause();
    });
    session.pause();
    const tag = session.tags[0]!;
    assert.equal(tag.text, 'We categorically and absolutely deny the harbour authority had anything to do with these closures');
    assert.equal(session.chars.slice(tag.start, tag.end).join(''), tag.text);
    assert.equal(tag.status, 'fuzzy');
    assert.equal(tag.previousText, DENIAL);
  });

  it('keeps a stray paste inside a word inside the tag rather than re-attaching elsewhere', () => {
    const session = new Session(ARTICLE, [tagOf(ARTICLE, DENIAL, 'd1')]);
    const inDeny = Array.from(ARTICLE.slice(0, ARTICLE.indexOf('deny the'))).length + 1;
    session.edit(inDeny, 0, 'ouble-check contrast\n'.slice(0, 19));
    session.pause();
    const tag = session.tags[0]!;
    assert.ok(tag.text.startsWith('We d') && tag.text.endsWith('these closures'), tag.text);
    assert.equal(tag.status, 'fuzzy');
  });

  it('makes a tag edited back to its old text an ordinary tag again', () => {
    const session = new Session(ARTICLE, [tagOf(ARTICLE, DENIAL, 'd1')]);
    const afterWe = Array.from(ARTICLE.slice(0, ARTICLE.indexOf('We deny'))).length + 2;
    session.type(afterWe, ' firmly');
    session.pause();
    assert.equal(session.tags[0]!.status, 'fuzzy');
    session.edit(afterWe, 7, '');
    session.pause();
    assert.equal(session.tags[0]!.text, DENIAL);
    assert.equal(session.tags[0]!.status, undefined);
    assert.equal(session.tags[0]!.previousText, undefined);
  });

  it('finds an orphan whose text came back, and leaves untouched tags alone', () => {
    const tag = tagOf(ARTICLE, 'About 1,240 people', 'f1');
    const orphan: Tag = { ...tag, start: 0, end: 0, status: 'orphaned' };
    const untouched = tagOf(ARTICLE, DENIAL, 'd1');
    const settled = settleEditedTags(ARTICLE, [orphan, untouched], new Set());
    assert.deepEqual(settled.map((t) => [t.id, t.start, t.end, t.status]), [['f1', tag.start, tag.end, undefined]]);
  });

  it('keeps every tag on the span the edits left it, through random typing and pauses (property)', () => {
    // The truth: every character knows whether it belongs to the tag. Text typed strictly inside a
    // tag belongs to it, text typed at its edges does not, and a replacement belongs to it when
    // everything it replaced did.
    const words = ['the', 'harbour', 'deny', 'absolutely', '1,240', '“closures”', '🚨', 'José', 'x', 'ab'];
    const arbitraryTyping = fc.record({
      base: fc.array(fc.constantFrom(...words), { minLength: 6, maxLength: 30 }),
      tag: fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 })),
      edits: fc.array(
        fc.record({
          where: fc.oneof(fc.constantFrom('start', 'inside', 'end', 'before', 'after'), fc.nat()),
          offset: fc.nat(),
          deleted: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 6 })),
          typed: fc.oneof(
            fc.constantFrom('a', 'Z', ' ', '\n', '😀', '’'), // single characters
            fc.constantFrom(...words).map((w) => ` ${w}`), // a word with its space
            fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 5 }).map((ws) => ws.join(' ')), // a paste
            fc.constant(''), // a deletion
          ),
          keystrokes: fc.boolean(),
          pause: fc.boolean(),
        }),
        { minLength: 1, maxLength: 12 },
      ),
    });
    fc.assert(
      fc.property(arbitraryTyping, ({ base, tag: [first, count], edits }) => {
        const text = base.join(' ');
        const wordStarts = [...text.matchAll(/\S+/g)].map((m) => ({ start: Array.from(text.slice(0, m.index)).length, length: Array.from(m[0]).length }));
        const a = wordStarts[first % wordStarts.length]!;
        const b = wordStarts[Math.min(wordStarts.length - 1, (first % wordStarts.length) + count - 1)]!;
        const original = { ...createTag(new ArticleText(text), a.start, b.start + b.length, 'claim', new Set()), id: 't' };
        const session = new Session(text, [original]);
        let inTag = session.chars.map((_, i) => i >= original.start && i < original.end);
        for (const edit of edits) {
          const t = session.tags[0]!;
          const n = session.chars.length;
          const at = typeof edit.where === 'number' ? edit.where % (n + 1)
            : edit.where === 'start' ? t.start : edit.where === 'end' ? t.end
            : edit.where === 'before' ? Math.max(0, t.start - 1) : edit.where === 'after' ? Math.min(n, t.end + 1)
            : t.end > t.start ? t.start + (edit.offset % (t.end - t.start)) : t.start;
          const deleted = Math.min(edit.deleted, n - at);
          const inserted = Array.from(edit.typed);
          if (deleted === 0 && inserted.length === 0) continue;
          // The truth, kept character by character.
          const belongs = deleted > 0 ? inTag.slice(at, at + deleted).every(Boolean) : (inTag[at - 1] ?? false) && (inTag[at] ?? false);
          inTag = [...inTag.slice(0, at), ...inserted.map(() => belongs), ...inTag.slice(at + deleted)];
          if (edit.keystrokes && deleted === 0) session.type(at, edit.typed);
          else session.edit(at, deleted, edit.typed);
          if (!inTag.includes(true)) {
            // All of it deleted: collapsed where it was (an undo that retypes it is tested in edits.test.ts).
            assert.equal(session.tags[0]!.end, session.tags[0]!.start, 'a tag whose whole text was deleted collapses');
            return;
          }
          if (edit.pause) {
            const before = session.tags[0]!;
            session.pause();
            assert.deepEqual([session.tags[0]!.start, session.tags[0]!.end], [before.start, before.end], 'the pause moved the tag');
          }
        }
        session.pause();
        const firstIn = inTag.indexOf(true);
        const tag = session.tags[0]!;
        const lastIn = inTag.lastIndexOf(true);
        assert.deepEqual([tag.start, tag.end], [firstIn, lastIn + 1], `tag at ${tag.start}-${tag.end}, truth ${firstIn}-${lastIn + 1}`);
        assert.equal(tag.text, session.chars.slice(firstIn, lastIn + 1).join(''));
        if (tag.text === original.text) assert.equal(tag.status, undefined, 'back to its own text: an ordinary tag');
        else {
          assert.equal(tag.status, 'fuzzy', 'changed text is flagged for review');
          assert.equal(tag.previousText, original.text);
        }
      }),
      { numRuns: 500 },
    );
  });
});
