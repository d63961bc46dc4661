import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import jsyaml from 'js-yaml';
import { parse as parseWithYaml } from 'yaml';
import { SidecarFile, sidecarReadPaths, type SidecarParse } from '../../src/core/sidecar';

/** Laid out as PyYAML's safe_dump writes it (list items at the key's indent, no quotes where YAML 1.1 needs none). */
const FROM_PYTHON = `newsmark: 1
article: story.txt
sha256: ${'a'.repeat(64)}
tags:
- id: 0000beef
  category: figure
  start: 10
  end: 15
  text: 2,417
- id: 0000cafe
  category: claim
  start: 20
  end: 30
  text: was orderly
`;

/** A harmless anchor and alias send the file down the careful path (the yaml package). */
const careful = (text: string): string => text.replace('article: story.txt\n', 'article: story.txt\nproject: &p flood\nalso: *p\n');

const withId = (id: string): string => FROM_PYTHON.replace('id: 0000cafe', `id: ${id}`);

function read(text: string): { sidecar: SidecarFile; thorough: number } {
  const before = sidecarReadPaths.thorough;
  const result = SidecarFile.parse(text);
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return { sidecar: result.sidecar, thorough: sidecarReadPaths.thorough - before };
}

function summary(result: SidecarParse): unknown {
  if (!result.ok) return { problems: result.problems.map((p) => ({ ...p, message: p.message.replace(/ at line \d+, column \d+:$/, '') })) };
  return { tags: result.sidecar.tags.map((t) => [t.id, t.start, t.end]), invalid: result.sidecar.invalidTags.map((e) => [e.index, e.line, e.message]) };
}

/** What a YAML 1.2 reader (js-yaml, the yaml package) makes of the id written back. */
function idsAsRead(text: string): unknown[] {
  const viaJsYaml = (jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) as { tags: { id: unknown }[] }).tags.map((t) => t.id);
  const viaYaml = (parseWithYaml(text) as { tags: { id: unknown }[] }).tags.map((t) => t.id);
  assert.deepEqual(viaJsYaml, viaYaml, 'both YAML 1.2 readers agree');
  return viaYaml;
}

describe('tag ids that PyYAML writes unquoted', () => {
  // Each checked against PyYAML 6: safe_dump writes these strings without quotes, because YAML 1.1
  // reads them back as strings; YAML 1.2 reads every one as a number.
  for (const id of ['123e4567', '1e10', '0019', '08123456', '0e123456', '1234e567', '12e4', '1.5e6', '1e+5']) {
    it(`reads id: ${id} as "${id}", on the fast path, and writes it back quoted`, () => {
      const { sidecar, thorough } = read(withId(id));
      assert.deepEqual(sidecar.tags.map((t) => t.id), ['0000beef', id]);
      assert.deepEqual(sidecar.invalidTags, []);
      assert.equal(thorough, 0, 'the file stays on the fast path');
      assert.deepEqual(read(careful(withId(id))).sidecar.tags.map((t) => t.id), ['0000beef', id], 'the careful path agrees');
      assert.deepEqual(sidecar.positionOf(id), { line: 10, column: 3 });

      const written = sidecar.serialize(sidecar.tags.map((t) => ({ ...t, note: 'checked' })), sidecar.sha256);
      assert.ok(written.includes(`- id: "${id}"\n`), written);
      assert.deepEqual(idsAsRead(written), ['0000beef', id]);
      const again = read(written);
      assert.deepEqual(again.sidecar.tags.map((t) => [t.id, t.note]), [['0000beef', 'checked'], [id, 'checked']]);
      assert.equal(again.thorough, 0);
    });
  }

  // PyYAML quotes these: written bare, YAML 1.1 and 1.2 both read a number (`0012` is 10 to one
  // and 12 to the other), so which id was meant is not certain.
  for (const id of ['12345678', '0012', '0x1f', '1.5', '+12', '.inf']) {
    it(`still sets aside id: ${id}, which every reader takes for a number, asking to quote it`, () => {
      for (const text of [withId(id), careful(withId(id))]) {
        const { sidecar } = read(text);
        assert.deepEqual(sidecar.tags.map((t) => t.id), ['0000beef']);
        assert.match(sidecar.invalidTags[0]?.message ?? '', /is read as a number: quote it/);
      }
    });
  }

  it('reads a corpus-like file of random hex ids without the careful path', () => {
    const ids = ['9e3f0a1c', '12e45678', '0089e123', '00000009', 'deadbeef', '5e000001', '80000000'];
    const text = `newsmark: 1\narticle: story.txt\nsha256: ${'a'.repeat(64)}\ntags:\n${ids.map((id, i) => `- id: ${id}\n  category: claim\n  start: ${i * 10}\n  end: ${i * 10 + 5}\n  text: words\n`).join('')}`;
    const { sidecar, thorough } = read(text);
    const refused = sidecar.invalidTags.map((e) => e.message);
    // 80000000 is a number to every reader: the one entry set aside, which takes the careful path.
    assert.deepEqual(refused, ['Tag id 80000000 is read as a number: quote it, e.g. "12345678".']);
    assert.equal(thorough, 1);
    assert.deepEqual(sidecar.tags.map((t) => t.id), ids.slice(0, -1));
    const withoutIt = text.replace(/- id: 80000000[\s\S]*$/, '');
    assert.equal(read(withoutIt).thorough, 0);
  });

  it('reads an id in a flow mapping by its text too (the careful path)', () => {
    const text = FROM_PYTHON.replace(/- id: 0000cafe[\s\S]*/, '- {id: 1e10, category: claim, start: 20, end: 30, text: was orderly}\n');
    assert.deepEqual(read(text).sidecar.tags.map((t) => t.id), ['0000beef', '1e10']);
  });

  it('leaves a number under another key named id alone: attributes are the analyst\'s values', () => {
    const text = FROM_PYTHON.replace('  text: was orderly\n', '  text: was orderly\n  attributes:\n    id: 1e10\n');
    for (const form of [text, careful(text)]) assert.deepEqual(read(form).sidecar.tags[1]?.attributes, { id: 1e10 });
  });

  it('reads any number-like id the same on both read paths, as written when accepted (property)', () => {
    const back = (line: number): number => (line > 2 ? line - 2 : line);
    const shifted = (result: SidecarParse): unknown => {
      const s = summary(result) as { problems?: { line: number }[]; invalid?: [number, number, string][] };
      if (s.problems) return { problems: s.problems.map((p) => ({ ...p, line: back(p.line) })) };
      return { ...s, invalid: s.invalid?.map(([i, line, m]) => [i, back(line), m]) };
    };
    const numberLike = fc.string({ unit: fc.constantFrom('0', '1', '2', '8', '9', '.', 'e', 'E', '+', '-', '_', 'x', 'o', 'b', 'f'), minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(numberLike, (id) => {
        const text = withId(id);
        const fast = SidecarFile.parse(text);
        assert.deepEqual(shifted(SidecarFile.parse(careful(text))), summary(fast));
        if (!fast.ok || fast.sidecar.invalidTags.length > 0) return;
        assert.ok(fast.sidecar.tags.some((t) => t.id === id), `read as written: ${JSON.stringify(summary(fast))}`);
        const written = fast.sidecar.serialize(fast.sidecar.tags, 'b'.repeat(64));
        assert.ok(idsAsRead(written).includes(id), `written back so YAML 1.2 reads "${id}":\n${written}`);
      }),
      { numRuns: 500 },
    );
  });
});
