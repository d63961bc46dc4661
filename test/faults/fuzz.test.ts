// The sidecar loader against random and mutated YAML: it never throws, never leads to a write of
// a file it could not read, and when it can read a file, writing it back keeps every entry —
// the tags it loaded and the entries it could not read.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SidecarFile, type SidecarParse } from '../../src/core/sidecar';
import { sidecarWrite } from '../../src/core/sidecarSync';
import type { Tag } from '../../src/core/tag';
import { ReadOnlyTagsError, TagStore } from '../../src/core/tagStore';
import { recordFaults, tagIdLines } from './ledger';

const KEY = 'file:///corpus/levee.txt';
const ARTICLE = 'Engineers said the levee at Dunmore held overnight, though 37 homes were flooded. The council denied that warnings came late. One resident called the response “a shambles”.\n';

/** The valid sidecar every mutation starts from, with the ids of the tags the generator put in it. */
function base(): { text: string; ids: string[] } {
  const tags: Tag[] = [
    { id: 'aa000001', category: 'claim', start: 0, end: 43, text: ARTICLE.slice(0, 43), prefix: '', suffix: ARTICLE.slice(43, 60), note: 'engineers: named?' },
    { id: 'aa000002', category: 'figure', start: 58, end: 66, text: ARTICLE.slice(58, 66), prefix: '', suffix: '', attributes: { value: 37, unit: 'homes' } },
    { id: 'aa000003', category: 'denial', start: 82, end: 126, text: ARTICLE.slice(82, 126), prefix: '', suffix: '', review: 'confirmed', reviewer: 'ana' },
    { id: 'aa000004', category: 'framing', start: 156, end: 166, text: ARTICLE.slice(156, 166), prefix: '', suffix: '', author: 'ben', created: '2026-11-20T10:00:00Z' },
  ];
  const text = SidecarFile.create('levee.txt', '0'.repeat(64)).serialize(tags, '0'.repeat(64));
  return { text: text.replace('tags:\n', 'project: flood # kept\ntags:\n  # the first claim\n'), ids: tags.map((t) => t.id) };
}

const { text: BASE, ids: BASE_IDS } = base();
const NEW_ID = 'ffff0001';
const YAML_BITS = ['\n', ' ', '  ', '- ', ': ', '"', "'", '#', '&a ', '*a', '[', ']', '{', '}', ',', '!!str ', '|', '>', '\t', '-1', '0', '99999999', 'null', '~', 'id: aa000001', 'category: opinion', '<<<<<<< HEAD\n', '=======\n', '>>>>>>> x\n', '\u00a0', '“', '\u0000', '\ufeff', '%YAML 1.2\n---\n', '...\n'];

/** A mutation of the valid sidecar: what a hand edit, a bad merge or a truncated sync might leave. */
const mutated: fc.Arbitrary<string> = fc.oneof(
  fc.record({ at: fc.nat(BASE.length), cut: fc.nat(40) }).map(({ at, cut }) => BASE.slice(0, at) + BASE.slice(at + cut)),
  fc.record({ at: fc.nat(BASE.length), bits: fc.array(fc.constantFrom(...YAML_BITS), { minLength: 1, maxLength: 4 }) }).map(({ at, bits }) => BASE.slice(0, at) + bits.join('') + BASE.slice(at)),
  fc.record({ at: fc.nat(BASE.length), junk: fc.string({ maxLength: 12 }) }).map(({ at, junk }) => BASE.slice(0, at) + junk + BASE.slice(at)),
  fc.nat(BASE.length).map((at) => BASE.slice(0, at)), // truncated
  fc.record({ a: fc.nat(40), b: fc.nat(40) }).map(({ a, b }) => {
    const lines = BASE.split('\n');
    const [i, j] = [a % lines.length, b % lines.length];
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }),
  fc.record({ line: fc.nat(60), value: fc.constantFrom('-3', '1e9', 'x', '[]', '{}', 'null', '"12"', '*a', '&a 5', 'aa000002', 'rumour', '0') }).map(({ line, value }) => {
    const lines = BASE.split('\n');
    const i = line % lines.length;
    lines[i] = lines[i]!.replace(/: .*$/, `: ${value}`);
    return lines.join('\n');
  }),
);
const anything: fc.Arbitrary<string> = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.constantFrom(...YAML_BITS), { maxLength: 30 }).map((b) => b.join('')));

/** What Newsmark does with a sidecar text: load it, tag something, save; the file's text afterwards. */
interface Session {
  parsed?: SidecarParse;
  /** Anything thrown on the way, which must be nothing. */
  thrown?: unknown;
  /** What tagging threw: a read-only store must refuse. */
  addError?: unknown;
  write?: ReturnType<typeof sidecarWrite>;
  disk: string;
}

function loadTagAndSave(text: string): Session {
  const session: Session = { disk: text };
  try {
    const parsed = SidecarFile.parse(text);
    session.parsed = parsed;
    const store = new TagStore();
    store.load(KEY, parsed.ok ? { sidecar: parsed.sidecar } : { problem: parsed.problems[0]?.message ?? '(no message)' });
    try {
      store.add(KEY, [newTag()]);
    } catch (error) {
      session.addError = error;
    }
    session.write = sidecarWrite(store, KEY, 'levee.txt', ARTICLE);
    if (session.write && 'text' in session.write) session.disk = session.write.text;
  } catch (error) {
    session.thrown = error;
  }
  return session;
}

describe('Faults: the sidecar loader under random and mutated YAML', () => {
  it('the ledger\'s second reader finds exactly the tags the generator put in the valid sidecar', () => {
    assert.deepEqual(tagIdLines(BASE), BASE_IDS);
    const parsed = SidecarFile.parse(BASE);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.sidecar.tags.map((t) => t.id), BASE_IDS);
  });

  it('never throws, never writes what it could not read, and writes back every entry of what it could', () => {
    const totals = { faults: 0, before: 0, after: 0, lost: 0, unreadable: 0, unwritable: 0, partial: 0 };
    try {
      fc.assert(fc.property(fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: anything, weight: 1 }), (text) => {
        const session = loadTagAndSave(text);
        // Counted from the text by the second reader, before any assertion can stop the run: the
        // entries in the input, and those in the file afterwards besides the one tag added.
        const before = tagIdLines(text).length;
        const after = tagIdLines(session.disk).filter((id) => id !== NEW_ID).length;
        totals.faults++;
        totals.before += before;
        totals.after += after;
        totals.lost += Math.max(0, before - after);

        assert.equal(session.thrown, undefined, 'nothing throws');
        const parsed = session.parsed!;
        if (!parsed.ok) {
          totals.unreadable++;
          assert.ok(parsed.problems.length > 0 && parsed.problems.every((p) => p.message.length > 0 && p.line >= 1), 'a clear message with a line');
          assert.ok(session.addError instanceof ReadOnlyTagsError, 'tagging is refused');
          assert.equal(session.write, undefined, 'an unreadable sidecar is never written');
          assert.equal(session.disk, text);
          return;
        }
        const file = parsed.sidecar;
        if (file.invalidTags.length > 0) totals.partial++;
        assert.equal(session.addError, undefined, 'a readable sidecar can be tagged');
        const write = session.write;
        assert.ok(write, 'a readable sidecar is written');
        if ('problems' in write) {
          // Read leniently but not writable faithfully: refused at the write, the file left alone.
          totals.unwritable++;
          assert.ok(write.problems.length > 0 && write.problems.every((p) => p.message.length > 0));
          assert.equal(session.disk, text);
          return;
        }
        assert.ok(after >= before, `every id line of the input is still in the file (${before} before, ${after} after)`);
        const reread = SidecarFile.parse(write.text);
        assert.ok(reread.ok, 'what Newsmark writes, it can read');
        assert.ok(reread.sidecar.tags.some((t) => t.id === NEW_ID), 'the new tag is written');
        const kept = reread.sidecar.tags.filter((t) => t.id !== NEW_ID);
        for (const tag of file.tags) assert.deepEqual(kept.find((t) => t.id === tag.id), tag, `tag ${tag.id} written back unchanged`);
        assert.equal(reread.sidecar.invalidTags.length, file.invalidTags.length, 'every unreadable entry kept');
      }), { numRuns: 3000 });
    } finally {
      // Recorded even when a case failed (its shrinking runs count as faults tried too).
      recordFaults({ suite: 'fuzz: sidecar loader, random and mutated YAML', faults: totals.faults, tagsBefore: totals.before, tagsAfter: totals.after, tagsLost: totals.lost });
    }
    console.log(`${totals.faults} inputs: ${totals.unreadable} refused, ${totals.unwritable} refused at the first write, ${totals.partial} loaded around bad entries; ${totals.before} tag entries in, ${totals.lost} lost`);
    assert.ok(totals.unreadable > 100 && totals.partial > 100, 'the inputs reach both the refusal and the partial-loading paths');
  });

  it('refuses an alias bomb quickly, whatever its shape', () => {
    fc.assert(fc.property(fc.integer({ min: 4, max: 12 }), fc.integer({ min: 3, max: 10 }), (width, depth) => {
      const lines = [`a0: &a0 [${Array(width).fill('"x"').join(',')}]`];
      for (let i = 1; i < depth; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(',')}]`);
      const text = `newsmark: 1\narticle: x.txt\nsha256: ${'0'.repeat(64)}\n${lines.join('\n')}\ntags: []\n`;
      const started = Date.now();
      const parsed = SidecarFile.parse(text);
      assert.ok(Date.now() - started < 1000);
      if (width ** depth > 10_000) assert.equal(parsed.ok, false, 'expanding it would be a bomb');
    }), { numRuns: 60 });
  });
});

function newTag(): Tag {
  return { id: NEW_ID, category: 'claim', start: 0, end: 9, text: ARTICLE.slice(0, 9), prefix: '', suffix: '' };
}
