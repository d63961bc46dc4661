import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mergeTags } from '../../src/core/merge';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';

const SHA = 'a'.repeat(64);
const BASE = `newsmark: 1
article: ferry.txt
sha256: ${SHA}
tags:
  - id: 0000beef
    category: framing
    label: Loaded_Language
    start: 10
    end: 22
    text: "a reckless gamble"
    prefix: ""
    suffix: ""
  - id: 0000cafe
    category: framing
    label: "Name_Calling,Labeling"
    start: 30
    end: 40
    text: "the cowboys"
    prefix: ""
    suffix: ""
`;

function parse(text: string): SidecarFile {
  const result = SidecarFile.parse(text);
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
  return result.sidecar;
}

describe('a tag\'s sub-label (label:)', () => {
  it('is read from the sidecar, commas and all', () => {
    assert.deepEqual(parse(BASE).tags.map((t) => t.label), ['Loaded_Language', 'Name_Calling,Labeling']);
  });

  it('is written right after the category for a new tag, changed in place and removed when cleared', () => {
    const sidecar = parse(BASE);
    const [first, second] = sidecar.tags as [Tag, Tag];
    const added: Tag = { id: '0000f00d', category: 'framing', label: 'Doubt', start: 50, end: 60, text: 'so-called', prefix: '', suffix: '' };
    const { label: _dropped, ...plain } = second;
    const out = sidecar.serialize([{ ...first, label: 'Exaggeration,Minimisation' }, plain, added], SHA);
    assert.match(out, /- id: 0000f00d\n {4}category: framing\n {4}label: Doubt\n/);
    const again = parse(out);
    assert.deepEqual(again.tags.map((t) => [t.id, t.label]), [['0000beef', 'Exaggeration,Minimisation'], ['0000cafe', undefined], ['0000f00d', 'Doubt']]);
  });

  it('a label that looks like a number or a boolean stays the text written', () => {
    const out = parse(BASE).serialize([{ id: '0000d00d', category: 'claim', label: '2020', start: 1, end: 3, text: 'ab', prefix: '', suffix: '' }], SHA);
    assert.equal(parse(out).tags[0]?.label, '2020');
    assert.equal(parse(BASE.replace('label: Loaded_Language', 'label: true')).tags[0]?.label, 'true');
  });

  it('a sub-label changed in one window and a note in another merge without a conflict; two different sub-labels conflict', () => {
    const base = parse(BASE).tags;
    const mine = base.map((t) => (t.id === '0000beef' ? { ...t, label: 'Doubt' } : t));
    const theirs = base.map((t) => (t.id === '0000beef' ? { ...t, note: 'check' } : t));
    const merged = mergeTags(base, mine, theirs);
    assert.deepEqual(merged.conflicts, []);
    assert.deepEqual(merged.tags.filter((t) => t.id === '0000beef').map((t) => [t.label, t.note]), [['Doubt', 'check']]);
    const other = base.map((t) => (t.id === '0000beef' ? { ...t, label: 'Slogans' } : t));
    assert.equal(mergeTags(base, mine, other).conflicts.length, 1);
  });
});
