import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SidecarFile, type SidecarParse } from '../../src/core/sidecar';

const SIDECAR = `newsmark: 1
article: story.txt
sha256: ${'a'.repeat(64)}
tags:
  - id: 0000beef
    category: figure
    start: 10
    end: 15
    text: "2,417"
  - id: 0000cafe
    category: claim
    start: 20
    end: 30
    text: was orderly
`;

/** A harmless anchor and alias send the file down the careful path (the yaml package). */
const careful = (text: string): string => text.replace('article: story.txt\n', 'article: story.txt\nproject: &p flood\nalso: *p\n');

function summary(result: SidecarParse): unknown {
  if (!result.ok) return { problems: result.problems };
  return { tags: result.sidecar.tags.map((t) => [t.id, t.start, t.end]), invalid: result.sidecar.invalidTags.map((e) => [e.index, e.line, e.message]) };
}

describe('sidecar offsets are plain decimal integers', () => {
  // What PyYAML (YAML 1.1) makes of each, which is why a form other than plain digits would
  // mean different tags to a Python pipeline: all of them are refused.
  for (const [written, pyyaml] of [
    ['20.0', 'the float 20.0'],
    ['2.0e+1', 'the float 20.0'],
    ['2e1', 'the string "2e1"'],
    ['1e20', 'the string "1e20"'],
    ['0x14', 'the int 20'],
    ['0o24', 'the string "0o24"'],
    ['024', 'the octal int 20'],
    ['2_0', 'the int 20'],
    ['+20', 'the int 20'],
    ['-0', 'the int 0'],
    ['9007199254740993', 'an int past 2^53, which JavaScript cannot hold exactly'],
    ['20.5', 'the float 20.5'],
    ['.inf', 'infinity'],
  ] as const) {
    for (const key of ['start', 'end'] as const) {
      it(`refuses ${key}: ${written} (PyYAML: ${pyyaml}) as a bad entry on its line, kept as written, on both read paths`, () => {
        const line = key === 'start' ? 12 : 13;
        const text = SIDECAR.replace(`    ${key}: ${key === 'start' ? 20 : 30}\n`, `    ${key}: ${written}\n`);
        assert.notEqual(text, SIDECAR);
        const result = SidecarFile.parse(text);
        assert.ok(result.ok, JSON.stringify(summary(result)));
        const sidecar = result.sidecar;
        assert.deepEqual(sidecar.tags.map((t) => t.id), ['0000beef'], 'the other tag loads');
        assert.equal(sidecar.invalidTags.length, 1);
        assert.equal(sidecar.invalidTags[0]!.line, line);
        assert.match(sidecar.invalidTags[0]!.message, new RegExp(`Tag 0000cafe: "${key}" must be a whole number ≥ 0 in plain digits`));
        const edited = sidecar.serialize(sidecar.tags.map((t) => ({ ...t, note: 'edited' })), 'b'.repeat(64));
        assert.ok(edited.includes(`    ${key}: ${written}\n`), `written back verbatim:\n${edited}`);
        const viaYaml = summary(SidecarFile.parse(careful(text)));
        assert.deepEqual(viaYaml, { ...(summary(result) as object), invalid: sidecar.invalidTags.map((e) => [e.index, e.line + 2, e.message]) }, 'the careful path agrees');
      });
    }
  }

  it('reads any number-like offset the same on both read paths (property)', () => {
    const lineShifted = (result: SidecarParse): unknown => {
      // careful() adds two lines after line 2; the fast path's lines are the reference.
      const back = (line: number): number => (line > 4 ? line - 2 : line);
      if (!result.ok) return { problems: result.problems.map((p) => ({ ...p, line: back(p.line), message: p.message.replace(/ at line \d+, column \d+:$/, '') })) };
      return { tags: result.sidecar.tags.map((t) => [t.id, t.start, t.end]), invalid: result.sidecar.invalidTags.map((e) => [e.index, back(e.line), e.message]) };
    };
    const numberLike = fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '.', 'e', 'E', '+', '-', '_', 'x', 'o', 'b'), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(numberLike, fc.constantFrom('start', 'end'), (written, key) => {
        const text = SIDECAR.replace(`    ${key}: ${key === 'start' ? 20 : 30}\n`, `    ${key}: ${written}\n`);
        const fast = summary(SidecarFile.parse(text)) as { problems?: { message: string }[] };
        if (fast.problems) fast.problems = fast.problems.map((p) => ({ ...p, message: p.message.replace(/ at line \d+, column \d+:$/, '') }));
        assert.deepEqual(lineShifted(SidecarFile.parse(careful(text))), fast);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a non-decimal offset in a flow mapping too', () => {
    const text = SIDECAR.replace(/ {2}- id: 0000cafe[\s\S]*/, '  - {id: 0000cafe, category: claim, start: 2e1, end: 30, text: was orderly}\n');
    const result = SidecarFile.parse(text);
    assert.ok(result.ok);
    assert.deepEqual(result.sidecar.tags.map((t) => t.id), ['0000beef']);
    assert.match(result.sidecar.invalidTags[0]!.message, /"start" must be a whole number/);
  });

  it('still reads offsets in plain digits, with comments, on both paths alike', () => {
    const text = SIDECAR.replace('    start: 10\n', '    start: 10 # checked\n').replace('    start: 20\n', '    start: 0\n');
    for (const form of [text, careful(text)]) {
      const result = SidecarFile.parse(form);
      assert.ok(result.ok);
      assert.deepEqual(result.sidecar.tags.map((t) => [t.start, t.end]), [[0, 30], [10, 15]]);
      assert.equal(result.sidecar.invalidTags.length, 0);
    }
  });

  it('leaves numbers elsewhere alone: a figure\'s value may be 1.5e6', () => {
    const text = SIDECAR.replace('    text: was orderly\n', '    text: was orderly\n    attributes:\n      value: 1.5e6\n      min: 1.0\n');
    const result = SidecarFile.parse(text);
    assert.ok(result.ok);
    assert.equal(result.sidecar.invalidTags.length, 0);
    assert.deepEqual(result.sidecar.tags[1]!.attributes, { value: 1.5e6, min: 1 });
  });

  it('refuses a rejected suggestion with a non-decimal offset as it refuses a negative one', () => {
    for (const start of ['-1', '1.0']) {
      const result = SidecarFile.parse(`${SIDECAR}rejected:\n  - category: claim\n    start: ${start}\n    end: 5\n    text: hello\n`);
      assert.equal(result.ok, false, start);
    }
  });

  it('names a numeric id in its message', () => {
    const result = SidecarFile.parse(SIDECAR.replace('id: 0000cafe', 'id: 12345678'));
    assert.ok(result.ok);
    assert.match(result.sidecar.invalidTags[0]!.message, /Tag id 12345678 is read as a number: quote it/);
  });
});

describe('sidecar nesting depth', () => {
  const head = `newsmark: 1\narticle: a.txt\nsha256: ${'a'.repeat(64)}\n`;
  for (const [name, deep, line] of [
    ['flow lists', (n: number) => `${head}tags: []\nx: ${'['.repeat(n)}${']'.repeat(n)}\n`, 5],
    ['compact block lists', (n: number) => `${head}tags: []\nx:\n${'- '.repeat(n)}a\n`, 6],
    ['indented mappings', (n: number) => `${head}tags: []\nx:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} v\n`, 69],
    ['a tag\'s attributes', (n: number) => `${head}tags:\n  - id: 0000beef\n    category: claim\n    start: 0\n    end: 1\n    text: x\n    attributes: {a: ${'['.repeat(n)}${']'.repeat(n)}}\n`, 10],
  ] as const) {
    it(`refuses ${name} nested thousands of levels deep with a problem on its line, never a stack overflow`, () => {
      for (const n of [700, 10_000]) {
        const started = Date.now();
        const result = SidecarFile.parse(deep(n));
        assert.equal(result.ok, false, `${n} levels`);
        if (result.ok) continue;
        assert.match(result.problems[0]!.message, /Nested more than 64 levels deep/);
        assert.equal(result.problems[0]!.line, line);
        assert.ok(Date.now() - started < 5000, 'quickly');
      }
    });
  }

  it('reads a file nested 60 levels deep, on both paths alike', () => {
    const text = `${head}tags:\n  - id: 0000beef\n    category: claim\n    start: 0\n    end: 1\n    text: x\n    attributes: {a: ${'['.repeat(56)}${']'.repeat(56)}}\n`;
    const fast = SidecarFile.parse(text);
    const slow = SidecarFile.parse(text.replace('tags:\n', 'p: &p 1\nq: *p\ntags:\n'));
    assert.ok(fast.ok && slow.ok);
    assert.deepEqual(fast.sidecar.tags, slow.sidecar.tags);
    assert.doesNotThrow(() => fast.sidecar.serialize(fast.sidecar.tags, 'b'.repeat(64)));
  });
});

describe('numbers too large for a double', () => {
  it('read as the text written on the careful path too, as the fast path and the scanner read them (1e400 was Infinity there)', () => {
    const file = (attributes: string): string => `newsmark: 1\narticle: a.txt\nsha256: ${'a'.repeat(64)}\ntags:\n  - id: "0000beef"\n    category: claim\n    start: 0\n    end: 1\n    text: a\n    author: 1e400\n    attributes: ${attributes}\n`;
    const fast = SidecarFile.parse(file('{ x: 1e400, y: [2e999], z: .inf }'));
    // An anchor and alias send a file down the careful path.
    const careful = SidecarFile.parse(file('&a { x: 1e400, y: [2e999], z: .inf }\n    note: *a'.replace('note: *a', 'reviewer: x')).replace('text: a', 'text: &t a\n    previous_text: *t'));
    assert.ok(fast.ok && careful.ok);
    assert.deepEqual(fast.sidecar.tags[0]!.attributes, { x: '1e400', y: ['2e999'], z: Infinity });
    assert.deepEqual(careful.sidecar.tags[0]!.attributes, fast.sidecar.tags[0]!.attributes);
    assert.equal(careful.sidecar.tags[0]!.author, '1e400');
  });
});
