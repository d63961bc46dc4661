import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SidecarFile, SidecarWriteError, sidecarNameFor, articleNameFor } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';

const COMMENTED = `# Tags for a fictional story — keep this comment
newsmark: 1
article: story.txt
sha256: ${'a'.repeat(64)}
project: flood-review # a key Newsmark does not know
tags:
  # the evacuee count
  - id: 0000beef
    category: figure
    start: 10
    end: 15
    text: "2,417"
    prefix: "reported "
    suffix: " evacuees"
    note: check against the Clarion # inline comment on the note
    reviewer_hint: keep me
  - id: 0000cafe
    category: claim
    start: 20
    end: 30
    text: was orderly
    prefix: ""
    suffix: ""
`;

function parse(text: string): SidecarFile {
  const result = SidecarFile.parse(text);
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return result.sidecar;
}

describe('SidecarFile', () => {
  it('names the sidecar after the article file', () => {
    assert.equal(sidecarNameFor('peskov.txt'), 'peskov.txt.tags.yaml');
    assert.equal(articleNameFor('peskov.txt.tags.yaml'), 'peskov.txt');
  });

  it('reads the tags of a v1 sidecar, sorted', () => {
    const sidecar = parse(COMMENTED);
    assert.equal(sidecar.article, 'story.txt');
    assert.deepEqual(sidecar.tags.map((t) => [t.id, t.category, t.start, t.end, t.text]), [
      ['0000beef', 'figure', 10, 15, '2,417'],
      ['0000cafe', 'claim', 20, 30, 'was orderly'],
    ]);
    assert.equal(sidecar.tags[0]?.note, 'check against the Clarion');
  });

  it('writes back byte for byte when nothing changed', () => {
    const sidecar = parse(COMMENTED);
    assert.equal(sidecar.serialize(sidecar.tags, sidecar.sha256), COMMENTED);
  });

  it('keeps comments, key order and unknown keys when a tag changes, is added and is removed', () => {
    const sidecar = parse(COMMENTED);
    const [figure] = sidecar.tags as [Tag, Tag];
    const added: Tag = { id: '0000f00d', category: 'denial', start: 40, end: 52, text: 'not true', prefix: 'p', suffix: 's' };
    const out = sidecar.serialize([{ ...figure, category: 'claim' }, added], 'b'.repeat(64));
    assert.match(out, /^# Tags for a fictional story — keep this comment\n/);
    assert.match(out, /project: flood-review # a key Newsmark does not know/);
    assert.match(out, /# the evacuee count\n {2}- id: 0000beef\n {4}category: claim\n/);
    assert.match(out, /note: check against the Clarion # inline comment on the note/);
    assert.match(out, /reviewer_hint: keep me/);
    assert.doesNotMatch(out, /0000cafe/);
    assert.match(out, /sha256: b{64}/);
    const again = parse(out);
    assert.deepEqual(again.tags.map((t) => t.id), ['0000beef', '0000f00d']);
    assert.equal(again.tags[1]?.text, 'not true');
  });

  it('round-trips any tag text, context and note exactly (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '"', "'", ':', '#', '-', '’', '“', '\u00a0', '😀', '\t', '\\', 'e\u0301', '1', '{', '&', '*', '\r') , minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(text, fc.string({ maxLength: 32 }), fc.string({ maxLength: 32 }), fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), (t, prefix, suffix, note) => {
        const tag: Tag = { id: 'abcd1234', category: 'framing', start: 3, end: 3 + Array.from(t).length, text: t, prefix, suffix, ...(note === undefined ? {} : { note }) };
        const back = parse(SidecarFile.create('a.txt', 'c'.repeat(64)).serialize([tag], 'c'.repeat(64)));
        assert.deepEqual(back.tags[0], tag);
      }),
      { numRuns: 300 },
    );
  });

  it('reports a YAML syntax error with its line and column', () => {
    const broken = COMMENTED.replace('    end: 15\n', '    end: [15\n');
    const result = SidecarFile.parse(broken);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(result.problems[0]!.line >= 11 && result.problems[0]!.line <= 13, `line ${result.problems[0]!.line}`);
  });

  it('reports an invalid tag on its own line and still loads the others', () => {
    const bad = COMMENTED.replace('category: claim', 'category: opinion');
    const sidecar = parse(bad);
    assert.deepEqual(sidecar.tags.map((t) => t.id), ['0000beef']);
    assert.equal(sidecar.invalidTags.length, 1);
    assert.match(sidecar.invalidTags[0]!.message, /unknown category "opinion"/);
    assert.equal(sidecar.invalidTags[0]!.line, 18);
  });

  for (const [name, edit, message, line] of [
    ['a duplicate id (the second copy)', (s: string) => s.replace('id: 0000cafe', 'id: 0000beef'), /Duplicate tag id "0000beef"/, 17],
    ['end not after start', (s: string) => s.replace('end: 30', 'end: 20'), /must be greater than "start"/, 20],
    ['a negative offset', (s: string) => s.replace('start: 10', 'start: -1'), /whole number/, 10],
    ['an unknown category', (s: string) => s.replace('category: figure', 'category: rumour'), /unknown category "rumour"/, 9],
    ['attributes that are not a mapping', (s: string) => s.replace('    reviewer_hint: keep me', '    attributes: 5'), /"attributes" must be a mapping/, 16],
    ['a tag that is not a mapping', (s: string) => s.replace('tags:\n', 'tags:\n  - just a string\n'), /must be a mapping/, 7],
  ] as const) {
    it(`loads the rest of the file around ${name}, reported on its line and kept as written`, () => {
      const text = edit(COMMENTED);
      const sidecar = parse(text);
      assert.equal(sidecar.invalidTags.length, 1);
      assert.match(sidecar.invalidTags[0]!.message, message);
      assert.equal(sidecar.invalidTags[0]!.line, line);
      const good = sidecar.tags.length;
      assert.ok(good >= 1, 'the readable tags load');
      assert.equal(sidecar.serialize(sidecar.tags, sidecar.sha256), text, 'nothing changed: written back byte for byte');
      // Writing after an edit keeps the entry that could not be read, verbatim, for the analyst to fix.
      const edited = sidecar.serialize(sidecar.tags.map((t) => ({ ...t, note: 'edited' })), sidecar.sha256);
      const again = parse(edited);
      assert.equal(again.tags.length, good);
      assert.equal(again.invalidTags.length, 1);
      assert.match(again.invalidTags[0]!.message, message);
    });
  }

  it('an entry fixed by hand loads as a tag at the next read', () => {
    const sidecar = parse(COMMENTED.replace('category: claim', 'category: opinion'));
    const written = sidecar.serialize(sidecar.tags, sidecar.sha256);
    const fixed = parse(written.replace('category: opinion', 'category: claim'));
    assert.deepEqual(fixed.tags.map((t) => t.id), ['0000beef', '0000cafe']);
    assert.equal(fixed.invalidTags.length, 0);
  });

  for (const [name, edit] of [
    ['a YAML tag on the top-level mapping', (t: string) => `!!str\n${t}`],
    ['a quoted value continued at column 1', (t: string) => t.replace(`sha256: ${'a'.repeat(64)}`, `sha256: "\n${'a'.repeat(64)}"`)],
  ] as const) {
    it(`refuses to write back ${name} (read leniently, but yaml would write it wrong)`, () => {
      const result = SidecarFile.parse(edit(COMMENTED));
      // This test is about the write guard, so the file must get past the reader; if the reader
      // starts refusing it, say so instead of passing without checking anything.
      assert.ok(result.ok, `expected the lenient reader to accept ${name}, got ${result.ok ? '' : JSON.stringify(result.problems)}`);
      assert.ok(result.sidecar.writeProblems().length > 0);
      assert.throws(() => result.sidecar.serialize(result.sidecar.tags, result.sidecar.sha256), SidecarWriteError);
    });
  }

  it('finds the line of a tag by its id', () => {
    assert.deepEqual(parse(COMMENTED).positionOf('0000cafe'), { line: 17, column: 5 });
  });

  for (const [name, edit, message] of [
    ['a newer format', (s: string) => s.replace('newsmark: 1', 'newsmark: 2'), /newer Newsmark/],
    ['an article field that is a path', (s: string) => s.replace('article: story.txt', 'article: ../../etc/passwd'), /bare file name, not a path/],
    ['not a sidecar at all', () => '- just\n- a list\n', /must be a YAML mapping/],
    ['tags that are not a list', (s: string) => s.replace(/tags:[\s\S]*/, 'tags: lots\n'), /"tags" must be a list/],
  ] as const) {
    it(`refuses ${name} with a clear message`, () => {
      const result = SidecarFile.parse(edit(COMMENTED));
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.problems.map((p) => p.message).join('\n'), message);
    });
  }

  it('reads a sidecar that uses a harmless anchor and alias (the careful path)', () => {
    const withAlias = COMMENTED.replace('    reviewer_hint: keep me', '    attributes: &shared\n      unit: people').replace('    suffix: ""\n', '    suffix: ""\n    attributes: *shared\n');
    const sidecar = parse(withAlias);
    assert.deepEqual(sidecar.tags.map((t) => t.attributes), [{ unit: 'people' }, { unit: 'people' }]);
    assert.equal(sidecar.serialize(sidecar.tags, sidecar.sha256), withAlias, 'written back unchanged');
  });

  it('points at every Git conflict marker left by a merge', () => {
    const lines = COMMENTED.split('\n');
    const merged = [...lines.slice(0, 10), '<<<<<<< HEAD', lines[10], '=======', '    end: 16', '>>>>>>> theirs', ...lines.slice(11)].join('\n');
    const result = SidecarFile.parse(merged);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.problems.map((p) => p.line), [11, 13, 15]);
    assert.match(result.problems[0]!.message, /Git conflict marker .*resolve the merge conflict/);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const bomb = `newsmark: 1\narticle: x.txt\nsha256: ${'a'.repeat(64)}\n${lines.join('\n')}\ntags: []\n`;
    const started = Date.now();
    const result = SidecarFile.parse(bomb);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.problems[0]!.message, /alias|resource/i);
    assert.ok(Date.now() - started < 2000);
  });
});

describe('SidecarFile: every text written reads back as itself', () => {
  it('multi-line texts with lines of only spaces, tabs, backslashes and quotes, long or short (yaml wrote "\\\\ " for a line holding one space)', () => {
    const piece = fc.constantFrom('\n', ' ', '\t', '\\', '"', "'", 'a', 'Harbour ', '\u00a0', '\n \n', ' \n', '\n\t\n', '#', ': ', '- ');
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.array(piece, { maxLength: 20 }), (parts, noteParts) => {
      const text = `x${parts.join('')}x`;
      const note = noteParts.join('');
      const tag: Tag = { id: '0000beef', category: 'claim', start: 0, end: 2, text, prefix: parts.join(''), suffix: '', ...(note !== '' ? { note } : {}) };
      const out = SidecarFile.create('a.txt', '').serialize([tag], 'a'.repeat(64));
      const back = SidecarFile.parse(out);
      assert.ok(back.ok, out);
      assert.equal(back.sidecar.tags[0]?.text, text, out);
      assert.equal(back.sidecar.tags[0]?.prefix, tag.prefix, out);
      assert.equal(back.sidecar.tags[0]?.note, tag.note, out);
    }), { numRuns: 2000 });
  });
});
