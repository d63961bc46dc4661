import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { sameDetails } from '../../src/core/details';
import { SidecarFile } from '../../src/core/sidecar';

const SHA = 'a'.repeat(64);
const WITH_CODES = `newsmark: 1
article: ferry.txt
sha256: ${SHA}
outlet: The Harbor Gazette
codes:
  primary_frame: Security and defense # the desk's call
  tone: [negative, alarmed]
tags: []
`;

function parse(text: string): SidecarFile {
  const result = SidecarFile.parse(text);
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return result.sidecar;
}

describe('article-level codes (codes: in the sidecar header)', () => {
  it('are read as text, one value or a list', () => {
    assert.deepEqual(parse(WITH_CODES).details.codes, { primary_frame: 'Security and defense', tone: ['negative', 'alarmed'] });
  });

  it('are written before tags when set, changed in place (comments kept elsewhere) and removed when emptied', () => {
    const plain = parse(WITH_CODES.replace(/codes:\n.*\n.*\n/, ''));
    const added = plain.serialize([], SHA, undefined, undefined, { ...plain.details, codes: { primary_frame: 'Economic' } });
    assert.match(added, /outlet: The Harbor Gazette\ncodes:\n {2}primary_frame: Economic\ntags: \[\]/);
    const sidecar = parse(WITH_CODES);
    const changed = sidecar.serialize([], SHA, undefined, undefined, { ...sidecar.details, codes: { primary_frame: 'Political', tone: ['negative', 'alarmed'] } });
    assert.deepEqual(parse(changed).details.codes, { primary_frame: 'Political', tone: ['negative', 'alarmed'] });
    const { codes: _gone, ...rest } = sidecar.details;
    const removed = sidecar.serialize([], SHA, undefined, undefined, rest);
    assert.doesNotMatch(removed, /codes|primary_frame/);
    assert.match(removed, /outlet: The Harbor Gazette/);
  });

  it('a code that is not text or a list of text is reported and kept in the file, never dropped', () => {
    const result = SidecarFile.parse(WITH_CODES.replace('tone: [negative, alarmed]', 'tone: { a: 1 }'));
    assert.ok(result.ok);
    assert.deepEqual(result.sidecar.details.codes, { primary_frame: 'Security and defense' });
    assert.ok(result.sidecar.detailProblems.some((p) => /tone/.test(p.message)), JSON.stringify(result.sidecar.detailProblems));
    const out = result.sidecar.serialize(result.sidecar.tags, SHA);
    assert.match(out, /tone: \{ a: 1 \}/);
  });

  it('two sets of codes are the same whatever their key order', () => {
    assert.equal(sameDetails({ codes: { a: 'x', b: ['y'] } }, { codes: { b: ['y'], a: 'x' } }), true);
    assert.equal(sameDetails({ codes: { a: 'x' } }, { codes: { a: 'z' } }), false);
    assert.equal(sameDetails({}, { codes: {} }), true);
  });
});
