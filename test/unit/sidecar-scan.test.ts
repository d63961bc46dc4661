// The scanner for Newsmark's own sidecar layout (src/core/sidecarScan.ts) against the readers it
// stands in for: on any file it reads, exactly js-yaml's fast-path values and the careful path's
// tags; on anything else, it gives up and they decide.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CATEGORY_IDS } from '../../src/core/codebook';
import { SidecarFile, sidecarReadPaths, type SidecarParse } from '../../src/core/sidecar';
import { scanSidecar } from '../../src/core/sidecarScan';
import { loadQuickly } from '../../src/core/sidecarSource';
import type { RejectedSuggestion, Tag } from '../../src/core/tag';

const SHA = 'c'.repeat(64);

/** Pieces of text that have tripped YAML readers: quotes, indicators, look-alike numbers, odd spaces. */
const TRICKY = [
  ' ', '  ', '"', "'", "''", ':', ': ', ' :', '#', ' #', '# ', '\n', '\n\n', '\n ', ' \n', '\u00a0', '😀', '\\', '\\n', '-', '- ', '--- ', '...',
  '?', '? ', '[', ']', '{', '}', '[]', '{}', ',', '&a', '*a', '!', '!!str', '|', '>', '%', '@', '`', '\t', '\r', '\r\n', 'true', 'False', 'null',
  '~', 'yes', '123e4567', '1e10', '0x1f', '0o17', '1.5', '15.0', '-0', '+5', '.inf', '.nan', '0019', '2024-01-01', '12:30', '\u2028', '\u2029',
  '\u0085', '\ufeff', '\ud800', '\udc00', '\u0007', '\u007f', '…', '“', '”', '’', 'é', 'e\u0301', 'Ω', '漢字', '𝐀', 'a', 'b', 'Z', '0', '9', ' x',
];
/** What the scanner leaves to the other readers wherever it is: tab, CR, controls, BOM, lone surrogates. */
// eslint-disable-next-line no-control-regex
const LEFT_TO_OTHERS = /[\t\r\u0000-\u0008\u000b-\u001f\u007f-\u0084\u0086-\u009f\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?:[^\ud800-\udbff]|^)[\udc00-\udfff]/;

/** Text of TRICKY pieces and any code points; `ordinary` drops what is left to the other readers. */
function textOf(ordinary: boolean): (maxLength: number) => fc.Arbitrary<string> {
  const unit = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) });
  return (maxLength) => fc.string({ unit: ordinary ? unit.filter((piece) => !LEFT_TO_OTHERS.test(piece)) : unit, maxLength });
}

/** A sidecar's contents: tags with every optional field, rejected suggestions, header details. */
function sidecarOf(ordinary: boolean) {
  const text = textOf(ordinary);
  /** An id as Newsmark makes them, as PyYAML-era files have them, or anything at all. */
  const anyId = fc.oneof(
    fc.stringMatching(/^[0-9a-f]{8}$/),
    fc.stringMatching(/^[0-9]{1,4}[eE][0-9]{1,4}$/),
    fc.constantFrom('123e4567', '0019', '12345678', '0x1f', 'true', 'null', '~', '1.5', '.inf', '-', '- x'),
    text(6).filter((id) => id !== ''),
  );
  // Whole floats (3.0, 1e21) are left to the careful path, which alone knows if they are offsets.
  const numbers = ordinary ? fc.constantFrom(0.5, -2.25, 1e-7, NaN, -Infinity, true, false, null) : fc.constantFrom(0.5, -2.25, 1e-7, 3.0, 1e21, NaN, true, false, null);
  const attributeValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text(12),
      fc.integer({ min: -1000, max: 10 ** 12 }),
      numbers,
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), tie('value'), { maxKeys: 3 }),
    ),
  })).value;
  const tag: fc.Arbitrary<Tag> = fc.record({
    id: anyId,
    category: fc.constantFrom(...CATEGORY_IDS),
    start: fc.nat({ max: 100_000 }),
    length: fc.integer({ min: 1, max: 500 }),
    text: text(60),
    prefix: text(20),
    suffix: text(20),
    note: fc.option(text(60), { nil: undefined }),
    attributes: fc.option(fc.dictionary(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,8}$/), attributeValue, { maxKeys: 4 }), { nil: undefined }),
    author: fc.option(text(10), { nil: undefined }),
    created: fc.option(fc.constantFrom('2026-11-30T12:10:00.000Z', '2026-11-30'), { nil: undefined }),
    status: fc.option(fc.constantFrom('moved' as const, 'fuzzy' as const, 'orphaned' as const), { nil: undefined }),
    previousText: fc.option(text(20), { nil: undefined }),
    review: fc.option(fc.constantFrom('confirmed' as const, 'disputed' as const), { nil: undefined }),
    reviewer: fc.option(text(8), { nil: undefined }),
  }, { requiredKeys: ['id', 'category', 'start', 'length', 'text', 'prefix', 'suffix'] })
    .map(({ length, ...fields }) => ({ ...fields, end: fields.start + length }));
  const rejected: fc.Arbitrary<RejectedSuggestion> = fc.record({ category: fc.constantFrom(...CATEGORY_IDS), start: fc.nat({ max: 1000 }), end: fc.nat({ max: 1000 }), text: text(20) });
  return fc.record({
    tags: fc.uniqueArray(tag, { maxLength: 6, selector: (t) => t.id }),
    rejected: fc.array(rejected, { maxLength: 2 }),
    details: fc.record({ outlet: text(12), url: text(20), headline: text(40), published: fc.constantFrom('2026-11-30', '30 Nov 2026', '') }, { requiredKeys: [] }),
  });
}

/** Newsmark's own writer; undefined for the few inputs it refuses to write. */
function written(sidecar: { tags: Tag[]; rejected: RejectedSuggestion[]; details: Record<string, string> }): string | undefined {
  try {
    return SidecarFile.create('story.txt', SHA).serialize(sidecar.tags, SHA, 'story.txt', sidecar.rejected, sidecar.details);
  } catch {
    return undefined;
  }
}

/** The same file forced down the careful path (the yaml package): an alias after everything else. */
function careful(text: string): string {
  return `${text.endsWith('\n') ? text : `${text}\n`}scan_test_anchor: &scan_test x\nscan_test_alias: *scan_test\n`;
}

function summary(result: SidecarParse): unknown {
  if (!result.ok) return { problems: result.problems };
  const s = result.sidecar;
  return { article: s.article, sha256: s.sha256, tags: s.tags, rejected: s.rejected, invalid: s.invalidTags, details: s.details, detailProblems: s.detailProblems };
}

/**
 * What must hold of any text: where the scanner reads it, its values are js-yaml's fast-path
 * values, and the file reads as the careful path reads it. Returns whether it was scanned.
 */
function agrees(text: string): boolean {
  const scanned = scanSidecar(text);
  if (scanned === undefined) return false;
  assert.deepStrictEqual(scanned, loadQuickly(text), 'the scanner reads what js-yaml reads');
  assert.deepStrictEqual(summary(SidecarFile.parse(text)), summary(SidecarFile.parse(careful(text))), 'and what the careful path reads');
  return true;
}

describe('the sidecar scanner', () => {
  it('reads whatever Newsmark writes as both existing readers do, or gives up (property)', () => {
    fc.assert(fc.property(sidecarOf(false), (sidecar) => {
      const text = written(sidecar);
      if (text !== undefined) agrees(text);
    }), { numRuns: 1000 });
  });

  it('reads every file of ordinary text that Newsmark writes and js-yaml reads, however tricky the text (property)', () => {
    fc.assert(fc.property(sidecarOf(true), (sidecar) => {
      const text = written(sidecar);
      // js-yaml leaves numbers such as `-0x1f` (an author's name, plain) to the careful path: so does the scanner.
      if (text !== undefined && loadQuickly(text) !== undefined) assert.ok(agrees(text), `not scanned:\n${text}`);
    }), { numRuns: 1000 });
  });

  it('gives up on, or reads exactly as before, any mutation of a written file (property)', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...TRICKY, 'id: x', '- ', '  ', '\n  - id: y\n') }),
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(...TRICKY) }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
      fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -2, max: 2 }) }),
    );
    let scanned = 0;
    let runs = 0;
    fc.assert(fc.property(sidecarOf(true), fc.array(mutation, { minLength: 1, maxLength: 3 }), (sidecar, mutations) => {
      let text = written(sidecar);
      if (text === undefined) return;
      for (const m of mutations) text = mutate(text, m);
      runs++;
      if (agrees(text)) scanned++;
    }), { numRuns: 1500 });
    assert.ok(scanned > runs / 8, `scanned ${scanned} of ${runs}`);
  });

  it('keeps files as PyYAML writes them on the scanner: flush lists, bare ids such as 123e4567', () => {
    const text = `newsmark: 1\narticle: story.txt\nsha256: ${SHA}\ntags:\n- id: 123e4567\n  category: figure\n  start: 10\n  end: 15\n  text: 2,417\n- id: 0000cafe\n  category: claim\n  start: 20\n  end: 30\n  text: 'was ''orderly'''\n  attributes:\n    sources:\n    - council\n    - 3\n`;
    const before = sidecarReadPaths.scanned;
    const read = SidecarFile.parse(text);
    assert.equal(sidecarReadPaths.scanned - before, 1);
    assert.ok(read.ok);
    assert.deepEqual(read.sidecar.tags.map((t) => [t.id, t.text, t.attributes]), [['123e4567', '2,417', undefined], ['0000cafe', "was 'orderly'", { sources: ['council', 3] }]]);
    assert.ok(agrees(text));
  });

  it('keeps long text as PyYAML folds it on the scanner: plain and single-quoted over lines, escaped line breaks', () => {
    // PyYAML 6 safe_dump (width 80) of fictional tags: allow_unicode=True, then the default ASCII escapes.
    const text = [
      'newsmark: 1',
      'article: story.txt',
      `sha256: ${SHA}`,
      'tags:',
      '- id: 123e4567',
      '  category: claim',
      '  start: 10',
      '  end: 200',
      '  text: The council said on Tuesday that the delay was routine but contained, and',
      '    that no homes had been affected by the cuts.',
      "  prefix: 'of the Lowquay Council, '",
      '- id: 0000cafe',
      '  category: figure',
      '  start: 300',
      '  end: 420',
      "  text: 'He said: “That is simply not true” — and the figure of 2,417 was “misleading”,",
      '    adding that the',
      '',
      "    report was late.'",
      "  prefix: '",
      '',
      '',
      "    Critics '",
      '- id: 0000beef',
      '  category: figure',
      '  start: 500',
      '  end: 600',
      '  text: "He said: \\u201CThat is simply not true\\u201D \\u2014 and the figure of 2,417\\',
      '    \\ was \\u201Cmisleading\\u201D, adding that the\\nreport was late."',
      '',
    ].join('\n');
    const before = sidecarReadPaths.scanned;
    const read = SidecarFile.parse(text);
    assert.equal(sidecarReadPaths.scanned - before, 1);
    assert.ok(read.ok);
    const said = 'He said: “That is simply not true” — and the figure of 2,417 was “misleading”, adding that the\nreport was late.';
    assert.deepEqual(read.sidecar.tags.map((t) => [t.id, t.text, t.prefix]), [
      ['123e4567', 'The council said on Tuesday that the delay was routine but contained, and that no homes had been affected by the cuts.', 'of the Lowquay Council, '],
      ['0000cafe', said, '\n\nCritics '],
      ['0000beef', said, ''],
    ]);
    assert.ok(agrees(text));
  });

  it('reads plain, single- and double-quoted values over lines exactly as the other readers, or gives up (property)', () => {
    const word = fc.constantFrom('the', 'council', '2,417', '“misleading”', '—', 'it’s', 'a:b', 'x#y', '-x', '- x', ':', ' #', '#', '"', "'", '1e10', 'true', '~',
      '\u00a0', '😀', '[', ']', '{', '}', ',', '&a', '*a', '!x', '|', '>', '%', '@', '`', '?', '---', '...', '\\', '\\ ', '\\u00e9', '\\x', '\\"', "''", '  ');
    const line = fc.record({
      words: fc.array(word, { minLength: 1, maxLength: 6 }),
      indent: fc.integer({ min: 0, max: 6 }),
      blank: fc.nat({ max: 2 }),
      spacesBefore: fc.nat({ max: 1 }),
      escaped: fc.boolean(),
    });
    const value = fc.record({ style: fc.constantFrom('', "'", '"'), lines: fc.array(line, { minLength: 1, maxLength: 4 }) });
    let scanned = 0;
    let runs = 0;
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), (values) => {
      const entries = values.map(({ style, lines }, i) => {
        const body = lines.map((l, n) => (n === 0 ? '' : `${' '.repeat(l.spacesBefore)}${l.escaped ? '\\' : ''}\n${'\n'.repeat(l.blank)}${' '.repeat(l.indent)}`) + l.words.join(' ')).join('');
        return `- id: id${i}\n  category: claim\n  start: ${i}\n  end: ${i + 1}\n  text: ${style}${body}${style}\n  prefix: x\n`;
      });
      const text = `newsmark: 1\narticle: story.txt\nsha256: ${SHA}\ntags:\n${entries.join('')}`;
      runs++;
      if (agrees(text)) scanned++;
    }), { numRuns: 3000 });
    assert.ok(scanned > runs / 10, `scanned ${scanned} of ${runs}`);
  });

  it('reads multi-line quoted text, escapes and comments as the writer and users leave them', () => {
    const text = [
      '# Newsmark tags for story.txt',
      'newsmark: 1',
      'article: story.txt   # the file beside this one',
      `sha256: "${SHA}"`,
      'tags:',
      '  # checked on Monday',
      '  - id: a1b2c3d4',
      '    category: claim',
      '    start: 0',
      '    end: 40',
      '    text: "The council said \\"no\\".\\ ',
      '',
      '      \\ Then, after a pause:',
      '',
      '',
      '      it would \\u00e9tudier \\U0001F600 the\\tplan"',
      "    prefix: ''",
      "    suffix: 'it''s'",
      '    note:   plain note # and a comment',
      '    attributes: {}',
      'rejected: []',
      '',
    ].join('\n');
    const read = SidecarFile.parse(text);
    assert.ok(read.ok);
    assert.equal(read.sidecar.tags[0]?.text, 'The council said "no". \n Then, after a pause:\n\nit would \u00e9tudier \u{1F600} the\tplan');
    assert.equal(read.sidecar.tags[0]?.suffix, "it's");
    assert.equal(read.sidecar.tags[0]?.note, 'plain note');
    assert.ok(agrees(text));
  });

  const base = `newsmark: 1\narticle: story.txt\nsha256: ${SHA}\ntags:\n  - id: a1b2c3d4\n    category: claim\n    start: 1\n    end: 5\n    text: "text"\n`;
  const outside: [string, string][] = [
    ['an anchor and alias', base + 'x: &a 1\ny: *a\n'],
    ['a YAML tag', base.replace('"text"', '!!str text')],
    ['a flow mapping', base + 'x: {a: 1}\n'],
    ['a block scalar', base.replace('"text"', '|\n      text')],
    ['a tab', base.replace('    end', '\tend')],
    ['CRLF line ends', base.replace(/\n/g, '\r\n')],
    ['a duplicate key', base + 'article: other.txt\n'],
    ['a second document', base + '---\nnewsmark: 1\n'],
    ['a directive', '%YAML 1.2\n---\n' + base],
    ['a byte order mark', '\ufeff' + base],
    ['an offset written 15.0', base.replace('start: 1', 'start: 1.0')],
    ['an offset written 0x1', base.replace('start: 1', 'start: 0x1')],
    ['an id every reader takes for a number', base.replace('a1b2c3d4', '0x1f')],
    ['an id on the next line', base.replace('id: a1b2c3d4', 'id:\n      a1b2c3d4')],
    ['a plain value going on after a comment', base.replace('category: claim', 'category: claim # why\n      more')],
    ['an id over two lines', base.replace('id: a1b2c3d4', 'id: a1b2\n      c3d4')],
    ['a comment indented under a plain value', base.replace('category: claim', 'category: claim\n      # why')],
    ['a quoted key', base.replace('category:', '"category":')],
    ['an escaped line break and a blank line (js-yaml drops it, the yaml package keeps it)', base.replace('"text"', '"te\\\n\n      xt"')],
    ['quoted text going on at the key\'s indent', base.replace('"text"', '"te\n    xt"')],
    ['a conflict marker', base + '<<<<<<< HEAD\n'],
    ['a key __proto__', base + '__proto__: x\n'],
  ];
  for (const [what, text] of outside) {
    it(`gives up on ${what}, and the other readers decide as before`, () => {
      assert.equal(scanSidecar(text), undefined);
    });
  }
});

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert' | 'replace'; at: number; text: string }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'indent'; at: number; by: number };

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete': return text.slice(0, at) + text.slice(at + m.length);
    case 'insert': return text.slice(0, at) + m.text + text.slice(at);
    case 'replace': return text.slice(0, at) + m.text + text.slice(at + 1);
    case 'swap': {
      const lines = text.split('\n');
      const a = m.at % lines.length;
      const b = m.other % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'indent': {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      lines[i] = m.by > 0 ? ' '.repeat(m.by) + lines[i]! : lines[i]!.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
  }
}
