import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import jsyaml from 'js-yaml';
import { SidecarFile } from '../../src/core/sidecar';
import { patchSidecar } from '../../src/core/sidecarPatch';
import { idNeedsQuotes } from '../../src/core/sidecarSource';
import type { ArticleDetails } from '../../src/core/details';
import { sortTags, type RejectedSuggestion, type Tag } from '../../src/core/tag';

const SHA = 'a'.repeat(64);

function parse(text: string): SidecarFile {
  const result = SidecarFile.parse(text);
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return result.sidecar;
}

/** What a reader gets from a sidecar: what the patch and the whole write must agree on. */
function contents(text: string): unknown {
  const s = parse(text);
  return { article: s.article, sha256: s.sha256, tags: s.tags, rejected: s.rejected, details: s.details, invalid: s.invalidTags.length };
}

/** Each entry's text (from its `-` to its last line), by id, in a file laid out with items at `indent`. */
function entryTexts(text: string, indent: number): Map<string, string> {
  const lines = text.split('\n');
  const found = new Map<string, string>();
  const item = new RegExp(`^ {${indent}}- `);
  for (let i = 0; i < lines.length; i++) {
    if (!item.test(lines[i]!)) continue;
    let end = i;
    for (let j = i + 1; j < lines.length && !item.test(lines[j]!) && /^ /.test(lines[j]!) && lines[j]!.length > indent && lines[j]![indent] === ' '; j++) end = j;
    const block = lines.slice(i, end + 1).join('\n') + '\n';
    const id = /\bid: (\S+)/.exec(block)?.[1]?.replace(/^["']|["']$/g, '');
    if (id) found.set(id, block);
  }
  return found;
}

const hex = fc.stringMatching(/^[0-9a-f]{8}$/);
const words = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"', "'", '#', ':', '\n', '-', '1', 'é', '“'), minLength: 1, maxLength: 12 });
const tagArb = fc.record({
  id: hex,
  category: fc.constantFrom('claim', 'denial', 'figure', 'framing'),
  start: fc.nat(500),
  length: fc.integer({ min: 1, max: 40 }),
  text: words,
  prefix: fc.oneof(fc.constant(''), words),
  suffix: fc.oneof(fc.constant(''), words),
  note: fc.option(words, { nil: undefined }),
  status: fc.option(fc.constantFrom('fuzzy', 'orphaned'), { nil: undefined }),
  attributes: fc.option(fc.dictionary(fc.constantFrom('unit', 'value', 'source'), fc.oneof(words, fc.integer())), { nil: undefined }),
}).map(({ length, note, status, attributes, ...t }): Tag => ({
  ...t, end: t.start + length,
  ...(note !== undefined ? { note } : {}), ...(status ? { status } : {}), ...(attributes ? { attributes } : {}),
}));

type Change = { kind: 'keep' } | { kind: 'note'; note: string } | { kind: 'shift'; by: number } | { kind: 'text'; text: string } | { kind: 'delete' };
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'keep' as const }) },
  { weight: 1, arbitrary: words.map((note) => ({ kind: 'note' as const, note })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map((by) => ({ kind: 'shift' as const, by })) },
  { weight: 1, arbitrary: words.map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
);

function apply(tag: Tag, change: Change): Tag | undefined {
  switch (change.kind) {
    case 'keep': return tag;
    case 'note': return { ...tag, note: change.note };
    case 'shift': return { ...tag, start: tag.start + change.by, end: tag.end + change.by };
    case 'text': return { ...tag, text: change.text };
    case 'delete': return undefined;
  }
}

/** A file as Newsmark writes it, or as PyYAML lays one out (items at the key's indent), with comments and unknown keys. */
function layout(tags: readonly Tag[], style: 'newsmark' | 'python', comments: boolean, rejected: RejectedSuggestion[]): string {
  if (style === 'newsmark') {
    let text = SidecarFile.create('story.txt', SHA).serialize(tags, SHA, 'story.txt', rejected);
    if (comments) text = text.replace(/^( {2}- id: .*)$/m, '  # the first entry\n$1').replace(/^( {4}category: .*)$/gm, '$1 # checked\n    project: flood');
    return text;
  }
  const plain = {
    newsmark: 1, article: 'story.txt', sha256: SHA, outlet: 'The Clarion',
    ...(rejected.length > 0 ? { rejected } : {}),
    tags: sortTags(tags).map((t) => ({ id: t.id, category: t.category, start: t.start, end: t.end, text: t.text, prefix: t.prefix, suffix: t.suffix, ...(t.note !== undefined ? { note: t.note } : {}), ...(t.status ? { status: t.status } : {}), ...(t.attributes ? { attributes: t.attributes } : {}) })),
  };
  let text = jsyaml.dump(plain, { noArrayIndent: true, lineWidth: -1, schema: jsyaml.CORE_SCHEMA });
  if (comments) text = text.replace(/^(tags:)$/m, '# from the pipeline\n$1').replace(/^( {2}category: .*)$/gm, '$1 # by the model');
  return text;
}

describe('a re-save patches the sidecar text', () => {
  it('reads back exactly as the whole write would, keeping unchanged entries byte for byte (property)', () => {
    let patchedRuns = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(tagArb, { minLength: 0, maxLength: 8, selector: (t) => t.id }),
        fc.array(changeArb, { minLength: 8, maxLength: 8 }),
        fc.uniqueArray(tagArb, { maxLength: 3, selector: (t) => t.id }),
        fc.constantFrom<'newsmark' | 'python'>('newsmark', 'python'),
        fc.boolean(),
        fc.record({ sha: fc.boolean(), details: fc.option(fc.record({ outlet: fc.option(words, { nil: undefined }), headline: fc.option(words, { nil: undefined }) }), { nil: undefined }), reject: fc.boolean() }),
        (tags, changes, added, style, comments, header) => {
          const original = layout(tags, style, comments, []);
          const sidecar = parse(original);
          const changed = sidecar.tags.map((t, i) => apply(t, changes[i]!)).filter((t): t is Tag => t !== undefined);
          const taken = new Set(sidecar.tags.map((t) => t.id));
          const next = [...changed, ...added.filter((t) => !taken.has(t.id))];
          const sha = header.sha ? 'b'.repeat(64) : sidecar.sha256;
          const rejected: RejectedSuggestion[] = header.reject ? [{ category: 'claim', start: 1, end: 4, text: 'said: "no"' }] : [];
          const details: ArticleDetails | undefined = header.details ? { ...sidecar.details, ...header.details } : undefined;

          const whole = sidecar.serializeWhole(next, sha, 'story.txt', rejected, details);
          const patched = patchSidecar(original, sidecar, { tags: next, sha256: sha, article: 'story.txt', rejected, ...(details ? { details } : {}) });
          if (patched === undefined) return;
          patchedRuns++;
          // The whole write can produce YAML that does not read back (an existing plain value set to
          // `:\na` becomes `outlet: :`): nothing is written then; the patch must still read back.
          if (SidecarFile.parse(whole).ok) assert.deepEqual(contents(patched), contents(whole), `patched:\n${patched}\nwhole:\n${whole}`);
          else assert.deepEqual((contents(patched) as { tags: unknown }).tags, (contents(layout(next, 'newsmark', false, [])) as { tags: unknown }).tags);
          const before = entryTexts(original, style === 'newsmark' ? 2 : 0);
          for (const tag of next) {
            const old = sidecar.tags.find((t) => t.id === tag.id);
            // Empty attributes are dropped by any write, and a bare id YAML 1.2 reads as a number
            // is quoted: such an entry is written again.
            const asWritten = (!tag.attributes || Object.keys(tag.attributes).length > 0) && !(idNeedsQuotes(tag.id) && before.get(tag.id)?.includes(`id: ${tag.id}\n`));
            if (old && JSON.stringify(old) === JSON.stringify(tag) && asWritten) assert.ok(patched.includes(before.get(tag.id)!), `entry ${tag.id} kept byte for byte:\n${patched}`);
          }
          assert.equal(sidecar.serialize(next, sha, 'story.txt', rejected, details), patched, 'serialize takes the patch');
        },
      ),
      { numRuns: 400 },
    );
    // The patch gives up on some layouts (new header keys, flow-style lists); about half the runs
    // patch, varying with the random seed: a quarter is the floor that says the property tested it.
    assert.ok(patchedRuns > 100, `the patch applied in ${patchedRuns} of 400 runs`);
  });

  it('changes only the lines of the tag that changed, and the hash', () => {
    const tags = Array.from({ length: 200 }, (_, i): Tag => ({ id: (0x10000000 + i).toString(16), category: 'claim', start: i * 10, end: i * 10 + 5, text: `words ${i}`, prefix: '', suffix: '' }));
    const original = SidecarFile.create('story.txt', SHA).serialize(tags, SHA);
    const sidecar = parse(original);
    const next = sidecar.tags.map((t) => (t.id === '10000064' ? { ...t, note: 'checked' } : t));
    const patched = patchSidecar(original, sidecar, { tags: next, sha256: 'b'.repeat(64), article: sidecar.article, rejected: [] });
    assert.ok(patched !== undefined);
    const a = original.split('\n');
    const b = patched.split('\n');
    assert.equal(b.length, a.length + 1);
    const differing = a.map((line, i) => (line === b[i] ? -1 : i)).filter((i) => i >= 0);
    assert.equal(a[differing[0]!], `sha256: ${SHA}`);
    assert.ok(patched.includes('    note: "checked"\n'));
    assert.deepEqual(contents(patched), contents(sidecar.serializeWhole(next, 'b'.repeat(64))));
  });

  for (const [name, text] of [
    ['a flow-style tags list', `newsmark: 1\narticle: story.txt\nsha256: ${SHA}\ntags: [{id: 0000beef, category: claim, start: 0, end: 5, text: hello}]\n`],
    ['an anchor and alias', `newsmark: 1\narticle: story.txt\nsha256: ${SHA}\np: &p x\nq: *p\ntags:\n  - id: 0000beef\n    category: claim\n    start: 0\n    end: 5\n    text: hello\n`],
    ['CRLF line ends', `newsmark: 1\r\narticle: story.txt\r\nsha256: ${SHA}\r\ntags:\r\n  - id: 0000beef\r\n    category: claim\r\n    start: 0\r\n    end: 5\r\n    text: hello\r\n`],
    ['an entry starting on the line after its dash', `newsmark: 1\narticle: story.txt\nsha256: ${SHA}\ntags:\n  -\n    id: 0000beef\n    category: claim\n    start: 0\n    end: 5\n    text: hello\n`],
  ] as const) {
    it(`writes the whole file for ${name}, as before`, () => {
      const sidecar = parse(text);
      const next = sidecar.tags.map((t) => ({ ...t, note: 'checked' }));
      assert.equal(patchSidecar(text, sidecar, { tags: next, sha256: SHA, article: sidecar.article, rejected: [] }), undefined);
      assert.deepEqual(parse(sidecar.serialize(next, SHA)).tags, next);
    });
  }
});
