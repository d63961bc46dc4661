// The sidecar loader against random and mutated YAML: it never throws, never leads to a write of
// a file it could not read, and when it can read a file, writing it back keeps every entry —
// the tags it loaded and the entries it could not read.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SidecarFile } from '../../src/core/sidecar';
import { sidecarWrite } from '../../src/core/sidecarSync';
import type { Tag } from '../../src/core/tag';
import { ReadOnlyTagsError, TagStore } from '../../src/core/tagStore';
import { recordFaults } from './ledger';

const KEY = 'file:///corpus/levee.txt';
const ARTICLE = 'Engineers said the levee at Dunmore held overnight, though 37 homes were flooded. The council denied that warnings came late. One resident called the response “a shambles”.\n';

function base(): string {
  const tags: Tag[] = [
    { id: 'aa000001', category: 'claim', start: 0, end: 43, text: ARTICLE.slice(0, 43), prefix: '', suffix: ARTICLE.slice(43, 60), note: 'engineers: named?' },
    { id: 'aa000002', category: 'figure', start: 58, end: 66, text: ARTICLE.slice(58, 66), prefix: '', suffix: '', attributes: { value: 37, unit: 'homes' } },
    { id: 'aa000003', category: 'denial', start: 82, end: 126, text: ARTICLE.slice(82, 126), prefix: '', suffix: '', review: 'confirmed', reviewer: 'ana' },
    { id: 'aa000004', category: 'framing', start: 156, end: 166, text: ARTICLE.slice(156, 166), prefix: '', suffix: '', author: 'ben', created: '2026-11-20T10:00:00Z' },
  ];
  const text = SidecarFile.create('levee.txt', '0'.repeat(64)).serialize(tags, '0'.repeat(64));
  return text.replace('tags:\n', 'project: flood # kept\ntags:\n  # the first claim\n');
}

const BASE = base();
const BASE_TAGS = 4;
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

describe('Faults: the sidecar loader under random and mutated YAML', () => {
  it('never throws, never writes what it could not read, and writes back every entry of what it could', () => {
    const totals = { faults: 0, before: 0, after: 0, lost: 0, unreadable: 0, unwritable: 0, partial: 0 };
    fc.assert(fc.property(fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: anything, weight: 1 }), (text) => {
      totals.faults++;
      let parsed: ReturnType<typeof SidecarFile.parse>;
      assert.doesNotThrow(() => { parsed = SidecarFile.parse(text); });
      const store = new TagStore();
      const disk = { text };
      parsed = SidecarFile.parse(text);
      if (!parsed.ok) {
        totals.unreadable++;
        assert.ok(parsed.problems.length > 0 && parsed.problems.every((p) => p.message.length > 0 && p.line >= 1), 'a clear message with a line');
        store.load(KEY, { problem: parsed.problems[0]!.message });
        assert.throws(() => store.add(KEY, [newTag()]), ReadOnlyTagsError);
        if (sidecarWrite(store, KEY, 'levee.txt', ARTICLE) !== undefined) disk.text = 'WRITTEN';
        assert.equal(disk.text, text, 'an unreadable sidecar is never written');
        // Untouched: whatever it held is still there for the analyst.
        totals.before += BASE_TAGS;
        totals.after += BASE_TAGS;
        return;
      }
      const file = parsed.sidecar;
      if (file.invalidTags.length > 0) totals.partial++;
      const entries = file.tags.length + file.invalidTags.length;
      store.load(KEY, { sidecar: file });
      store.add(KEY, [newTag()]);
      const write = sidecarWrite(store, KEY, 'levee.txt', ARTICLE);
      assert.ok(write, 'a readable sidecar is written');
      if ('problems' in write) {
        // Read leniently but not writable faithfully: refused at the write, the file left alone.
        totals.unwritable++;
        assert.ok(write.problems.length > 0 && write.problems.every((p) => p.message.length > 0));
        totals.before += entries;
        totals.after += entries;
        return;
      }
      const reread = SidecarFile.parse(write.text);
      assert.ok(reread.ok, 'what Newsmark writes, it can read');
      const kept = reread.sidecar.tags.filter((t) => t.id !== 'ffff0001');
      for (const tag of file.tags) assert.deepEqual(kept.find((t) => t.id === tag.id), tag, `tag ${tag.id} written back unchanged`);
      assert.equal(reread.sidecar.invalidTags.length, file.invalidTags.length, 'every unreadable entry kept');
      const after = kept.length + reread.sidecar.invalidTags.length;
      totals.before += entries;
      totals.after += after;
      totals.lost += Math.max(0, entries - after);
    }), { numRuns: 3000 });
    console.log(`${totals.faults} inputs: ${totals.unreadable} refused, ${totals.unwritable} refused at the first write, ${totals.partial} loaded around bad entries`);
    assert.ok(totals.unreadable > 100 && totals.partial > 100, 'the inputs reach both the refusal and the partial-loading paths');
    recordFaults({ suite: 'fuzz: sidecar loader, random and mutated YAML', faults: totals.faults, tagsBefore: totals.before, tagsAfter: totals.after, tagsLost: totals.lost });
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
  return { id: 'ffff0001', category: 'claim', start: 0, end: 9, text: ARTICLE.slice(0, 9), prefix: '', suffix: '' };
}
